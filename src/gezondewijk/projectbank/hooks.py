"""What the project bank gives to the apps below it."""

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.demo import registry as demo
from gezondewijk.privacy import registry as privacy
from gezondewijk.projectbank import personal_data
from gezondewijk.projectbank.demo_builder import build_projectbank
from gezondewijk.web import navigation


def register() -> None:
    hooks.register(privacy.PERSONAL_DATA, personal_data.PROVIDER)
    hooks.register(
        demo.BUILDERS, demo.DemoBuilder("projectbank", build_projectbank, demo.ORDER_FEATURES)
    )
    hooks.register(
        navigation.MENU,
        navigation.MenuItem(_("Project bank"), "projectbank:intervention_list", order=40),
    )
