"""API for questionnaires (FHIR R4), a resident's own responses, panel surveys and figures.

A resident's responses are reachable only by that resident: every other caller, whatever
their role, gets 404 as if the response did not exist.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Body, Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from gezondewijk.api_errors import ErrorOut
from gezondewijk.checks import access, defaults, engine, exchange, fhir, selectors, services
from gezondewijk.checks.models import PanelSurvey, Questionnaire, QuestionnaireKind
from gezondewijk.errors import query_error, unknown
from gezondewijk.people.models import User
from gezondewijk.permissions import policy
from gezondewijk.permissions.api_auth import caller_of, require
from gezondewijk.permissions.policy import Permission

router = Router(tags=["checks"])


class QuestionnaireOut(Schema):
    id: int
    url: str
    version: str
    title: str
    kind: str


class ResponseOut(Schema):
    id: int
    questionnaire: str = Field(..., alias="questionnaire.canonical")
    authored: datetime
    answers: dict[str, list[Any]]
    scores: dict[str, float]

    @staticmethod
    def resolve_scores(obj: Any) -> dict[str, float]:
        return {v.key: v.value for v in obj.values.all()}


class AnswersIn(Schema):
    answers: dict[str, Any] = Field(..., description="linkId → answer or list of answers")


class SurveyIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    wijk: str = Field(..., description="CBS wijk code, e.g. WK034401")
    themes: list[str] = Field(default_factory=list, description=", ".join(defaults.PANEL_THEMES))


class SurveyOut(Schema):
    id: int
    title: str
    status: str
    wijk: str | None = Field(None, alias="wijk.code")
    questionnaire: str = Field(..., alias="questionnaire.canonical")


class CountOut(Schema):
    area: str
    period: str
    n: int | None
    suppressed: bool


class RateOut(Schema):
    buurt: str
    invited: int | None
    answered: int | None
    rate: float | None
    suppressed: bool


class InvitationOut(Schema):
    survey_id: int
    title: str = Field(..., alias="survey.title")
    questionnaire_id: int = Field(..., alias="survey.questionnaire_id")


class FigureOut(Schema):
    area: str
    period: str
    key: str
    n: int | None
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool


def _resident(request: HttpRequest) -> User:
    """The calling resident; an organisation's key or a non-resident has no answers here."""
    caller = caller_of(request)
    if caller.user is None or not policy.allows(caller.user, Permission.KEEP_HEALTH_CHECK):
        raise HttpError(403, "Only a resident can keep answers of their own.")
    user: User = caller.user
    return user


# -- questionnaires -----------------------------------------------------------------------


@router.get("/questionnaires", response=list[QuestionnaireOut])
def questionnaires(request: HttpRequest) -> QuerySet[Questionnaire]:
    require(request, Permission.VIEW_QUESTIONNAIRES)
    return Questionnaire.objects.order_by("url", "-created_at")


@router.get("/questionnaires/{questionnaire_id}", response=dict[str, Any])
def questionnaire_fhir(request: HttpRequest, questionnaire_id: int) -> dict[str, Any]:
    """The questionnaire as a FHIR R4 Questionnaire resource."""
    require(request, Permission.VIEW_QUESTIONNAIRES)
    found = Questionnaire.objects.filter(pk=questionnaire_id).first()
    if found is None:
        raise HttpError(404, "Not found.")
    return fhir.questionnaire_export(found.resource)


@router.post("/questionnaires", response={201: QuestionnaireOut})
def questionnaire_import(
    request: HttpRequest,
    resource: dict[str, Any] = Body(...),  # noqa: B008
    kind: QuestionnaireKind = QuestionnaireKind.HEALTH_CHECK,
) -> Status[Questionnaire]:
    """Import a FHIR R4 (or STU3) Questionnaire as a new version; the newest health check is
    the one residents fill in."""
    caller = require(request, Permission.MANAGE_QUESTIONNAIRES)
    return Status(201, services.questionnaire_import(actor=caller, resource=resource, kind=kind))


# -- own responses ----------------------------------------------------------------------


@router.get("/responses", response=list[ResponseOut])
def my_responses(request: HttpRequest) -> Any:
    return selectors.responses_of(user=_resident(request))


