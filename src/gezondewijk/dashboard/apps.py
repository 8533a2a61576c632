from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The coordinator dashboard: sits low, imports no feature app; they register panels."""

    name = "gezondewijk.dashboard"
    verbose_name = _("Coordinator dashboard")

    def ready(self) -> None:
        from gezondewijk.dashboard import hooks

        hooks.register()
