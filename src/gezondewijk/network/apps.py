from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "gezondewijk.network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from gezondewijk.network import hooks

        hooks.register()
