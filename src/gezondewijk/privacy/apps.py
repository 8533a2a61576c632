from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "gezondewijk.privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from django.core import checks as system_checks

        from gezondewijk.privacy import checks, hooks

        system_checks.register(checks.personal_data_is_registered, "privacy")
        hooks.register()
