from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    """Welzijn op recept: professionals refer residents to a coach, initiative or activity."""

    name = "gezondewijk.referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from gezondewijk.demo import registry as demo
        from gezondewijk.people import auth_backends
        from gezondewijk.referrals import access, demo_builder, links, personal_data
        from gezondewijk.web import navigation

        personal_data.register()
        links.register()
        # The region administrator keeps the table of themes per reason.
        auth_backends.register_managed("referrals.reasontheme")
        # After initiatives (order 100): referrals point at their initiatives and activities.
        demo.register("referrals", demo_builder.build_referrals, demo.ORDER_FEATURES + 10)
        navigation.register(
            navigation.MenuItem(
                _("Referrals"),
                "referrals:home",
                order=35,
                visible=lambda user: (
                    access.may_refer(user) or access.may_receive(user) or access.may_keep_own(user)
                ),
            )
        )
        navigation.register(
            navigation.MenuItem(
                _("Referral figures"),
                "referrals:figures",
                order=46,
                visible=access.may_view_figures,
            )
        )
