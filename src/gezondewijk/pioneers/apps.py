from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _takes_part(user: Any) -> bool:
    from gezondewijk.permissions import policy

    return policy.allows(user, policy.Permission.TAKE_PART_IN_INTERVISION)


def _assesses(user: Any) -> bool:
    from gezondewijk.permissions import policy

    return policy.allows(user, policy.Permission.ASSESS_OWN_COMPETENCIES)


def _follows_assignments(user: Any) -> bool:
    from gezondewijk.permissions import policy

    return policy.allows(user, policy.Permission.VIEW_ASSIGNMENTS)


class PioneersConfig(AppConfig):
    """The Gezondheidspioniers: intervision of coordinators and their competency profile."""

    name = "gezondewijk.pioneers"
    verbose_name = _("Pioneers")

    def ready(self) -> None:
        from gezondewijk.demo import registry as demo_registry
        from gezondewijk.pioneers import personal_data
        from gezondewijk.pioneers.demo import build_pioneers
        from gezondewijk.web import navigation

        personal_data.register()
        demo_registry.register("pioneers", build_pioneers, demo_registry.ORDER_FEATURES)
        navigation.register(
            navigation.MenuItem(
                _("Intervision"), "pioneers:group_list", order=60, visible=_takes_part
            )
        )
        navigation.register(
            navigation.MenuItem(
                _("Student assignments"),
                "pioneers:assignment_list",
                order=62,
                visible=_follows_assignments,
            )
        )
        navigation.register(
            navigation.MenuItem(
                _("My competencies"), "pioneers:competencies", order=61, visible=_assesses
            )
        )
