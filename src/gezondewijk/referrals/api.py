"""API for referrals: a person's own referrals, FHIR ServiceRequest and Task in and out, and
the suppressed figures.

A referral belongs to its resident, referrer and coach: for anyone else it does not exist
(404). Organisations' keys see the suppressed figures (referrals:figures); a practice's
information system with referrals:exchange sends ServiceRequests on behalf of its own
professionals and reads the referrals made at the practice as their referrer would.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Body, Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from gezondewijk.checks.fhir import FhirError
from gezondewijk.errors import query_error, unknown
from gezondewijk.people.models import ApiKey, User
from gezondewijk.permissions.api_auth import caller_of
from gezondewijk.permissions.policy import Permission
from gezondewijk.referrals import access, fhir, selectors, services
from gezondewijk.referrals.disclosure import DisclosedReferral
from gezondewijk.referrals.engine import LEVELS
from gezondewijk.referrals.models import Answer, Reason, Referral
from gezondewijk.referrals.models import Status as LoopStatus

router = Router(tags=["referrals"])

# The scope's description, said here so it is translated with this app's catalogue.
FIGURES_SCOPE = _("read suppressed figures of referrals")


class ReferralOut(Schema):
    id: int
    reason: str
    status: str
    answer: str
    created_at: datetime
    updated_at: datetime
    practice: str
    referrer: str | None
    coach: str | None
    initiative: int | None = Field(None, alias="initiative_id")
    activity: int | None = Field(None, alias="activity_id")
    time_preference: str
    close_to_home: bool
    first_activity_on: date | None
    feedback_participation: bool
    feedback_health: bool
    outcome_shared: bool = Field(
        description="False for a referrer the resident has not let hear how it went: then "
        "status shows at most 'ontvangen', and answer, choice and first_activity_on are withheld"
    )

    @staticmethod
    def resolve_practice(obj: DisclosedReferral) -> str:
        return obj.practice.name

    @staticmethod
    def resolve_referrer(obj: DisclosedReferral) -> str | None:
        return str(obj.referrer) if obj.referrer else None

    @staticmethod
    def resolve_coach(obj: DisclosedReferral) -> str | None:
        return str(obj.coach) if obj.coach else None


class ReferralIn(Schema):
    code: str = Field(..., min_length=4, max_length=12, description="the resident's code")
    reason: Reason
    resident_consented: bool = Field(..., description="the resident agreed to this referral")
    coach: int | None = Field(None, description="user id of a welfare coach")
    initiative: int | None = None
    activity: int | None = None
    time_preference: str = ""
    close_to_home: bool = False


class AnswerIn(Schema):
    answer: Answer
    feedback_participation: bool = False
    feedback_health: bool = False


class ReferralStatusIn(Schema):
    status: LoopStatus


class ProposalOut(Schema):
    kind: str
    initiative_id: int
    activity_id: int | None
    title: str
    date: date | None
    location: str | None
    score: int
    at_visited_place: bool
    in_buurt: bool
    in_wijk: bool


class ReferralFigureOut(Schema):
    group: str | None
    n: int | None
    referrals: int | None
    participation_pct: float | None
    median_days_to_activity: float | None
    health_change: float | None
    suppressed: bool


PERSONAL = "Referrals are personal: only a logged-in person reads them."


def _person(request: HttpRequest, refusal: str = PERSONAL) -> User:
    caller = caller_of(request)
    if caller.user is None:
        raise HttpError(403, refusal)
    user: User = caller.user
    return user


def _practice_key(request: HttpRequest) -> ApiKey | None:
    """The calling practice system's key, or None for a person; a key without the exchange
    scope is refused."""
    caller = caller_of(request)
    if not isinstance(caller.key, ApiKey):
        return None
    if not caller.allows(Permission.EXCHANGE_REFERRALS):
        raise HttpError(403, "This key lacks the scope referrals:exchange.")
    return caller.key


def _referral(request: HttpRequest, referral_id: int) -> Referral:
    found = selectors.referral_for(user=_person(request), pk=referral_id, purpose="api")
    if found is None:
        raise HttpError(404, "Not found.")
    return found


def _read(request: HttpRequest, referral_id: int, purpose: str) -> DisclosedReferral:
    """A referral as a person or a practice's system may see it (a referrer is told only what
    the resident lets them hear); the read is logged."""
    key = _practice_key(request)
    if key is None:
        referral = _referral(request, referral_id)
        return selectors.as_seen_by(referral=referral, viewer=_person(request))
    found = selectors.referral_for_practice(key=key, pk=referral_id, purpose=purpose)
    if found is None:
        raise HttpError(404, "Not found.")
    return selectors.as_told_to_referrer(referral=found)


@router.get("", response=list[ReferralOut])
def referral_list(request: HttpRequest) -> list[DisclosedReferral]:
    """The caller's referrals: their own as a resident, those they made, those sent to them.
    A practice's system follows its referrals one by one (GET /{id}/fhir/Task)."""
    user = _person(request, "A practice's system reads its referrals one by one, by id.")
    if not (access.may_keep_own(user) or access.may_refer(user) or access.may_receive(user)):
        raise HttpError(403, "You may not do this.")
    mine = list(
        selectors.referrals_of_resident(user=user)
        | selectors.referrals_made_by(user=user)
        | selectors.referrals_received_by(user=user)
    )
    selectors.log_list_read(user=user, referrals=mine, reason="api list")
    return selectors.referrals_as_seen_by(referrals=mine, viewer=user)


