from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "gezondewijk.cycle"
    verbose_name = _("Implementation cycle")

    def ready(self) -> None:
        from gezondewijk.cycle import demo_builder, personal_data, views
        from gezondewijk.dashboard import panels
        from gezondewijk.demo import registry as demo
        from gezondewijk.people import auth_backends

        personal_data.register()
        # The region administrator edits the steps and the region's strategy in the admin.
        auth_backends.register_managed("cycle.step", "cycle.regionstrategy", "cycle.cycleentry")
        demo.register("cycle", demo_builder.build_cycle, demo.ORDER_FEATURES + 10)
        panels.register(
            panels.Panel(
                key="cycle",
                obstacle=panels.Obstacle.CONNECTING,
                title=_("Implementation cycle"),
                render=views.panel,
                order=10,
            )
        )
