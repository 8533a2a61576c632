"""What the dashboard gives to the menu."""

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.permissions import policy
from gezondewijk.web import navigation


def _sees_dashboard(user: object) -> bool:
    return policy.allows(user, policy.Permission.VIEW_DASHBOARD)


def register() -> None:
    hooks.register(
        navigation.MENU,
        navigation.MenuItem(_("Dashboard"), "dashboard:choose", order=15, visible=_sees_dashboard),
    )
