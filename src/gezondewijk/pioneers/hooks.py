"""What the pioneers app gives to the apps below it."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.demo import registry as demo
from gezondewijk.permissions import policy
from gezondewijk.pioneers import personal_data
from gezondewijk.pioneers.demo_builder import build_pioneers
from gezondewijk.privacy import registry as privacy
from gezondewijk.web import navigation


def _takes_part(user: Any) -> bool:
    return policy.allows(user, policy.Permission.TAKE_PART_IN_INTERVISION)


def _assesses(user: Any) -> bool:
    return policy.allows(user, policy.Permission.ASSESS_OWN_COMPETENCIES)


def _follows_assignments(user: Any) -> bool:
    return policy.allows(user, policy.Permission.VIEW_ASSIGNMENTS)


def register() -> None:
    hooks.register(privacy.PERSONAL_DATA, personal_data.PROVIDER)
    hooks.register(demo.BUILDERS, demo.DemoBuilder("pioneers", build_pioneers, demo.ORDER_FEATURES))
    for item in (
        navigation.MenuItem(_("Intervision"), "pioneers:group_list", 60, _takes_part),
        navigation.MenuItem(
            _("Student assignments"), "pioneers:assignment_list", 62, _follows_assignments
        ),
        navigation.MenuItem(_("My competencies"), "pioneers:competencies", 61, _assesses),
    ):
        hooks.register(navigation.MENU, item)
