"""Who may see and do what with one initiative.

Initiatives are public: everyone who may look them up (VIEW_INITIATIVES) finds every one, so
a refusal on an existing initiative is a refusal, not a "not found". Managing it (changing its
status, recording activities, editing, handing over) is for its lead and for the coordinators
(and region) of one of its wijken (MANAGE_INITIATIVE, owner_may). The names of its members are
for the members themselves and whoever manages it.
"""

from __future__ import annotations

from typing import Any

from gezondewijk.initiatives.models import Initiative, Membership
from gezondewijk.permissions import policy
from gezondewijk.permissions.api_auth import actor_allows
from gezondewijk.permissions.policy import Permission


def may_view(actor: Any) -> bool:
    """Look initiatives up: a person or an API `Caller` (initiatives:read)."""
    return actor_allows(actor, Permission.VIEW_INITIATIVES)


def may_manage(user: Any, initiative: Initiative) -> bool:
    return policy.allows_on(
        user,
        Permission.MANAGE_INITIATIVE,
        areas=list(initiative.wijken.all()),
        owner_ids={initiative.lead_id} if initiative.lead_id else set(),
    )


def may_see_members(user: Any, initiative: Initiative, membership: Membership | None) -> bool:
    """`membership`: the user's own in this initiative, if any."""
    return membership is not None or may_manage(user, initiative)
