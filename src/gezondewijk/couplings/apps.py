from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouplingsConfig(AppConfig):
    """Couplings with the region's other systems: webhooks and the social-map exchange."""

    name = "gezondewijk.couplings"
    verbose_name = _("Couplings")

    def ready(self) -> None:
        from gezondewijk.couplings import hooks

        hooks.register()
