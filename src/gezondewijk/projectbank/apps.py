from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectbankConfig(AppConfig):
    """Interventions with their draaiboeken and experience reports, shared between banks."""

    name = "gezondewijk.projectbank"
    verbose_name = _("Project bank")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from gezondewijk.projectbank import hooks, search
        from gezondewijk.projectbank.models import Intervention

        hooks.register()
        # A deleted intervention (in the admin, or by a cascade) leaves the search index too.
        post_delete.connect(search.on_intervention_deleted, sender=Intervention)
