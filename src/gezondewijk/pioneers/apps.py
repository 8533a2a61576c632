from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PioneersConfig(AppConfig):
    """The Gezondheidspioniers: intervision of coordinators and their competency profile."""

    name = "gezondewijk.pioneers"
    verbose_name = _("Pioneers")

    def ready(self) -> None:
        from gezondewijk.pioneers import hooks

        hooks.register()
