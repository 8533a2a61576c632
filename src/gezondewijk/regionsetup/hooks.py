"""What region set-up gives to the menu."""

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.regionsetup import selectors
from gezondewijk.web import navigation


def _sets_up_a_region(user: object) -> bool:
    return selectors.regions_for(user=user).exists()


def register() -> None:
    hooks.register(
        navigation.MENU,
        navigation.MenuItem(
            _("Region set-up"), "regionsetup:index", order=90, visible=_sets_up_a_region
        ),
    )
