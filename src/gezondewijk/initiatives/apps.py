from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "gezondewijk.initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from gezondewijk.demo import registry as demo
        from gezondewijk.initiatives import demo_builder, network_links, personal_data, providers
        from gezondewijk.people import auth_backends
        from gezondewijk.permissions import policy
        from gezondewijk.web import navigation

        personal_data.register()
        # The region administrator keeps the list of themes and can correct initiatives.
        auth_backends.register_managed(
            "initiatives.theme", "initiatives.initiative", "initiatives.activity"
        )
        demo.register("initiatives", demo_builder.build_initiatives, demo.ORDER_FEATURES)
        providers.register()
        network_links.register()
        navigation.register(navigation.MenuItem(_("Initiatives"), "initiatives:list", order=20))
        navigation.register(
            navigation.MenuItem(
                _("Introductions"),
                "initiatives:introductions",
                order=25,
                visible=lambda user: policy.allows(user, policy.Permission.MARK_BELIEFS),
            )
        )
