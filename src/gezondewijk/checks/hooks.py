"""What the checks app gives to the apps below it: its residents' answers for export and
erase, participation for the cycle's energy, the dashboard's information panel (obstacle a),
its demo and its menu entries."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.checks import demo_builder, links, personal_data
from gezondewijk.cycle import energy
from gezondewijk.dashboard import panels
from gezondewijk.demo import registry as demo_registry
from gezondewijk.people.models import Role
from gezondewijk.permissions import policy
from gezondewijk.privacy import registry as privacy
from gezondewijk.web import navigation


def _is_resident(user: Any) -> bool:
    return Role.RESIDENT in policy.roles_of(user)


def _sees_panels(user: Any) -> bool:
    return _is_resident(user) or policy.allows(user, policy.Permission.MANAGE_PANEL)


def _sees_figures(user: Any) -> bool:
    return policy.allows(user, policy.Permission.VIEW_CHECK_FIGURES)


def _manages_questionnaires(user: Any) -> bool:
    return policy.allows(user, policy.Permission.MANAGE_QUESTIONNAIRES)


def register() -> None:
    hooks.register(privacy.PERSONAL_DATA, personal_data.PROVIDER)
    hooks.register(
        energy.ENERGY_INPUTS,
        energy.EnergyInput(
            "participation", _("Panel and health-check participation"), 1.0, links.participation
        ),
    )
    hooks.register(
        panels.PANELS,
        panels.Panel(
            "checks",
            panels.Obstacle.INFORMATION,
            _("Health checks and panel"),
            links.information_panel,
            viewer=links.may_see_figures,
        ),
    )
    hooks.register(
        demo_registry.BUILDERS,
        demo_registry.DemoBuilder(
            "checks", demo_builder.build_checks, demo_registry.ORDER_FEATURES
        ),
    )
    for item in (
        navigation.MenuItem(_("My health check"), "checks:overview", 30, _is_resident),
        navigation.MenuItem(_("Health figures"), "checks:figures", 45, _sees_figures),
        navigation.MenuItem(
            _("Questionnaires"), "checks:questionnaire_list", 85, _manages_questionnaires
        ),
        navigation.MenuItem(_("Neighbourhood panel"), "checks:panel_list", 40, _sees_panels),
    ):
        hooks.register(navigation.MENU, item)
