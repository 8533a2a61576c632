"""What the web app gives to the menu: the layout's own entries."""

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.web import navigation


def register() -> None:
    hooks.register(navigation.MENU, navigation.MenuItem(_("Wijken"), "places:wijk_list", order=10))
    hooks.register(navigation.MENU, navigation.MenuItem(_("My data"), "privacy:my_data", order=90))
