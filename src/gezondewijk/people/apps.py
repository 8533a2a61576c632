from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "gezondewijk.people"
    verbose_name = _("People and organisations")

    def ready(self) -> None:
        from gezondewijk.people import hooks

        hooks.register()
