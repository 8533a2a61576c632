from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PleinConfig(AppConfig):
    """The Gezondheidsplein: the public portal per wijk and the calendar of activities."""

    name = "gezondewijk.plein"
    verbose_name = _("Health square")

    def ready(self) -> None:
        from gezondewijk.plein import hooks

        hooks.register()
