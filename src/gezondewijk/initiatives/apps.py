from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "gezondewijk.initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from gezondewijk.initiatives import hooks

        hooks.register()
