"""What the fund gives to the apps below it."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.dashboard import panels
from gezondewijk.demo import registry as demo_registry
from gezondewijk.finance import demo_builder, panel, personal_data
from gezondewijk.finance.models import CommitteeMember
from gezondewijk.initiatives.models import Initiative
from gezondewijk.people import auth_backends
from gezondewijk.permissions import policy
from gezondewijk.privacy import registry as privacy
from gezondewijk.web import navigation


def _sees_grants(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        policy.allows(user, policy.Permission.VIEW_GRANTS)
        or Initiative.objects.filter(lead=user).exists()
        or CommitteeMember.objects.filter(user=user).exists()
    )


def _sees_policies(user: Any) -> bool:
    return policy.allows(user, policy.Permission.VIEW_POLICY_SCENARIOS)


def register() -> None:
    hooks.register(privacy.PERSONAL_DATA, personal_data.PROVIDER)
    # The region administrator names the fund committee and sets up outcome contracts.
    for label in ("finance.committeemember", "finance.outcomecontract", "finance.outcomeperiod"):
        hooks.register(auth_backends.MANAGED_MODELS, label)
    hooks.register(
        demo_registry.BUILDERS,
        demo_registry.DemoBuilder(
            "finance", demo_builder.build_finance, demo_registry.ORDER_FEATURES + 60
        ),
    )
    hooks.register(
        panels.PANELS,
        panels.Panel(
            key="finance",
            obstacle=panels.Obstacle.FINANCING,
            title=_("Prevention fund"),
            render=panel.render,
        ),
    )
    for item in (
        navigation.MenuItem(_("Prevention fund"), "finance:transparency", order=70),
        navigation.MenuItem(
            _("Grants"), "finance:application_list", order=71, visible=_sees_grants
        ),
        navigation.MenuItem(
            _("Health policy"), "finance:policy_list", order=72, visible=_sees_policies
        ),
        navigation.MenuItem(
            _("Outcome contracts"), "finance:contract_list", order=73, visible=_sees_policies
        ),
    ):
        hooks.register(navigation.MENU, item)
