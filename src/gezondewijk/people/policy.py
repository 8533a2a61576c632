"""The one place that decides who may see or change what.

Every view and API endpoint asks `allows(user, permission, target)`; nothing else grants
access. A permission names the roles that hold it. For a permission on something that lies in
an area (a wijk, a buurt, a location) the role must also be granted over a scope that contains
it: a region contains its gemeenten, a gemeente its wijken, a wijk its buurten.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet

from gezondewijk.people.models import ApiKey, Role, RoleGrant, User
from gezondewijk.places.models import Buurt, Gemeente, Region, StrategicLocation, Wijk

Area = Region | Gemeente | Wijk | Buurt | StrategicLocation

ALL_ROLES = frozenset(Role)
STAFF_ROLES = frozenset(
    {Role.COORDINATOR, Role.PROFESSIONAL, Role.FUNDER, Role.RESEARCHER, Role.REGION_ADMIN}
)


class Permission(StrEnum):
    VIEW_AREAS = "places.view_areas"
    VIEW_LOCATIONS = "places.view_locations"
    MANAGE_LOCATIONS = "places.manage_locations"
    VIEW_ORGANISATIONS = "people.view_organisations"
    VIEW_KEY_FIGURES = "places.view_key_figures"
    USE_ADMIN = "admin.use"
    KEEP_OWN_NETWORK = "network.keep_own"
    VIEW_NETWORK_AGGREGATES = "network.view_aggregates"
    REFRESH_NETWORK = "network.refresh"
    VIEW_INDICATORS = "indicators.view"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    scoped: bool  # True: the grant's scope must contain the target


RULES: dict[Permission, Rule] = {
    # Areas, locations and organisations are public facts; any role may look them up.
    Permission.VIEW_AREAS: Rule(ALL_ROLES, scoped=False),
    Permission.VIEW_LOCATIONS: Rule(ALL_ROLES, scoped=False),
    Permission.VIEW_ORGANISATIONS: Rule(ALL_ROLES, scoped=False),
    # The key-figure tables are working material for the people who plan and measure.
    Permission.VIEW_KEY_FIGURES: Rule(STAFF_ROLES, scoped=False),
    # The coordinator keeps the map of vindplaatsen of their own neighbourhood up to date.
    Permission.MANAGE_LOCATIONS: Rule(
        frozenset({Role.COORDINATOR, Role.REGION_ADMIN}), scoped=True
    ),
    Permission.USE_ADMIN: Rule(frozenset({Role.REGION_ADMIN}), scoped=False),
    # A resident keeps their own network; nobody else ever reads a person's ties.
    Permission.KEEP_OWN_NETWORK: Rule(frozenset({Role.RESIDENT}), scoped=False),
    # Network figures of a wijk, suppressed below k: for the people who plan and measure there.
    Permission.VIEW_NETWORK_AGGREGATES: Rule(
        frozenset({Role.COORDINATOR, Role.RESEARCHER, Role.REGION_ADMIN}), scoped=True
    ),
    Permission.REFRESH_NETWORK: Rule(frozenset({Role.COORDINATOR, Role.REGION_ADMIN}), scoped=True),
    # Indicator values are aggregates, suppressed below k where they count residents: the
    # people who plan, fund and measure compare every wijk with its peers.
    Permission.VIEW_INDICATORS: Rule(STAFF_ROLES, scoped=False),
}

# Which API-key scope stands for which permission, for calls made by an organisation's system.
API_SCOPE_FOR: dict[Permission, str] = {
    Permission.VIEW_AREAS: "places:read",
    Permission.VIEW_KEY_FIGURES: "places:read",
    Permission.VIEW_LOCATIONS: "locations:read",
    Permission.MANAGE_LOCATIONS: "locations:write",
    Permission.VIEW_ORGANISATIONS: "organisations:read",
    Permission.VIEW_NETWORK_AGGREGATES: "network:read",
}


def grants_of(user: Any) -> list[RoleGrant]:
    """The user's role grants, read once per request object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[RoleGrant] | None = getattr(user, "_role_grants", None)
    if cached is None:
        cached = list(RoleGrant.objects.filter(user=user))
        user._role_grants = cached
    return cached


def roles_of(user: Any) -> set[Role]:
    return {Role(g.role) for g in grants_of(user)}


def _lineage(target: Area) -> tuple[int | None, int | None, int | None]:
    """(region id, gemeente id, wijk id) of the area that contains `target`."""
    if isinstance(target, Region):
        return target.pk, None, None
    if isinstance(target, Gemeente):
        return target.region_id, target.pk, None
    if isinstance(target, StrategicLocation):
        target = Buurt.objects.select_related("wijk__gemeente").get(pk=target.buurt_id)
    if isinstance(target, Buurt):
        target = target.wijk
    return target.gemeente.region_id, target.gemeente_id, target.pk


def _covers(grant: RoleGrant, lineage: tuple[int | None, int | None, int | None]) -> bool:
    region_id, gemeente_id, wijk_id = lineage
    return (
        (grant.region_id is not None and grant.region_id == region_id)
        or (grant.gemeente_id is not None and grant.gemeente_id == gemeente_id)
        or (grant.wijk_id is not None and grant.wijk_id == wijk_id)
    )


def allows(user: Any, permission: Permission, target: Area | None = None) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    rule = RULES[permission]
    grants = [g for g in grants_of(user) if g.role in rule.roles]
    if not grants:
        return False
    if not rule.scoped or target is None:
        return True
    lineage = _lineage(target)
    return any(_covers(g, lineage) for g in grants)


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


def key_allows(key: ApiKey, permission: Permission, target: Area | None = None) -> bool:
    """An API key holds a permission through its scopes, within its organisation's gemeente."""
    scope = API_SCOPE_FOR.get(permission)
    if scope is None or scope not in key.scopes or key.revoked_at is not None:
        return False
    if not RULES[permission].scoped or target is None:
        return True
    return _lineage(target)[1] == key.organisation.gemeente_id


def may_use_admin(user: User) -> bool:
    return allows(user, Permission.USE_ADMIN)
