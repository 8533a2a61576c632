from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "gezondewijk.privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from gezondewijk.privacy import checks, personal_data

        checks.register()
        personal_data.register()
