from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectbankConfig(AppConfig):
    """Interventions with their draaiboeken and experience reports, shared between banks."""

    name = "gezondewijk.projectbank"
    verbose_name = _("Project bank")

    def ready(self) -> None:
        from gezondewijk.demo import registry as demo_registry
        from gezondewijk.projectbank import personal_data
        from gezondewijk.projectbank.demo import build_projectbank
        from gezondewijk.web import navigation

        personal_data.register()
        demo_registry.register("projectbank", build_projectbank, demo_registry.ORDER_FEATURES)
        navigation.register(
            navigation.MenuItem(_("Project bank"), "projectbank:intervention_list", order=40)
        )
