from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "gezondewijk.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from gezondewijk.demo import registry as demo
        from gezondewijk.indicators.demo import build_indicators
        from gezondewijk.permissions import policy
        from gezondewijk.permissions.policy import Permission
        from gezondewijk.places import wijk_links
        from gezondewijk.web import navigation

        # After the feature apps (network: order 100), so their providers have data.
        demo.register("indicators", build_indicators, order=demo.ORDER_FEATURES + 50)
        navigation.register(
            navigation.MenuItem(
                _("Indicators"),
                "indicators:map",
                order=40,
                visible=lambda user: policy.allows(user, Permission.VIEW_INDICATORS),
            )
        )
        wijk_links.register(
            wijk_links.WijkLink(
                _("Benchmark"),
                "indicators:wijk",
                visible=lambda user, wijk: policy.allows(user, Permission.VIEW_INDICATORS, wijk),
                order=30,
            )
        )
