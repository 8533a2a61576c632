from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    """Questionnaires (FHIR R4), the personal health check and the neighbourhood panel."""

    name = "gezondewijk.checks"
    verbose_name = _("Health checks and panel")

    def ready(self) -> None:
        from gezondewijk.checks import hooks

        hooks.register()
