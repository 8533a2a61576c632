from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _everyone(user: Any, wijk: Any = None) -> bool:
    return True


class PleinConfig(AppConfig):
    """The Gezondheidsplein: the public portal per wijk and the calendar of activities."""

    name = "gezondewijk.plein"
    verbose_name = _("Health square")

    def ready(self) -> None:
        from gezondewijk.demo import registry as demo
        from gezondewijk.people import auth_backends
        from gezondewijk.places import wijk_links
        from gezondewijk.plein import demo as plein_demo
        from gezondewijk.web import navigation

        # The region administrator corrects organisations' activities in the admin.
        auth_backends.register_managed("plein.organisationactivity")
        demo.register("plein", plein_demo.build_plein, demo.ORDER_FEATURES)
        navigation.register(
            navigation.MenuItem(_("Health square"), "plein:index", order=15, visible=_everyone)
        )
        wijk_links.register(
            wijk_links.WijkLink(_("Health square"), "plein:wijk", visible=_everyone, order=5)
        )
