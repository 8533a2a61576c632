"""What the indicators app gives to the apps below it."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.demo import registry as demo
from gezondewijk.indicators.demo_builder import build_indicators
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places import wijk_links
from gezondewijk.places.models import Wijk
from gezondewijk.web import navigation


def _sees_indicators(user: Any) -> bool:
    return policy.allows(user, Permission.VIEW_INDICATORS)


def _sees_benchmark(user: Any, wijk: Wijk) -> bool:
    return policy.allows(user, Permission.VIEW_INDICATORS, wijk)


def register() -> None:
    # After the feature apps (network: order 100), so their providers have data.
    hooks.register(
        demo.BUILDERS,
        demo.DemoBuilder("indicators", build_indicators, order=demo.ORDER_FEATURES + 50),
    )
    hooks.register(
        navigation.MENU,
        navigation.MenuItem(_("Indicators"), "indicators:map", order=40, visible=_sees_indicators),
    )
    hooks.register(
        wijk_links.WIJK_LINKS,
        wijk_links.WijkLink(_("Benchmark"), "indicators:wijk", visible=_sees_benchmark, order=30),
    )
