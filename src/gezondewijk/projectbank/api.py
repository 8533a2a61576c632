"""API for the project bank: interventions with search and facets, playbooks, experiences,
and the exchange between regional banks."""

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from gezondewijk.api_pagination import BoundedLimitOffset
from gezondewijk.errors import unknown
from gezondewijk.people.models import Organisation
from gezondewijk.permissions.api_auth import Caller, caller_of, require
from gezondewijk.permissions.policy import Permission
from gezondewijk.projectbank import exchange, selectors, services
from gezondewijk.projectbank.access import Action
from gezondewijk.projectbank.models import (
    BudgetCategory,
    ExperienceReport,
    Intervention,
    Phase,
    Playbook,
    Recognition,
    Setting,
    Theme,
    WijkType,
)

router = Router(tags=["projectbank"])


class EvidenceSchema(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    url: str = Field(..., max_length=500, pattern=r"^https?://\S+$")


class InterventionSummaryOut(Schema):
    id: UUID = Field(..., alias="uid")
    title: str
    summary: str
    recognition: Recognition
    themes: list[Theme]
    owner: str = Field(..., alias="owner_display")
    rank: float | None = None

    @staticmethod
    def resolve_themes(obj: Intervention) -> list[str]:
        return [t.theme for t in obj.themes.all()]


class InterventionDetailOut(InterventionSummaryOut):
    aim: str
    target_group: str
    approach: str
    preconditions: str
    transferability: str
    costs: str
    cost_indication: Decimal | None
    settings: list[Setting]
    evidence: list[EvidenceSchema]
    selected_by: list[str]
    origin_bank: str
    has_playbook: bool
    updated_at: datetime

    @staticmethod
    def resolve_settings(obj: Intervention) -> list[str]:
        return [s.setting for s in obj.settings.all()]

    @staticmethod
    def resolve_evidence(obj: Intervention) -> list[dict[str, str]]:
        return [{"title": e.title, "url": e.url} for e in obj.evidence_links.all()]

    @staticmethod
    def resolve_selected_by(obj: Intervention) -> list[str]:
        return [e.organisation_name for e in obj.endorsements.all()]

    @staticmethod
    def resolve_has_playbook(obj: Intervention) -> bool:
        return Playbook.objects.filter(intervention=obj).exists()


class InterventionIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    summary: str = Field(..., min_length=1)
    themes: list[Theme] = Field(..., min_length=1)
    settings: list[Setting] = []
    recognition: Recognition = Recognition.NIET_BEOORDEELD
    aim: str = ""
    target_group: str = Field("", max_length=200)
    approach: str = ""
    preconditions: str = ""
    transferability: str = ""
    costs: str = ""
    cost_indication: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    evidence: list[EvidenceSchema] = []


NULL_CLEARS = {"cost_indication"}


class InterventionPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    summary: str | None = Field(None, min_length=1)
    themes: list[Theme] | None = Field(None, min_length=1)
    settings: list[Setting] | None = None
    recognition: Recognition | None = None
    aim: str | None = None
    target_group: str | None = Field(None, max_length=200)
    approach: str | None = None
    preconditions: str | None = None
    transferability: str | None = None
    costs: str | None = None
    cost_indication: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    evidence: list[EvidenceSchema] | None = None


class SearchParams(Schema):
    q: str = ""
    theme: list[Theme] = []
    setting: list[Setting] = []
    recognition: list[Recognition] = []

    def filters(self) -> selectors.Filters:
        return selectors.Filters(
            query=self.q,
            themes=tuple(self.theme),
            settings=tuple(self.setting),
            recognition=tuple(self.recognition),
        )


class FacetOut(Schema):
    value: str
    label: str
    count: int
    chosen: bool


class FacetsOut(Schema):
    themes: list[FacetOut]
    settings: list[FacetOut]
    recognition: list[FacetOut]


class StepIn(Schema):
    phase: Phase
    title: str = Field(..., min_length=1, max_length=200)
    duration_weeks: int = Field(..., ge=1, le=520)
    description: str = ""
    roles: list[str] = []
    position: int | None = Field(None, ge=1)


class BudgetLineIn(Schema):
    category: BudgetCategory
    description: str = Field(..., min_length=1, max_length=200)
    amount: Decimal = Field(..., ge=0, max_digits=10, decimal_places=2)


class PlaybookIn(Schema):
    introduction: str = ""


class EndorsementIn(Schema):
    organisation: int = Field(..., description="id of a health centre or GP practice")


class EndorsementOut(Schema):
    organisation: str = Field(..., alias="organisation_name")
    selected_at: datetime = Field(..., alias="endorsed_at")


class ExperienceIn(Schema):
    wijk_type: WijkType
    target_group: str = Field(..., min_length=1, max_length=200)
    what_worked: str = Field(..., min_length=1)
    what_did_not: str = ""
    rating: int = Field(..., ge=1, le=5)
    cycle_step: str | None = Field(None, description="key of the step of the cycle, if any")


class ExperienceReportOut(Schema):
    id: UUID = Field(..., alias="uid")
    organisation: str = Field(..., alias="organisation_name")
    wijk_type: WijkType
    target_group: str
    what_worked: str
    what_did_not: str
    rating: int
    origin_bank: str
    created_at: datetime
    cycle_step: str | None = Field(None, description="key of the step of the cycle, if any")

    @staticmethod
    def resolve_cycle_step(obj: ExperienceReport) -> str | None:
        return obj.cycle_step.key if obj.cycle_step else None


class ImportOut(Schema):
    created: int
    updated: int
    unchanged: int
    experiences_added: int
    conflicts: list[str]


def _found(caller: Caller, uid: UUID, action: Action = Action.VIEW) -> Intervention:
    """The intervention, for `caller` to do `action`: 404 when there is no such intervention;
    a refusal (PermissionDenied) is answered 403 by the error boundary."""
    found = selectors.intervention_for(actor=caller, uid=uid, action=action)
    if found is None:
        raise HttpError(404, "Not found.")
    return found


@router.get("/interventions", response=list[InterventionSummaryOut])
@paginate(BoundedLimitOffset)
def interventions(request: HttpRequest, params: Query[SearchParams]) -> Sequence[Intervention]:
    """Ranked Dutch full-text search (`q`) with filters; without `q`, by title."""
    require(request, Permission.VIEW_PROJECTBANK)
    return selectors.interventions_search(filters=params.filters())


@router.get("/facets", response=FacetsOut)
def facets(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    require(request, Permission.VIEW_PROJECTBANK)
    counted = selectors.facets(filters=params.filters())
    return {
        name: [{**vars(v), "label": str(v.label)} for v in values]
        for name, values in counted.items()
    }


@router.get("/interventions/{uid}", response=InterventionDetailOut)
def intervention(request: HttpRequest, uid: UUID) -> Intervention:
    return _found(caller_of(request), uid)


@router.post("/interventions", response={201: InterventionDetailOut})
def intervention_create(request: HttpRequest, payload: InterventionIn) -> Status[Intervention]:
    caller = require(request, Permission.EDIT_INTERVENTIONS)
    data = payload.dict()
    data["evidence"] = [dict(e) for e in data["evidence"]]
    created = services.intervention_create(actor=caller, **data)
    return Status(201, _found(caller, created.uid))


@router.patch("/interventions/{uid}", response=InterventionDetailOut)
def intervention_update(
    request: HttpRequest, uid: UUID, payload: InterventionPatch
) -> Intervention:
    caller = caller_of(request)
    found = _found(caller, uid, Action.EDIT)
    # null leaves a field as it is, except the cost indication, which null clears.
    changes = {
        field: value
        for field, value in payload.dict(exclude_unset=True).items()
        if value is not None or field in NULL_CLEARS
    }
    if "evidence" in changes:
        changes["evidence"] = [dict(e) for e in changes["evidence"]]
    services.intervention_update(actor=caller, intervention=found, **changes)
    return _found(caller, uid)


@router.post("/interventions/{uid}/endorsements", response={201: EndorsementOut})
def intervention_endorse(request: HttpRequest, uid: UUID, payload: EndorsementIn) -> Status[Any]:
    caller = caller_of(request)
    intervention = _found(caller, uid, Action.ENDORSE)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise unknown("organisation", "Unknown organisation.")
    endorsement = services.intervention_endorse(
        actor=caller, intervention=intervention, organisation=organisation
    )
    return Status(201, endorsement)


@router.get("/interventions/{uid}/playbook", response=exchange.PlaybookOut)
def playbook(request: HttpRequest, uid: UUID) -> exchange.PlaybookOut:
    found = selectors.intervention_playbook_for(actor=caller_of(request), uid=uid)
    if found is None:
        raise HttpError(404, "Not found.")
    return exchange.playbook_out(found[1])


@router.put("/interventions/{uid}/playbook", response=exchange.PlaybookOut)
def playbook_save(request: HttpRequest, uid: UUID, payload: PlaybookIn) -> exchange.PlaybookOut:
    caller = caller_of(request)
    intervention = _found(caller, uid, Action.EDIT)
    saved = services.playbook_save(actor=caller, intervention=intervention, **payload.dict())
    return exchange.playbook_out(saved)


def _playbook_now(playbook: Playbook) -> exchange.PlaybookOut:
    fresh = selectors.playbook_for(intervention=playbook.intervention)
    return exchange.playbook_out(fresh or playbook)


@router.post("/interventions/{uid}/playbook/steps", response={201: exchange.PlaybookOut})
def step_add(request: HttpRequest, uid: UUID, payload: StepIn) -> Status[exchange.PlaybookOut]:
    caller = caller_of(request)
    playbook = services.playbook_of(actor=caller, intervention=_found(caller, uid, Action.EDIT))
    data = payload.dict()
    data["roles"] = ", ".join(r.strip() for r in data["roles"] if r.strip())
    services.playbook_step_add(actor=caller, playbook=playbook, **data)
    return Status(201, _playbook_now(playbook))


@router.post("/interventions/{uid}/playbook/budget-lines", response={201: exchange.PlaybookOut})
def budget_add(
    request: HttpRequest, uid: UUID, payload: BudgetLineIn
) -> Status[exchange.PlaybookOut]:
    caller = caller_of(request)
    playbook = services.playbook_of(actor=caller, intervention=_found(caller, uid, Action.EDIT))
    services.budget_line_add(actor=caller, playbook=playbook, **payload.dict())
    return Status(201, _playbook_now(playbook))


@router.get("/interventions/{uid}/experiences", response=list[ExperienceReportOut])
def experiences(request: HttpRequest, uid: UUID) -> QuerySet[ExperienceReport]:
    return selectors.experiences_of(intervention=_found(caller_of(request), uid))


@router.get("/cycle-steps/{key}/experiences", response=list[ExperienceReportOut])
def step_experiences(request: HttpRequest, key: str) -> QuerySet[ExperienceReport]:
    """Experience reports on a step of the implementation cycle (by the step's key)."""
    step = selectors.cycle_step_for(actor=caller_of(request), key=key)
    if step is None:
        raise HttpError(404, "Not found.")
    return selectors.step_experiences(step=step)


@router.post("/interventions/{uid}/experiences", response={201: ExperienceReportOut})
def experience_create(
    request: HttpRequest, uid: UUID, payload: ExperienceIn
) -> Status[ExperienceReport]:
    caller = caller_of(request)
    intervention = _found(caller, uid, Action.REPORT)
    data = payload.dict()
    key = data.pop("cycle_step")
    step = selectors.cycle_step_get(key=key) if key else None
    if key and step is None:
        raise ValidationError(
            {"cycle_step": f"There is no step of the cycle with the key “{key}”."}
        )
    report = services.experience_report_create(
        actor=caller,
        intervention=intervention,
        cycle_step=step,
        **data,
    )
    return Status(201, report)


@router.get("/export", response=dict[str, Any], tags=["projectbank exchange"])
def bank_export(request: HttpRequest) -> dict[str, Any]:
    """This bank's interventions, playbooks and experiences (also those on steps of the
    cycle) in the exchange format, version 2."""
    require(request, Permission.EXPORT_PROJECTBANK)
    return exchange.bank_export()


@router.post("/import", response=ImportOut, tags=["projectbank exchange"])
def bank_import(request: HttpRequest) -> exchange.ImportResult:
    """Import another bank's export (the request body). All or nothing; 422 names the record
    and field of every problem."""
    require(request, Permission.IMPORT_PROJECTBANK)
    return exchange.bank_import(request.body)
