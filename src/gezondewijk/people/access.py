"""Access rules that need the people app's records: who may act for an organisation, an
intervision group or the fund committee. The permission table itself is
`gezondewijk.permissions.policy`; the wijken a person's grants cover, `places.access`.
"""

from __future__ import annotations

from typing import Any

from gezondewijk.people.models import Organisation, ProfessionalProfile, User
from gezondewijk.permissions.policy import Permission, allows, roles_of
from gezondewijk.permissions.roles import Role


def may_endorse_for(user: Any, organisation: Organisation) -> bool:
    """Select an intervention on behalf of `organisation`: coordinators for any organisation,
    a professional only for the one they work for."""
    if not allows(user, Permission.ENDORSE_INTERVENTIONS):
        return False
    if user.is_superuser or roles_of(user) & {Role.COORDINATOR, Role.REGION_ADMIN}:
        return True
    return ProfessionalProfile.objects.filter(user=user, organisation=organisation).exists()


def may_take_part(user: Any, group: Any) -> bool:
    """Take part in an intervision group (anything with a `members` relation to users):
    its members and the region administrator."""
    if not allows(user, Permission.TAKE_PART_IN_INTERVISION):
        return False
    if user.is_superuser or Role.REGION_ADMIN in roles_of(user):
        return True
    return bool(group.members.filter(pk=user.pk).exists())


def may_review(user: Any, application: Any) -> bool:
    """Decide on a grant application (anything with `committee_user_ids()` and
    `party_user_ids()`): members of the region's fund committee, never someone who is part of
    the applying initiative (lead or member), not even a superuser."""
    if not allows(user, Permission.REVIEW_GRANTS):
        return False
    if user.pk in application.party_user_ids():
        return False
    return bool(user.is_superuser or user.pk in application.committee_user_ids())


def may_use_admin(user: User) -> bool:
    return allows(user, Permission.USE_ADMIN)
