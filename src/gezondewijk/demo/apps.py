from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "gezondewijk.demo"
    verbose_name = _("Demo region")

    def ready(self) -> None:
        # The demo app's own builders (places and people) go first; apps higher up register
        # theirs from their own ready(), so this app never needs to know their names.
        from gezondewijk.demo import engine

        engine.register_core_builders()
