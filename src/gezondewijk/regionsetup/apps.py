from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionSetupConfig(AppConfig):
    """Setting up a region in the product's own pages: its gemeenten, key figures, boundaries.

    It sits above `indicators` in the layers (it shows the indicators' external figures per
    gemeente and links to their recomputation) and below nothing: no app imports it.
    """

    name = "gezondewijk.regionsetup"
    verbose_name = _("Region set-up")

    def ready(self) -> None:
        from gezondewijk.regionsetup import hooks

        hooks.register()
