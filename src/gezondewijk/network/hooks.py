"""What the network app gives to the apps below it: its residents' data for export and erase,
a dashboard panel (obstacle e: who is not reached), isolation per buurt as figures for the
indicators, its demo, a menu entry and a link on the wijk page."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.dashboard import panels
from gezondewijk.demo import registry as demo
from gezondewijk.indicators import providers
from gezondewijk.network import demo_builder, links, personal_data, selectors
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places import wijk_links
from gezondewijk.places.models import Wijk
from gezondewijk.privacy import registry as privacy
from gezondewijk.web import navigation


def _keeps_own_network(user: Any) -> bool:
    return policy.allows(user, Permission.KEEP_OWN_NETWORK)


def _sees_wijk_network(user: Any, wijk: Wijk) -> bool:
    return policy.allows(user, Permission.VIEW_NETWORK_AGGREGATES, wijk)


def register() -> None:
    hooks.register(privacy.PERSONAL_DATA, personal_data.PROVIDER)
    hooks.register(
        panels.PANELS,
        panels.Panel(
            "network",
            panels.Obstacle.VULNERABLE,
            _("Network of residents"),
            links.network_panel,
            order=60,
            viewer=links.may_open,
        ),
    )
    hooks.register(
        providers.FIGURE_PROVIDERS,
        providers.FigureProvider(
            source=selectors.ISOLATION_SOURCE, figures=selectors.isolation_figures
        ),
    )
    hooks.register(
        demo.BUILDERS,
        demo.DemoBuilder("network", demo_builder.build_network, order=demo.ORDER_FEATURES),
    )
    hooks.register(
        navigation.MENU,
        navigation.MenuItem(
            _("My wijk"), "network:mijn_wijk", order=20, visible=_keeps_own_network
        ),
    )
    hooks.register(
        wijk_links.WIJK_LINKS,
        wijk_links.WijkLink(
            _("Network"), "network:wijk_network", visible=_sees_wijk_network, order=20
        ),
    )
