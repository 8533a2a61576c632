"""What the referrals app gives to the apps below it: its data for export and erase, a
dashboard panel for obstacle (c), engaged professionals, referred residents per buurt as a
figure source for the indicators, its demo and its menu entries."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.dashboard import panels
from gezondewijk.demo import registry as demo
from gezondewijk.indicators import providers
from gezondewijk.people import auth_backends
from gezondewijk.privacy import registry as privacy
from gezondewijk.referrals import access, demo_builder, links, personal_data
from gezondewijk.web import navigation


def _takes_part_in_referrals(user: Any) -> bool:
    return access.may_refer(user) or access.may_receive(user) or access.may_keep_own(user)


def register() -> None:
    hooks.register(privacy.PERSONAL_DATA, personal_data.PROVIDER)
    hooks.register(
        panels.PANELS,
        panels.Panel(
            "referrals",
            panels.Obstacle.PROFESSIONALS,
            _("Welzijn op recept"),
            links.referrals_panel,
            order=40,
        ),
    )
    hooks.register(
        providers.FIGURE_PROVIDERS,
        providers.FigureProvider(source=links.SOURCE, figures=links.referral_figures),
    )
    # The region administrator keeps the table of themes per reason.
    hooks.register(auth_backends.MANAGED_MODELS, "referrals.reasontheme")
    # After initiatives (order 100): referrals point at their initiatives and activities.
    hooks.register(
        demo.BUILDERS,
        demo.DemoBuilder("referrals", demo_builder.build_referrals, demo.ORDER_FEATURES + 10),
    )
    hooks.register(
        navigation.MENU,
        navigation.MenuItem(
            _("Referrals"), "referrals:home", order=35, visible=_takes_part_in_referrals
        ),
    )
    hooks.register(
        navigation.MENU,
        navigation.MenuItem(
            _("Referral figures"),
            "referrals:figures",
            order=46,
            visible=access.may_view_figures,
        ),
    )
