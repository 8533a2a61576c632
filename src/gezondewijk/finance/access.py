"""Who may see and do what with one grant application.

Applications and their decisions are working material for staff (VIEW_GRANTS); the people
of the applying initiative (its lead and members) see their own. Anyone else is told the
application does not exist. Applying and accounting for the money is for the initiative's
lead and the coordinators of its wijken (APPLY_FOR_GRANTS, owner_may); deciding is for the
fund committee, never for a party to the application (people.access.may_review).
"""

from __future__ import annotations

from typing import Any

from gezondewijk.finance.models import Application
from gezondewijk.initiatives.models import Initiative
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission


def may_see_all(user: Any) -> bool:
    return policy.allows(user, Permission.VIEW_GRANTS)


def may_read(user: Any, application: Application) -> bool:
    """Staff, and the people of the applying initiative."""
    if not getattr(user, "is_authenticated", False):
        return False
    return may_see_all(user) or user.pk in application.party_user_ids()


def may_apply(user: Any, initiative: Initiative) -> bool:
    return policy.allows_on(
        user,
        Permission.APPLY_FOR_GRANTS,
        areas=list(initiative.wijken.all()),
        owner_ids={initiative.lead_id} if initiative.lead_id else set(),
    )
