from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "gezondewijk.network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from gezondewijk.demo import registry as demo
        from gezondewijk.network import demo_network, links, personal_data
        from gezondewijk.permissions import policy
        from gezondewijk.permissions.policy import Permission
        from gezondewijk.places import wijk_links
        from gezondewijk.web import navigation

        personal_data.register()
        links.register()
        demo.register("network", demo_network.build_network, order=demo.ORDER_FEATURES)
        navigation.register(
            navigation.MenuItem(
                _("My wijk"),
                "network:mijn_wijk",
                order=20,
                visible=lambda user: policy.allows(user, Permission.KEEP_OWN_NETWORK),
            )
        )
        wijk_links.register(
            wijk_links.WijkLink(
                _("Network"),
                "network:wijk_network",
                visible=lambda user, wijk: policy.allows(
                    user, Permission.VIEW_NETWORK_AGGREGATES, wijk
                ),
                order=20,
            )
        )
