from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """Backups: the whole database (and uploaded files) in one archive, and back again."""

    name = "gezondewijk.backups"
    verbose_name = _("Backups")
