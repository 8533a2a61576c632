"""What the initiatives app gives to the apps below it: its data for export and erase, energy
for the cycle, dashboard panels, initiatives as ties and suggestions in the network, its demo
and its menu entries."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.cycle import energy
from gezondewijk.dashboard import panels
from gezondewijk.demo import registry as demo
from gezondewijk.initiatives import (
    demo_builder,
    influence,
    network_links,
    personal_data,
    providers,
)
from gezondewijk.network import sources
from gezondewijk.people import auth_backends
from gezondewijk.permissions import policy
from gezondewijk.privacy import registry as privacy
from gezondewijk.web import navigation


def _marks_beliefs(user: Any) -> bool:
    return policy.allows(user, policy.Permission.MARK_BELIEFS)


def register() -> None:
    hooks.register(privacy.PERSONAL_DATA, personal_data.PROVIDER)
    # The region administrator keeps the list of themes and can correct initiatives.
    for label in ("initiatives.theme", "initiatives.initiative", "initiatives.activity"):
        hooks.register(auth_backends.MANAGED_MODELS, label)
    hooks.register(
        demo.BUILDERS,
        demo.DemoBuilder("initiatives", demo_builder.build_initiatives, demo.ORDER_FEATURES),
    )
    for energy_input in (
        energy.EnergyInput(
            "active_initiatives", _("Active initiatives"), 2.0, providers.live_initiatives
        ),
        energy.EnergyInput(
            "initiative_growth", _("Growth of initiatives"), 1.0, providers.initiative_growth
        ),
        energy.EnergyInput("believers", _("Believers"), 1.5, providers.believers),
        energy.EnergyInput(
            "professionals", _("Engaged professionals"), 1.0, providers.engaged_professionals
        ),
    ):
        hooks.register(energy.ENERGY_INPUTS, energy_input)
    for panel in (
        panels.Panel(
            "initiatives",
            panels.Obstacle.CONNECTING,
            _("Initiatives"),
            providers.initiatives_panel,
        ),
        panels.Panel(
            "professionals",
            panels.Obstacle.PROFESSIONALS,
            _("Engaged professionals"),
            providers.professionals_panel,
        ),
        panels.Panel(
            "reach",
            panels.Obstacle.VULNERABLE,
            _("Reach at strategic places"),
            providers.reach_panel,
        ),
    ):
        hooks.register(panels.PANELS, panel)
    hooks.register(sources.TARGET_SOURCES, network_links.TARGET_SOURCE)
    hooks.register(sources.SUGGESTION_SOURCES, network_links.SUGGESTION_SOURCE)
    hooks.register(influence.INFLUENCE_PARTS, network_links.NETWORK_REACH)
    for item in (
        navigation.MenuItem(_("Initiatives"), "initiatives:list", order=20),
        navigation.MenuItem(
            _("Introductions"), "initiatives:introductions", order=25, visible=_marks_beliefs
        ),
    ):
        hooks.register(navigation.MENU, item)
