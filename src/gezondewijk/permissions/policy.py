"""The one place that decides who may see or change what.

Every view and API endpoint asks `allows(user, permission, target)`; nothing else grants
access. A permission names the roles that hold it. For a permission on something that lies in
an area (a wijk, a buurt, a location) the role must also be granted over a scope that contains
it: a region contains its gemeenten, a gemeente its wijken, a wijk its buurten.

The rules that need the people app's own records (which wijken a grant covers, who works for
which organisation) are in `gezondewijk.people.access`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from gezondewijk.permissions.roles import Role

Lineage = tuple[int | None, int | None, int | None]


class Area(Protocol):
    """Anything that lies in an area: a region, gemeente, wijk, buurt or location."""

    def lineage(self) -> Lineage:
        """(region id, gemeente id, wijk id) of the area that contains it."""
        ...


class Grant(Protocol):
    """A role held over one scope (people.models.RoleGrant)."""

    role: str
    region_id: int | None
    gemeente_id: int | None
    wijk_id: int | None


class Key(Protocol):
    """An organisation's API key (people.models.ApiKey)."""

    pk: Any
    name: str
    scopes: list[str]
    revoked_at: Any
    organisation: Any
    organisation_id: int


ALL_ROLES = frozenset(Role)
STAFF_ROLES = frozenset(
    {Role.COORDINATOR, Role.PROFESSIONAL, Role.FUNDER, Role.RESEARCHER, Role.REGION_ADMIN}
)

PROJECTBANK_WRITERS = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.REGION_ADMIN})


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
    KEEP_HEALTH_CHECK = "checks.keep_own"
    VIEW_QUESTIONNAIRES = "checks.view_questionnaires"
    MANAGE_QUESTIONNAIRES = "checks.manage_questionnaires"
    MANAGE_PANEL = "checks.manage_panel"
    VIEW_CHECK_FIGURES = "checks.view_figures"
    IMPORT_LINKED_RESPONSES = "checks.import_linked"
    # Initiatives, believers and matching
    VIEW_INITIATIVES = "initiatives.view"
    START_INITIATIVE = "initiatives.start"
    JOIN_INITIATIVE = "initiatives.join"
    MANAGE_INITIATIVE = "initiatives.manage"
    MARK_BELIEFS = "initiatives.mark_beliefs"
    MATCH_BELIEVERS = "initiatives.match"
    # The coordinator's overview and the implementation cycle
    VIEW_DASHBOARD = "dashboard.view"
    VIEW_CYCLE = "cycle.view"
    MANAGE_CYCLE = "cycle.manage"
    VIEW_PROJECTBANK = "projectbank.view"
    EDIT_INTERVENTIONS = "projectbank.edit_interventions"
    ENDORSE_INTERVENTIONS = "projectbank.endorse"
    REPORT_EXPERIENCES = "projectbank.report_experiences"
    EXPORT_PROJECTBANK = "projectbank.export"
    IMPORT_PROJECTBANK = "projectbank.import"
    MANAGE_INTERVISION = "pioneers.manage_intervision"
    TAKE_PART_IN_INTERVISION = "pioneers.take_part"
    ASSESS_OWN_COMPETENCIES = "pioneers.assess_own_competencies"
    VIEW_ASSIGNMENTS = "pioneers.view_assignments"
    POST_ASSIGNMENTS = "pioneers.post_assignments"
    ASSIGN_STUDENTS = "pioneers.assign_students"
    VIEW_INDICATORS = "indicators.view"
    CHOOSE_MAIN_GOAL = "indicators.choose_main_goal"
    RECOMPUTE_INDICATORS = "indicators.recompute"
    # Setting up a region: its gemeenten, key figures and boundaries
    SET_UP_REGION = "regionsetup.set_up"
    # Couplings: the social-map exchange and outgoing webhooks
    VIEW_SOCIAL_MAP = "couplings.view_social_map"
    IMPORT_SOCIAL_MAP = "couplings.import_social_map"
    MANAGE_WEBHOOKS = "couplings.manage_webhooks"
    # Referrals: welzijn op recept
    REFER = "referrals.refer"
    RECEIVE_REFERRALS = "referrals.receive"
    KEEP_OWN_REFERRALS = "referrals.keep_own"
    VIEW_REFERRAL_FIGURES = "referrals.view_figures"
    EXCHANGE_REFERRALS = "referrals.exchange"
    # Finance: the prevention fund, grants, the health policy calculator, outcome contracts
    VIEW_FUND = "finance.view_fund"
    MANAGE_FUND = "finance.manage_fund"
    VIEW_GRANTS = "finance.view_grants"
    APPLY_FOR_GRANTS = "finance.apply"
    REVIEW_GRANTS = "finance.review"
    VIEW_POLICY_SCENARIOS = "finance.view_policy_scenarios"
    MODEL_POLICIES = "finance.model_policies"
    VIEW_OUTCOME_CONTRACTS = "finance.view_outcome_contracts"
    MANAGE_OUTCOME_CONTRACTS = "finance.manage_outcome_contracts"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    scoped: bool  # True: the grant's scope must contain the target
    # True: the person a thing belongs to (an initiative's lead) holds the permission on it,
    # whatever their roles; see `allows_on`.
    owner_may: bool = False


