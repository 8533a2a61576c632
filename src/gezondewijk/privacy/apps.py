from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "gezondewijk.privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from gezondewijk import freshness, hooks
        from gezondewijk.privacy import checks, personal_data
        from gezondewijk.privacy.models import AccessLog

        checks.register()
        personal_data.register()
        # Logging a read is not a change of the data: kept dashboards stay valid.
        hooks.register(freshness.WRITE_ON_READ_TABLES, AccessLog._meta.db_table)
