"""The wijken a person's role grants cover: the permission table (`permissions.policy`) made
into a set of wijken, for pages and selectors that list what a person may see or manage."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from gezondewijk.permissions.policy import RULES, Permission, grants_of, roles_of
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Wijk


def wijken_for_roles(user: Any, roles: frozenset[Role] | set[Role]) -> QuerySet[Wijk]:
    """The wijken that lie in the scope of any of the user's grants of `roles`."""
    scope = Q(pk__in=[])
    for grant in grants_of(user):
        if grant.role not in roles:
            continue
        if grant.region_id:
            scope |= Q(gemeente__region_id=grant.region_id)
        elif grant.gemeente_id:
            scope |= Q(gemeente_id=grant.gemeente_id)
        else:
            scope |= Q(pk=grant.wijk_id)
    return Wijk.objects.filter(scope)


def wijken_in_scope(user: Any, permission: Permission) -> QuerySet[Wijk]:
    """The wijken over which `user` holds `permission` (all of them for unscoped rules)."""
    if getattr(user, "is_superuser", False):
        return Wijk.objects.all()
    rule = RULES[permission]
    if not rule.scoped:
        return Wijk.objects.all() if roles_of(user) & rule.roles else Wijk.objects.none()
    return wijken_for_roles(user, rule.roles)