MANAGERS = frozenset({Role.COORDINATOR, Role.REGION_ADMIN})
PARTICIPANTS = frozenset({Role.RESIDENT, Role.INITIATIVE_LEAD, Role.PROFESSIONAL})


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
    # A resident keeps their own health check; answers are theirs and nobody else reads them.
    Permission.KEEP_HEALTH_CHECK: Rule(frozenset({Role.RESIDENT}), scoped=False),
    Permission.VIEW_QUESTIONNAIRES: Rule(ALL_ROLES, scoped=False),
    # The region decides which questionnaires it uses.
    Permission.MANAGE_QUESTIONNAIRES: Rule(frozenset({Role.REGION_ADMIN}), scoped=False),
    # Coordinators run the panel in their own neighbourhood.
    Permission.MANAGE_PANEL: Rule(frozenset({Role.COORDINATOR, Role.REGION_ADMIN}), scoped=True),
    # Suppressed aggregates of checks and panel surveys are working material for staff.
    Permission.VIEW_CHECK_FIGURES: Rule(STAFF_ROLES, scoped=False),
    # Only a connected system (a PGO, through an API key) sends answers for a resident, and
    # only for residents who gave it their link code; no person holds this permission.
    Permission.IMPORT_LINKED_RESPONSES: Rule(frozenset(), scoped=False),
    # Initiatives are public: the point is that people find them and join.
    Permission.VIEW_INITIATIVES: Rule(ALL_ROLES, scoped=False),
    # Residents (and leads, professionals) start and join initiatives; a coordinator may
    # register one on behalf of residents in their own wijk.
    Permission.START_INITIATIVE: Rule(PARTICIPANTS | MANAGERS, scoped=True),
    Permission.JOIN_INITIATIVE: Rule(PARTICIPANTS, scoped=False),
    # The lead manages their own initiative; the coordinator those in their wijken.
    Permission.MANAGE_INITIATIVE: Rule(MANAGERS, scoped=True, owner_may=True),
    # Believing in a theme is a person's own statement about themselves.
    Permission.MARK_BELIEFS: Rule(PARTICIPANTS, scoped=False),
    # Proposals name believers, so only the coordinator of the wijk sees and sends them.
    Permission.MATCH_BELIEVERS: Rule(MANAGERS, scoped=True),
    Permission.VIEW_DASHBOARD: Rule(MANAGERS, scoped=True),
    Permission.VIEW_CYCLE: Rule(STAFF_ROLES, scoped=False),
    Permission.MANAGE_CYCLE: Rule(MANAGERS, scoped=True),
    # The project bank is shared knowledge of the whole region: everyone logged in reads it.
    Permission.VIEW_PROJECTBANK: Rule(ALL_ROLES, scoped=False),
    # Professionals and coordinators describe interventions and keep their draaiboeken.
    Permission.EDIT_INTERVENTIONS: Rule(PROJECTBANK_WRITERS, scoped=False),
    # A health centre selects an intervention through its professionals (see may_endorse_for).
    Permission.ENDORSE_INTERVENTIONS: Rule(PROJECTBANK_WRITERS, scoped=False),
    # Whoever carried out an intervention may say how it went, initiative leads included.
    Permission.REPORT_EXPERIENCES: Rule(PROJECTBANK_WRITERS | {Role.INITIATIVE_LEAD}, scoped=False),
    # Exchange between regional banks: staff may take the bank along, coordinators bring in.
    Permission.EXPORT_PROJECTBANK: Rule(STAFF_ROLES, scoped=False),
    Permission.IMPORT_PROJECTBANK: Rule(
        frozenset({Role.COORDINATOR, Role.REGION_ADMIN}), scoped=False
    ),
    # The region sets up the intervision groups of its coordinators and plans their meetings;
    # within a group, only its members (and the region administrator) take part: see
    # may_take_part. What is said in intervision stays in the group.
    Permission.MANAGE_INTERVISION: Rule(frozenset({Role.REGION_ADMIN}), scoped=False),
    Permission.TAKE_PART_IN_INTERVISION: Rule(
        frozenset({Role.COORDINATOR, Role.REGION_ADMIN}), scoped=False
    ),
    # The competency profile is the coordinator's own mirror; nobody else reads it.
    Permission.ASSESS_OWN_COMPETENCIES: Rule(frozenset({Role.COORDINATOR}), scoped=False),
    # Student assignments: the organisations' staff post questions and follow them; the
    # hogeschool's coordinator (a researcher here) assigns students and moves the work on.
    Permission.VIEW_ASSIGNMENTS: Rule(STAFF_ROLES, scoped=False),
    Permission.POST_ASSIGNMENTS: Rule(STAFF_ROLES, scoped=False),
    Permission.ASSIGN_STUDENTS: Rule(frozenset({Role.RESEARCHER, Role.REGION_ADMIN}), scoped=False),
    # Indicator values are aggregates, suppressed below k where they count residents: the
    # people who plan, fund and measure compare every wijk with its peers.
    Permission.VIEW_INDICATORS: Rule(STAFF_ROLES, scoped=False),
    # A wijk's main goal is its own choice: its coordinator (or the region) sets it.
    Permission.CHOOSE_MAIN_GOAL: Rule(MANAGERS, scoped=True),
    # Recomputing replaces every value of every area: the region's set-up work.
    Permission.RECOMPUTE_INDICATORS: Rule(frozenset({Role.REGION_ADMIN}), scoped=False),
    # The region administrator sets up their own region (its gemeenten, key figures and
    # boundaries) in the product's pages; a grant over another region does not reach it.
    Permission.SET_UP_REGION: Rule(frozenset({Role.REGION_ADMIN}), scoped=True),
    # Couplings. The social map (organisations, places, their activities) is public on the
    # plein; staff take it along as a file for the systems they work with.
    Permission.VIEW_SOCIAL_MAP: Rule(STAFF_ROLES, scoped=False),
    # Importing changes a gemeente's organisations and places: the region's set-up work.
    Permission.IMPORT_SOCIAL_MAP: Rule(frozenset({Role.REGION_ADMIN}), scoped=True),
    # Only an organisation's own system (an API key) subscribes to webhooks; a region
    # administrator sets them up for an organisation in the admin.
    Permission.MANAGE_WEBHOOKS: Rule(frozenset(), scoped=False),
    # Referrals (welzijn op recept). The role is only the first gate: the profession decides
    # who refers (GP, practice nurse, district nurse, social worker) and who receives (the
    # welfare coach), and one referral is read only by its resident, referrer and coach
    # (referrals.access.may_read).
    Permission.REFER: Rule(frozenset({Role.PROFESSIONAL}), scoped=False),
    Permission.RECEIVE_REFERRALS: Rule(frozenset({Role.PROFESSIONAL}), scoped=False),
    Permission.KEEP_OWN_REFERRALS: Rule(frozenset({Role.RESIDENT}), scoped=False),
    # Figures per practice, wijk and theme are suppressed below k: working material for staff.
    Permission.VIEW_REFERRAL_FIGURES: Rule(STAFF_ROLES, scoped=False),
    # A practice's information system (an API key) sends and follows the referrals of its own
    # professionals (referrals.access.may_refer_for); a person refers and reads in person.
    Permission.EXCHANGE_REFERRALS: Rule(frozenset(), scoped=False),
    # Finance. The fund's figures are public (the transparency page needs no log-in); the API
    # serves them to everyone logged in and to keys with finance:read.
    Permission.VIEW_FUND: Rule(ALL_ROLES, scoped=False),
    # The region keeps the fund's books: contributions, tranches, corrections.
    Permission.MANAGE_FUND: Rule(frozenset({Role.REGION_ADMIN}), scoped=False),
    # Applications and their decisions are working material for staff; the people of the
    # initiative see their own (selectors.applications_for).
    Permission.VIEW_GRANTS: Rule(STAFF_ROLES, scoped=False),
    # The lead asks for money for their initiative; a coordinator may on its behalf.
    Permission.APPLY_FOR_GRANTS: Rule(MANAGERS, scoped=True, owner_may=True),
    # Anyone may sit on the fund committee; may_review decides per application.
    Permission.REVIEW_GRANTS: Rule(ALL_ROLES, scoped=False),
    Permission.VIEW_POLICY_SCENARIOS: Rule(STAFF_ROLES, scoped=False),
    # Funders and the region design the regional health policy together.
    Permission.MODEL_POLICIES: Rule(frozenset({Role.FUNDER, Role.REGION_ADMIN}), scoped=False),
    Permission.VIEW_OUTCOME_CONTRACTS: Rule(STAFF_ROLES, scoped=False),
    Permission.MANAGE_OUTCOME_CONTRACTS: Rule(frozenset({Role.REGION_ADMIN}), scoped=False),
}

