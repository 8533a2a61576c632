"""Who may see and do what in the pioneers' network.

Intervision is between people: a group, its meetings and its reading list are for its members
and the region administrator (people.access.may_take_part); to anyone else a group does not
exist. Scheduling meetings is for MANAGE_INTERVISION. A competency profile is the coordinator's
own: there is no other person's profile to look up (ASSESS_OWN_COMPETENCIES). Student
assignments are a shared board: who may look them up (VIEW_ASSIGNMENTS) finds every one, so a
refusal on an existing one is a refusal; assigning students and moving an assignment on is for
ASSIGN_STUDENTS. Organisation systems (API keys) take no part: each rule takes a person.
"""

from __future__ import annotations

from typing import Any

from gezondewijk.people import access as people_access
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.permissions.roles import Role


def may_take_part_at_all(user: Any) -> bool:
    """Have intervision groups at all; which ones: `may_take_part`."""
    return policy.allows(user, Permission.TAKE_PART_IN_INTERVISION)


def sees_every_group(user: Any) -> bool:
    """The region administrator takes part in every group (may_take_part agrees)."""
    return may_take_part_at_all(user) and (
        user.is_superuser or Role.REGION_ADMIN in policy.roles_of(user)
    )


def may_take_part(user: Any, group: Any) -> bool:
    return bool(people_access.may_take_part(user, group))


def may_manage(user: Any) -> bool:
    """Make groups, add members and plan a group's meetings."""
    return policy.allows(user, Permission.MANAGE_INTERVISION)


def may_assess_own(user: Any) -> bool:
    return policy.allows(user, Permission.ASSESS_OWN_COMPETENCIES)


def may_view_assignments(user: Any) -> bool:
    return policy.allows(user, Permission.VIEW_ASSIGNMENTS)


def may_post_assignments(user: Any) -> bool:
    return policy.allows(user, Permission.POST_ASSIGNMENTS)


def may_assign(user: Any) -> bool:
    """Assign students to an assignment and move it on."""
    return policy.allows(user, Permission.ASSIGN_STUDENTS)
