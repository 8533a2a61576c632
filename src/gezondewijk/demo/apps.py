from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "gezondewijk.demo"
    verbose_name = _("Demo region")

    def ready(self) -> None:
        from gezondewijk.demo import hooks

        hooks.register()
