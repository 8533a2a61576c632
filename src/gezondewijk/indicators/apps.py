from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "gezondewijk.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from gezondewijk.indicators import hooks

        hooks.register()