@router.post("", response={201: ReferralOut})
def referral_create(request: HttpRequest, payload: ReferralIn) -> Status[DisclosedReferral]:
    """Refer a resident, as the logged-in professional. A practice's system sends a FHIR
    ServiceRequest instead (POST /fhir/ServiceRequest)."""
    user = _person(request, "A practice's system refers with POST /fhir/ServiceRequest.")
    if not access.may_refer(user):
        raise HttpError(403, "You may not do this.")
    resident = selectors.resident_by_code(code=payload.code)
    if resident is None:
        raise unknown("code", "Unknown referral code.")
    coach = User.objects.filter(pk=payload.coach).first() if payload.coach else None
    referral = services.referral_create(
        referrer=user,
        resident=resident,
        reason=payload.reason,
        resident_consented=payload.resident_consented,
        coach=coach,
        initiative_id=payload.initiative,
        activity_id=payload.activity,
        time_preference=payload.time_preference,
        close_to_home=payload.close_to_home,
    )
    return Status(201, DisclosedReferral.whole(referral))


@router.get("/figures", response=list[ReferralFigureOut])
def referral_figures(request: HttpRequest, level: str = "practice") -> list[dict[str, Any]]:
    """Referrals, share that took part, median days to the first activity and change in
    health-check score per practice, wijk or theme; cells below k are hidden."""
    caller = caller_of(request)
    if not caller.allows(Permission.VIEW_REFERRAL_FIGURES):
        raise HttpError(403, "You may not do this.")
    if level not in LEVELS:
        raise query_error("level", f"One of {', '.join(LEVELS)}.")
    table = selectors.figures(level=level)
    return [{**row, "group": row[level]} for row in table.to_dicts()]


