"""What the cycle app gives to the apps below it."""

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.cycle import demo_builder, personal_data, views
from gezondewijk.dashboard import panels
from gezondewijk.demo import registry as demo
from gezondewijk.people import auth_backends
from gezondewijk.privacy import registry as privacy


def register() -> None:
    hooks.register(privacy.PERSONAL_DATA, personal_data.PROVIDER)
    # The region administrator edits the steps and the region's strategy in the admin.
    for label in ("cycle.step", "cycle.regionstrategy", "cycle.cycleentry"):
        hooks.register(auth_backends.MANAGED_MODELS, label)
    hooks.register(
        demo.BUILDERS,
        demo.DemoBuilder("cycle", demo_builder.build_cycle, demo.ORDER_FEATURES + 10),
    )
    hooks.register(
        panels.PANELS,
        panels.Panel(
            key="cycle",
            obstacle=panels.Obstacle.CONNECTING,
            title=_("Implementation cycle"),
            render=views.panel,
            order=10,
        ),
    )