@router.post("/responses", response={201: ResponseOut})
def my_response_submit(request: HttpRequest, payload: AnswersIn) -> Status[Any]:
    """Fill in the current health check with answers by linkId."""
    user = _resident(request)
    response = services.response_submit(
        user=user, questionnaire=services.health_check_ensure(), raw_answers=payload.answers
    )
    return Status(201, selectors.responses_of(user=user).get(pk=response.pk))


@router.get("/responses/fhir", response=dict[str, Any])
def my_responses_fhir(request: HttpRequest) -> dict[str, Any]:
    """All my answers as a FHIR R4 Bundle of QuestionnaireResponses."""
    return exchange.bundle_for(user=_resident(request))


@router.post("/responses/fhir", response={201: list[ResponseOut]})
def my_responses_import(
    request: HttpRequest,
    document: dict[str, Any] = Body(...),  # noqa: B008
) -> Status[Any]:
    """Import a QuestionnaireResponse or a Bundle of them (FHIR R4 or STU3): all or nothing.
    Identifiers of the person in it (a contained Patient, a BSN) are not stored."""
    user = _resident(request)
    created = services.responses_import(user=user, document=document, source="fhir")
    return Status(201, selectors.responses_of(user=user).filter(pk__in=[r.pk for r in created]))


@router.post("/import", response={201: dict[str, int]}, tags=["fhir"])
def linked_responses_import(
    request: HttpRequest,
    document: dict[str, Any] = Body(...),  # noqa: B008
) -> Status[dict[str, int]]:
    """For a PGO's system (API key with scope checks:import): QuestionnaireResponses, single or
    in a Bundle, each naming its resident by the pseudonymous link code the resident made
    (subject.identifier, system https://gezondewijk.nl/fhir/NamingSystem/pgo-koppeling).
    All or nothing; other identifiers of the person (a BSN) are never stored."""
    caller = require(request, Permission.IMPORT_LINKED_RESPONSES)
    if caller.key is None:
        raise HttpError(403, "Only a connected system sends answers for residents.")
    created = services.responses_import_linked(document=document, source=caller.key.name)
    return Status(201, {"imported": len(created)})


@router.delete("/responses/{response_id}", response={204: None})
def my_response_delete(request: HttpRequest, response_id: int) -> Status[None]:
    """Delete one of my responses; it leaves every figure computed from then on."""
    user = _resident(request)
    found = selectors.own_response(user=user, response_id=response_id)
    if found is None:
        raise HttpError(404, "Not found.")
    services.response_delete(user=user, response=found)
    return Status(204, None)


@router.get("/responses/{response_id}", response=dict[str, Any])
def my_response_fhir(request: HttpRequest, response_id: int) -> dict[str, Any]:
    """One of my responses as a FHIR QuestionnaireResponse."""
    found = selectors.own_response(user=_resident(request), response_id=response_id)
    if found is None:
        raise HttpError(404, "Not found.")
    return exchange.response_fhir(found)


# -- panel ------------------------------------------------------------------------------


def _survey_of(request: HttpRequest, survey_id: int) -> PanelSurvey:
    caller = require(request, Permission.MANAGE_PANEL)
    survey = selectors.panel_survey_for(user=caller.user, pk=survey_id)
    if survey is None:
        raise HttpError(404, "Not found.")
    return survey


@router.get("/panel/surveys", response=list[SurveyOut], tags=["panel"])
def surveys(request: HttpRequest) -> list[PanelSurvey]:
    caller = require(request, Permission.MANAGE_PANEL)
    return selectors.surveys_for(user=caller.user)


@router.post("/panel/surveys", response={201: SurveyOut}, tags=["panel"])
def survey_create(request: HttpRequest, payload: SurveyIn) -> Status[PanelSurvey]:
    caller = require(request, Permission.MANAGE_PANEL)
    # The same choices as the page's form: a wijk outside the caller's reach is unknown here.
    wijk = access.survey_wijken(caller.user).filter(code=payload.wijk).first()
    if wijk is None:
        raise unknown("wijk", "Unknown wijk.")
    if not payload.themes or not set(payload.themes) <= set(defaults.PANEL_THEMES):
        raise DjangoValidationError({"themes": f"Choose from {', '.join(defaults.PANEL_THEMES)}."})
    import uuid

    survey = services.panel_survey_create(
        created_by=caller.user,
        region=wijk.gemeente.region,
        wijk=wijk,
        title=payload.title,
        resource=defaults.panel_questionnaire(
            slug=uuid.uuid4().hex[:12], title=payload.title, themes=payload.themes, questions=[]
        ),
    )
    return Status(201, survey)


