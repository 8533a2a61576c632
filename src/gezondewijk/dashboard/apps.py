from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The coordinator dashboard: sits low, imports no feature app; they register panels."""

    name = "gezondewijk.dashboard"
    verbose_name = _("Coordinator dashboard")

    def ready(self) -> None:
        from gezondewijk.permissions import policy
        from gezondewijk.web import navigation

        navigation.register(
            navigation.MenuItem(
                _("Dashboard"),
                "dashboard:choose",
                order=15,
                visible=lambda user: policy.allows(user, policy.Permission.VIEW_DASHBOARD),
            )
        )
