from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _sees_grants(user: Any) -> bool:
    from gezondewijk.finance.models import CommitteeMember
    from gezondewijk.initiatives.models import Initiative
    from gezondewijk.permissions import policy

    if not getattr(user, "is_authenticated", False):
        return False
    return (
        policy.allows(user, policy.Permission.VIEW_GRANTS)
        or Initiative.objects.filter(lead=user).exists()
        or CommitteeMember.objects.filter(user=user).exists()
    )


def _sees_policies(user: Any) -> bool:
    from gezondewijk.permissions import policy

    return policy.allows(user, policy.Permission.VIEW_POLICY_SCENARIOS)


class FinanceConfig(AppConfig):
    """The regional prevention fund, the health policy calculator and outcome contracts."""

    name = "gezondewijk.finance"
    verbose_name = _("Prevention fund")

    def ready(self) -> None:
        from gezondewijk.dashboard import panels
        from gezondewijk.demo import registry as demo_registry
        from gezondewijk.finance import demo, panel, personal_data
        from gezondewijk.people import auth_backends
        from gezondewijk.web import navigation

        personal_data.register()
        # The region administrator names the fund committee and sets up outcome contracts.
        auth_backends.register_managed(
            "finance.committeemember", "finance.outcomecontract", "finance.outcomeperiod"
        )
        demo_registry.register("finance", demo.build_finance, demo_registry.ORDER_FEATURES + 60)
        panels.register(
            panels.Panel(
                key="finance",
                obstacle=panels.Obstacle.FINANCING,
                title=_("Prevention fund"),
                render=panel.render,
            )
        )
        navigation.register(
            navigation.MenuItem(_("Prevention fund"), "finance:transparency", order=70)
        )
        navigation.register(
            navigation.MenuItem(
                _("Grants"), "finance:application_list", order=71, visible=_sees_grants
            )
        )
        navigation.register(
            navigation.MenuItem(
                _("Health policy"), "finance:policy_list", order=72, visible=_sees_policies
            )
        )
        navigation.register(
            navigation.MenuItem(
                _("Outcome contracts"), "finance:contract_list", order=73, visible=_sees_policies
            )
        )
