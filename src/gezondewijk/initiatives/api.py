"""API for initiatives, their activities and the themes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from gezondewijk.api_pagination import BoundedLimitOffset
from gezondewijk.errors import unknown
from gezondewijk.initiatives import engine, selectors, services
from gezondewijk.initiatives.models import Activity, Initiative, MemberRole, TargetGroup, Theme
from gezondewijk.people.models import Organisation
from gezondewijk.permissions.api_auth import Caller, require
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import StrategicLocation, Wijk

router = Router(tags=["initiatives"])


class ThemeOut(Schema):
    slug: str
    name: str
    description: str


def _listed(obj: Initiative, attribute: str, relation: str) -> Any:
    """Related rows as `selectors.initiatives_listed` prefetched them, else from the relation
    (a single initiative)."""
    found = getattr(obj, attribute, None)
    return found if found is not None else getattr(obj, relation).all()


class InitiativeOut(Schema):
    id: int
    name: str
    description: str
    status: str
    themes: list[str]
    wijken: list[str]
    partners: list[str]
    created_at: datetime

    @staticmethod
    def resolve_themes(obj: Initiative) -> list[str]:
        return [t.slug for t in _listed(obj, "theme_list", "themes")]

    @staticmethod
    def resolve_wijken(obj: Initiative) -> list[str]:
        return [w.code for w in _listed(obj, "wijk_list", "wijken")]

    @staticmethod
    def resolve_partners(obj: Initiative) -> list[str]:
        return [p.name for p in _listed(obj, "partner_list", "partners")]


class PartOut(Schema):
    key: str
    label: str
    value: float | None
    weight: float
    points: float


class InfluenceOut(Schema):
    score: float
    parts: list[PartOut]


class InitiativeDetailOut(InitiativeOut):
    member_count: int
    influence: InfluenceOut


class InitiativeIn(Schema):
    name: str = Field(..., min_length=1, max_length=160)
    description: str = Field(..., min_length=1)
    themes: list[str] = Field(..., min_length=1, description="theme slugs")
    wijken: list[str] = Field(..., min_length=1, description="CBS wijk codes")
    partners: list[int] = Field(default_factory=list, description="organisation ids")


class JoinIn(Schema):
    role: MemberRole = MemberRole.DEELNEMER


class MembershipOut(Schema):
    initiative: int = Field(..., alias="initiative_id")
    role: str
    joined_at: datetime


class StatusIn(Schema):
    status: str
    note: str = ""


class ActivityOut(Schema):
    id: int
    initiative: int = Field(..., alias="initiative_id")
    title: str
    date: date
    location: int | None = Field(None, alias="location_id")
    participants: int
    target_groups: list[str]


class GrowthOut(Schema):
    wijk: str
    quarter: str
    initiatives: int
    influence: float


class ActivityIn(Schema):
    title: str = Field(..., min_length=1, max_length=160)
    date: date
    location: int | None = None
    participants: int = Field(0, ge=0)
    target_groups: list[TargetGroup] = Field(default_factory=list)


def _person(caller: Caller) -> object:
    """Starting, joining and managing are things a person does, not an organisation's system."""
    if caller.user is None:
        raise HttpError(403, "Only a person can do this.")
    return caller.user


def _initiative_or_404(user: Any, pk: int, manage: bool = False) -> Initiative:
    try:
        found = selectors.initiative_for(user=user, pk=pk, manage=manage)
    except PermissionDenied as error:
        # The endpoints have always answered 404 to who may not manage an initiative.
        raise HttpError(404 if manage else 403, "Not found." if manage else "Refused.") from error
    if found is None:
        raise HttpError(404, "Not found.")
    return found


def _detail(initiative: Initiative) -> Initiative:
    """The initiative with its member count and influence parts attached for the schema."""
    influence = engine.influence_of([initiative.pk])[initiative.pk]
    initiative.member_count = initiative.memberships.count()  # type: ignore[attr-defined]
    initiative.influence = {  # type: ignore[attr-defined]
        "score": influence.score,
        "parts": [
            {
                "key": p.key,
                "label": str(p.label),
                "value": p.value,
                "weight": p.weight,
                "points": p.points,
            }
            for p in influence.parts
        ],
    }
    return initiative


@router.get("/themes", response=list[ThemeOut])
def themes(request: HttpRequest) -> QuerySet[Theme]:
    require(request, Permission.VIEW_INITIATIVES)
    return selectors.themes_list()


@router.get("/initiatives", response=list[InitiativeOut])
@paginate(BoundedLimitOffset)
def initiatives(
    request: HttpRequest,
    wijk: str | None = None,
    theme: str | None = None,
    status: str | None = None,
) -> QuerySet[Initiative]:
    require(request, Permission.VIEW_INITIATIVES)
    found_wijk = Wijk.objects.filter(code=wijk).first() if wijk else None
    if wijk and found_wijk is None:
        return Initiative.objects.none()
    return selectors.initiatives_listed(wijk=found_wijk, theme_slug=theme, status=status)


