"""What the Gezondheidsplein gives to the apps below it."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.demo import registry as demo
from gezondewijk.people import auth_backends
from gezondewijk.places import wijk_links
from gezondewijk.plein import demo_builder
from gezondewijk.web import navigation


def _everyone(user: Any, wijk: Any = None) -> bool:
    return True


def register() -> None:
    # The region administrator corrects organisations' activities in the admin.
    hooks.register(auth_backends.MANAGED_MODELS, "plein.organisationactivity")
    hooks.register(
        demo.BUILDERS, demo.DemoBuilder("plein", demo_builder.build_plein, demo.ORDER_FEATURES)
    )
    hooks.register(
        navigation.MENU,
        navigation.MenuItem(_("Health square"), "plein:index", order=15, visible=_everyone),
    )
    hooks.register(
        wijk_links.WIJK_LINKS,
        wijk_links.WijkLink(_("Health square"), "plein:wijk", visible=_everyone, order=5),
    )
