from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectbankConfig(AppConfig):
    """Interventions with their draaiboeken and experience reports, shared between banks."""

    name = "gezondewijk.projectbank"
    verbose_name = _("Project bank")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from gezondewijk.demo import registry as demo_registry
        from gezondewijk.projectbank import personal_data, search
        from gezondewijk.projectbank.demo import build_projectbank
        from gezondewijk.projectbank.models import Intervention
        from gezondewijk.web import navigation

        personal_data.register()
        # A deleted intervention (in the admin, or by a cascade) leaves the search index too.
        post_delete.connect(search.on_intervention_deleted, sender=Intervention)
        demo_registry.register("projectbank", build_projectbank, demo_registry.ORDER_FEATURES)
        navigation.register(
            navigation.MenuItem(_("Project bank"), "projectbank:intervention_list", order=40)
        )