@router.get("/initiatives/growth", response=list[GrowthOut])
def growth(request: HttpRequest, wijk: str | None = None) -> list[dict[str, object]]:
    """Per wijk and quarter: initiatives alive at its end and their summed influence."""
    require(request, Permission.VIEW_INITIATIVES)
    wijken = Wijk.objects.filter(code=wijk) if wijk else Wijk.objects.all()
    codes = dict(wijken.values_list("pk", "code"))
    frame = engine.growth_per_quarter(wijk_ids=list(codes))
    return [
        {
            "wijk": codes[row["wijk_id"]],
            "quarter": engine.quarter_label(row["quarter"]),
            "initiatives": row["initiatives"],
            "influence": row["influence"],
        }
        for row in frame.iter_rows(named=True)
    ]


@router.get("/initiatives/{initiative_id}", response=InitiativeDetailOut)
def initiative(request: HttpRequest, initiative_id: int) -> Initiative:
    caller = require(request, Permission.VIEW_INITIATIVES)
    return _detail(_initiative_or_404(caller, initiative_id))


@router.post("/initiatives", response={201: InitiativeDetailOut})
def initiative_create(request: HttpRequest, payload: InitiativeIn) -> Status[Initiative]:
    caller = require(request, Permission.START_INITIATIVE)
    lead = _person(caller)
    found_themes = list(Theme.objects.filter(slug__in=payload.themes, active=True))
    if len(found_themes) != len(set(payload.themes)):
        raise unknown("themes", "Unknown theme.")
    wijken = list(Wijk.objects.filter(code__in=payload.wijken).select_related("gemeente"))
    # A wijk outside the caller's scope is reported exactly like one that does not exist.
    if len(wijken) != len(set(payload.wijken)) or not all(
        caller.allows(Permission.START_INITIATIVE, w) for w in wijken
    ):
        raise unknown("wijken", "Unknown wijk.")
    partners = list(Organisation.objects.filter(pk__in=payload.partners))
    if len(partners) != len(set(payload.partners)):
        raise unknown("partners", "Unknown organisation.")
    created = services.initiative_create(
        lead=lead,  # type: ignore[arg-type]
        name=payload.name,
        description=payload.description,
        themes=found_themes,
        wijken=wijken,
        partners=partners,
    )
    return Status(201, _detail(created))


@router.post("/initiatives/{initiative_id}/members", response={201: MembershipOut})
def initiative_join(request: HttpRequest, initiative_id: int, payload: JoinIn) -> Status[object]:
    caller = require(request, Permission.JOIN_INITIATIVE)
    user = _person(caller)
    found = _initiative_or_404(user, initiative_id)
    membership = services.initiative_join(user=user, initiative=found, role=payload.role)  # type: ignore[arg-type]
    return Status(201, membership)


@router.post("/initiatives/{initiative_id}/status", response=InitiativeDetailOut)
def initiative_status(request: HttpRequest, initiative_id: int, payload: StatusIn) -> Initiative:
    caller = require(request, Permission.VIEW_INITIATIVES)
    actor = _person(caller)
    found = _initiative_or_404(actor, initiative_id, manage=True)
    services.initiative_set_status(
        actor=actor, initiative=found, status=payload.status, note=payload.note
    )
    return _detail(found)


@router.get("/activities", response=list[ActivityOut])
@paginate(BoundedLimitOffset)
def activities(
    request: HttpRequest, initiative: int | None = None, wijk: str | None = None
) -> QuerySet[Activity]:
    require(request, Permission.VIEW_INITIATIVES)
    found_initiative = Initiative.objects.filter(pk=initiative).first() if initiative else None
    found_wijk = Wijk.objects.filter(code=wijk).first() if wijk else None
    if (initiative and found_initiative is None) or (wijk and found_wijk is None):
        return Activity.objects.none()
    return selectors.activities_list(initiative=found_initiative, wijk=found_wijk)


@router.post("/initiatives/{initiative_id}/activities", response={201: ActivityOut})
def activity_create(
    request: HttpRequest, initiative_id: int, payload: ActivityIn
) -> Status[Activity]:
    caller = require(request, Permission.VIEW_INITIATIVES)
    actor = _person(caller)
    found = _initiative_or_404(actor, initiative_id, manage=True)
    location = None
    if payload.location is not None:
        location = StrategicLocation.objects.filter(pk=payload.location).first()
        if location is None:
            raise unknown("location", "Unknown location.")
    try:
        created = services.activity_record(
            actor=actor,
            initiative=found,
            title=payload.title,
            date=payload.date,
            participants=payload.participants,
            location=location,
            target_groups=[g.value for g in payload.target_groups],
        )
    except PermissionDenied as error:  # the same answer as for an initiative not managed
        raise HttpError(404, "Not found.") from error
    return Status(201, created)