@router.post("/fhir/ServiceRequest", response={200: ReferralOut, 201: ReferralOut}, tags=["fhir"])
def service_request_import(
    request: HttpRequest,
    resource: dict[str, Any] = Body(...),  # noqa: B008
) -> Status[DisclosedReferral]:
    """Import a FHIR R4 ServiceRequest sent by the referrer; 201 when new, 200 when it names
    a referral already known. An invalid one is refused with the FHIR path of each error.

    A practice's information system sends it with its API key (scope referrals:exchange): the
    requester (identifier system .../professional-email) names the referring professional,
    who must work at the key's organisation and may refer; anyone else is refused with 403.
    """
    key = _practice_key(request)
    if key is not None:
        referral, created = fhir.import_service_request_from_practice(
            resource, practice=key.organisation
        )
    else:
        user = _person(request)
        if not access.may_refer(user):
            raise HttpError(403, "You may not do this.")
        referral, created = fhir.import_service_request(resource, referrer=user)
    if key is not None and not created:
        # Answering with a referral that already existed is a read of it.
        selectors.log_practice_read(key=key, referral=referral, reason="api fhir import")
    return Status(201 if created else 200, selectors.as_told_to_referrer(referral=referral))


@router.post("/fhir/Task", response=ReferralOut, tags=["fhir"])
def task_import(
    request: HttpRequest,
    resource: dict[str, Any] = Body(...),  # noqa: B008
) -> DisclosedReferral:
    """Progress from the coach's system as a FHIR R4 Task based on a referral, sent as the
    logged-in coach. An organisation's key may not move a referral on (403): progress is
    the coach's to report, and a practice's system only follows it."""
    user = _person(request, "Only the coach moves a referral on; a key cannot.")
    try:
        return DisclosedReferral.whole(fhir.import_task(resource, user=user))
    except FhirError as error:
        # A referral the coach does not follow is answered as one that does not exist.
        if error.errors and error.errors[0]["path"].startswith("Task.basedOn["):
            raise HttpError(404, "Not found.") from error
        raise
    except PermissionDenied as error:
        raise HttpError(404, "Not found.") from error


@router.get("/{referral_id}", response=ReferralOut)
def referral_detail(request: HttpRequest, referral_id: int) -> DisclosedReferral:
    """One referral, for its resident, referrer or coach, or for the system of the practice
    where it was made (scope referrals:exchange; the referrer's view, read logged)."""
    return _read(request, referral_id, purpose="api")


@router.get("/{referral_id}/proposals", response=list[ProposalOut])
def referral_proposals(request: HttpRequest, referral_id: int) -> list[dict[str, Any]]:
    referral = _referral(request, referral_id)
    user = _person(request)
    if not (access.is_resident_of(user, referral) or access.may_follow(user, referral)):
        raise HttpError(403, "Proposals are for the resident and the coach.")
    return selectors.proposals_for(referral=referral, viewer=user)


@router.post("/{referral_id}/answer", response=ReferralOut)
def referral_answer(request: HttpRequest, referral_id: int, payload: AnswerIn) -> DisclosedReferral:
    referral = _referral(request, referral_id)
    answered = services.referral_answer(
        user=_person(request),
        referral=referral,
        answer=payload.answer,
        feedback_participation=payload.feedback_participation,
        feedback_health=payload.feedback_health,
    )
    return DisclosedReferral.whole(answered)


@router.post("/{referral_id}/status", response=ReferralOut)
def referral_status(
    request: HttpRequest, referral_id: int, payload: ReferralStatusIn
) -> DisclosedReferral:
    referral = _referral(request, referral_id)
    advanced = services.referral_advance(
        user=_person(request), referral=referral, status=payload.status
    )
    return DisclosedReferral.whole(advanced)


@router.get("/{referral_id}/fhir/ServiceRequest", response=dict[str, Any], tags=["fhir"])
def service_request_export(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    """The referral as a FHIR R4 ServiceRequest, for the same callers as GET /{id}."""
    return fhir.service_request(_read(request, referral_id, purpose="api fhir"))


@router.get("/{referral_id}/fhir/Task", response=dict[str, Any], tags=["fhir"])
def task_export(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    """The referral's progress as a FHIR R4 Task, for the same callers as GET /{id}. Whether
    the resident took part (Task.output) reaches the referrer, and their practice's system,
    only when the resident lets them hear it."""
    referral = _read(request, referral_id, purpose="api fhir")
    return fhir.task(referral, include_outcome=referral.outcome_shared)