@router.post(
    "/panel/surveys/{survey_id}/actions/{action}",
    response={200: SurveyOut, 409: ErrorOut},  # 409: not possible in the survey's state
    tags=["panel"],
)
def survey_action(request: HttpRequest, survey_id: int, action: str) -> PanelSurvey:
    """action: open, close, invite or remind."""
    survey = _survey_of(request, survey_id)
    actor = caller_of(request).user
    steps = {
        "open": services.panel_survey_open,
        "close": services.panel_survey_close,
        "invite": services.panel_invite,
        "remind": services.panel_remind,
    }
    if action not in steps:
        raise HttpError(404, "Not found.")
    try:
        steps[action](actor=actor, survey=survey)
    except DjangoValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from error
    survey.refresh_from_db()
    return survey


@router.get("/panel/surveys/{survey_id}/rate", response=list[RateOut], tags=["panel"])
def survey_rate(request: HttpRequest, survey_id: int) -> list[dict[str, Any]]:
    """Response rate per buurt; buurten with fewer than k panel members show no figures."""
    return selectors.survey_rate(survey=_survey_of(request, survey_id)).to_dicts()


@router.get("/panel/invitations", response=list[InvitationOut], tags=["panel"])
def my_invitations(request: HttpRequest) -> Any:
    """The open surveys I was invited to and have not answered yet."""
    return selectors.invitations_open_for(user=_resident(request))


@router.post(
    "/panel/invitations/{survey_id}/response",
    response={201: ResponseOut, 409: ErrorOut},  # 409: closed, or answered already
    tags=["panel"],
)
def my_panel_response(request: HttpRequest, survey_id: int, payload: AnswersIn) -> Status[Any]:
    """Answer a survey I was invited to, with answers by linkId."""
    user = _resident(request)
    invitation = selectors.invitations_open_for(user=user).filter(survey_id=survey_id).first()
    if invitation is None:
        raise HttpError(404, "Not found.")
    survey = invitation.survey
    try:
        response = services.response_submit(
            user=user,
            questionnaire=survey.questionnaire,
            raw_answers=payload.answers,
            survey=survey,
        )
    except DjangoValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from error
    return Status(201, selectors.responses_of(user=user).get(pk=response.pk))


@router.get("/panel/surveys/{survey_id}/results", response=list[FigureOut], tags=["panel"])
def survey_results(request: HttpRequest, survey_id: int) -> list[dict[str, Any]]:
    survey = _survey_of(request, survey_id)
    means = engine.area_means(selectors.survey_frame(survey=survey), level="buurt")
    return [{**row, "area": row["buurt"]} for row in means.to_dicts()]


# -- figures ----------------------------------------------------------------------------


@router.get("/figures", response=list[FigureOut])
def figures(request: HttpRequest, level: str = "wijk", period: str = "year") -> Any:
    """Mean health-check score per dimension, area and period, with n and a 95% interval;
    cells under the privacy threshold are suppressed, complementary cells too."""
    require(request, Permission.VIEW_CHECK_FIGURES)
    _check_level_and_period(level, period)
    means = engine.area_means(selectors.health_check_frame(), level=level, period=period)
    return [{**row, "area": row[level]} for row in means.to_dicts()]


@router.get("/figures/responses", response=list[CountOut])
def figure_counts(request: HttpRequest, level: str = "wijk", period: str = "year") -> Any:
    """How many consenting residents filled in the health check, per area and period."""
    require(request, Permission.VIEW_CHECK_FIGURES)
    _check_level_and_period(level, period)
    counts = engine.response_counts(selectors.health_check_frame(), level=level, period=period)
    return [{**row, "area": row[level]} for row in counts.to_dicts()]


def _check_level_and_period(level: str, period: str) -> None:
    if level not in engine.LEVELS or period not in engine.PERIODS:
        raise query_error(
            "level" if level not in engine.LEVELS else "period",
            f"Choose level from {engine.LEVELS} and period from {engine.PERIODS}.",
        )
