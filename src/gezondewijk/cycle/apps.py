from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "gezondewijk.cycle"
    verbose_name = _("Implementation cycle")

    def ready(self) -> None:
        from gezondewijk.cycle import hooks

        hooks.register()
