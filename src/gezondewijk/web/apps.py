from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The shared layout, the start page per role and log-in; no models of its own."""

    name = "gezondewijk.web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from gezondewijk import freshness
        from gezondewijk.web import hooks

        # Every write moves the data generation, so that kept results know they are stale.
        freshness.connect()
        hooks.register()
