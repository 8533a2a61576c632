from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    """Questionnaires (FHIR R4), the personal health check and the neighbourhood panel."""

    name = "gezondewijk.checks"
    verbose_name = _("Health checks and panel")

    def ready(self) -> None:
        from gezondewijk.checks import demo, links, personal_data
        from gezondewijk.demo import registry as demo_registry
        from gezondewijk.people.models import Role
        from gezondewijk.permissions import policy
        from gezondewijk.web import navigation

        personal_data.register()
        links.register()
        demo_registry.register("checks", demo.build_checks, order=demo_registry.ORDER_FEATURES)

        def is_resident(user: object) -> bool:
            return Role.RESIDENT in policy.roles_of(user)

        def runs_panel(user: object) -> bool:
            return policy.allows(user, policy.Permission.MANAGE_PANEL)

        navigation.register(
            navigation.MenuItem(_("My health check"), "checks:overview", 30, is_resident)
        )
        navigation.register(
            navigation.MenuItem(
                _("Health figures"),
                "checks:figures",
                45,
                lambda u: policy.allows(u, policy.Permission.VIEW_CHECK_FIGURES),
            )
        )
        navigation.register(
            navigation.MenuItem(
                _("Questionnaires"),
                "checks:questionnaire_list",
                85,
                lambda u: policy.allows(u, policy.Permission.MANAGE_QUESTIONNAIRES),
            )
        )
        navigation.register(
            navigation.MenuItem(
                _("Neighbourhood panel"),
                "checks:panel_list",
                40,
                lambda u: is_resident(u) or runs_panel(u),
            )
        )