# Which API-key scope stands for which permission, for calls made by an organisation's system.
API_SCOPE_FOR: dict[Permission, str] = {
    Permission.VIEW_AREAS: "places:read",
    Permission.VIEW_KEY_FIGURES: "places:read",
    Permission.VIEW_LOCATIONS: "locations:read",
    Permission.MANAGE_LOCATIONS: "locations:write",
    Permission.VIEW_ORGANISATIONS: "organisations:read",
    Permission.VIEW_NETWORK_AGGREGATES: "network:read",
    Permission.VIEW_QUESTIONNAIRES: "questionnaires:read",
    Permission.MANAGE_QUESTIONNAIRES: "questionnaires:write",
    Permission.VIEW_CHECK_FIGURES: "checks:figures",
    Permission.IMPORT_LINKED_RESPONSES: "checks:import",
    Permission.VIEW_INITIATIVES: "initiatives:read",
    Permission.VIEW_CYCLE: "cycle:read",
    Permission.VIEW_PROJECTBANK: "projectbank:read",
    Permission.EXPORT_PROJECTBANK: "projectbank:read",
    Permission.EDIT_INTERVENTIONS: "projectbank:write",
    Permission.ENDORSE_INTERVENTIONS: "projectbank:write",
    Permission.REPORT_EXPERIENCES: "projectbank:write",
    Permission.IMPORT_PROJECTBANK: "projectbank:write",
    Permission.VIEW_INDICATORS: "indicators:read",
    # Couplings
    Permission.VIEW_SOCIAL_MAP: "socialmap:read",
    Permission.IMPORT_SOCIAL_MAP: "socialmap:write",
    Permission.MANAGE_WEBHOOKS: "webhooks:manage",
    # Referrals: suppressed figures, and a practice's exchange of its own referrals.
    Permission.VIEW_REFERRAL_FIGURES: "referrals:figures",
    Permission.EXCHANGE_REFERRALS: "referrals:exchange",
    # Finance
    Permission.VIEW_FUND: "finance:read",
    Permission.VIEW_POLICY_SCENARIOS: "finance:read",
    Permission.VIEW_OUTCOME_CONTRACTS: "finance:read",
}


def grants_of(user: Any) -> list[Grant]:
    """The user's role grants, read once per request object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[Grant] | None = getattr(user, "_role_grants", None)
    if cached is None:
        cached = list(user.role_grants.all())
        user._role_grants = cached
    return cached


def roles_of(user: Any) -> set[Role]:
    return {Role(g.role) for g in grants_of(user)}


def _covers(grant: Grant, lineage: Lineage) -> bool:
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
    lineage = target.lineage()
    return any(_covers(g, lineage) for g in grants)


def holds_role_over(user: Any, roles: frozenset[Role] | set[Role], target: Area) -> bool:
    """Whether a grant of one of `roles` covers `target`: for the few rules that name a role
    rather than a permission (a consent given to coordinators). Superuser status does not
    stand in for a role here."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    lineage = target.lineage()
    return any(g.role in roles and _covers(g, lineage) for g in grants_of(user))


def allows_on(
    user: Any,
    permission: Permission,
    *,
    areas: Iterable[Area],
    owner_ids: frozenset[int] | set[int] = frozenset(),
) -> bool:
    """`permission` on a thing that lies in several areas (an initiative in its wijken) and
    may belong to someone: the owner holds it if the rule says so, others through any area."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if RULES[permission].owner_may and user.pk in owner_ids:
        return True
    return any(allows(user, permission, area) for area in areas)


def key_allows(key: Key, permission: Permission, target: Area | None = None) -> bool:
    """An API key holds a permission through its scopes, within its organisation's gemeente."""
    scope = API_SCOPE_FOR.get(permission)
    if scope is None or scope not in key.scopes or key.revoked_at is not None:
        return False
    if not RULES[permission].scoped or target is None:
        return True
    return target.lineage()[1] == key.organisation.gemeente_id
