"""Reads of the checks app. A resident's answers are read only by that resident."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.db.models import Q, QuerySet
from django.db.models.fields.json import KeyTransform

from gezondewijk.checks import access, engine
from gezondewijk.checks.defaults import DIMENSIONS
from gezondewijk.checks.models import (
    PanelInvitation,
    PanelSurvey,
    Questionnaire,
    QuestionnaireKind,
    Response,
    ResponseValue,
    SurveyStatus,
)
from gezondewijk.people.models import User
from gezondewijk.permissions import policy
from gezondewijk.places.access import wijken_in_scope
from gezondewijk.places.models import Buurt, Gemeente, Region, Wijk
from gezondewijk.privacy.models import Consent, Purpose


def questionnaires_current() -> QuerySet[Questionnaire]:
    """The latest version of every questionnaire."""
    return Questionnaire.objects.order_by("url", "-created_at", "-pk").distinct()


def responses_of(*, user: User, kind: QuestionnaireKind | None = None) -> QuerySet[Response]:
    found = Response.objects.filter(user=user).select_related("questionnaire", "survey")
    if kind is not None:
        found = found.filter(questionnaire__kind=kind)
    return found.prefetch_related("values").order_by("authored", "pk")


def own_response(*, user: User, response_id: int) -> Response | None:
    """The response if it is the caller's; anyone else's is reported as not found."""
    return responses_of(user=user).filter(pk=response_id).first()


def score_history(*, user: User) -> list[dict[str, Any]]:
    """The resident's health checks, oldest first: date and a score per dimension."""
    history = []
    for response in responses_of(user=user, kind=QuestionnaireKind.HEALTH_CHECK):
        values = {v.key: v.value for v in response.values.all()}
        history.append(
            {
                "id": response.pk,
                "authored": response.authored,
                "scores": [values.get(code) for code in DIMENSIONS],
            }
        )
    return history


def consenting(purpose: Purpose) -> QuerySet[Consent]:
    return Consent.objects.filter(purpose=purpose, withdrawn_at__isnull=True)


def values_frame(*, query: Q, purpose: Purpose) -> pl.DataFrame:
    """Derived values of responses matching `query`, of residents who consent to `purpose`.

    Consent is read now, not when the answers were given: withdrawing it takes the answers
    out of every figure computed afterwards.
    """
    rows = (
        ResponseValue.objects.filter(query)
        .filter(response__user_id__in=consenting(purpose).values("user_id"))
        .values_list(
            "response__user_id",
            "response_id",
            "response__buurt__code",
            "response__buurt__wijk__code",
            "response__buurt__wijk__gemeente__code",
            "response__buurt__wijk__gemeente__region__slug",
            "response__authored",
            "key",
            "value",
        )
    )
    return pl.DataFrame(
        list(rows.iterator(chunk_size=20_000)), schema=engine.VALUE_SCHEMA, orient="row"
    )


def health_check_frame() -> pl.DataFrame:
    return values_frame(
        query=Q(response__questionnaire__kind=QuestionnaireKind.HEALTH_CHECK),
        purpose=Purpose.NEIGHBOURHOOD_AGGREGATES,
    )


def survey_frame(*, survey: PanelSurvey) -> pl.DataFrame:
    return values_frame(query=Q(response__survey=survey), purpose=Purpose.PANEL)


def surveys_for(*, user: Any) -> list[PanelSurvey]:
    """The panel surveys `user` runs: those of their wijken, and region-wide ones only for
    whoever holds the whole region."""
    wijken = wijken_in_scope(user, policy.Permission.MANAGE_PANEL)
    regions = wijken.values("gemeente__region_id")
    found = PanelSurvey.objects.select_related("wijk", "region", "questionnaire").filter(
        Q(wijk__in=wijken) | Q(wijk__isnull=True, region_id__in=regions)
    )
    return [s for s in found if access.may_manage_survey(user, s)]


def panel_survey_for(*, user: Any, pk: int) -> PanelSurvey | None:
    """The survey if `user` runs the panel where it lies, else None (reported as not found:
    a coordinator elsewhere does not learn it exists). Surveys hold no personal data, their
    results are suppressed below k, so reading one is not logged."""
    found = PanelSurvey.objects.select_related("wijk__gemeente", "region", "questionnaire")
    survey = found.filter(pk=pk).first()
    if survey is None or not access.may_manage_survey(user, survey):
        return None
    return survey


def invitations_open_for(*, user: User) -> QuerySet[PanelInvitation]:
    answered = Response.objects.filter(user=user, survey__isnull=False).values("survey_id")
    return (
        PanelInvitation.objects.filter(user=user, survey__status=SurveyStatus.OPEN)
        .exclude(survey_id__in=answered)
        .select_related("survey")
    )


def survey_rate(*, survey: PanelSurvey) -> pl.DataFrame:
    invited = pl.DataFrame(
        list(PanelInvitation.objects.filter(survey=survey).values_list("buurt__code", "user_id")),
        schema={"buurt": pl.Utf8, "user_id": pl.Int64},
        orient="row",
    )
    answered = pl.DataFrame(
        list(Response.objects.filter(survey=survey).values_list("buurt__code", "user_id")),
        schema={"buurt": pl.Utf8, "user_id": pl.Int64},
        orient="row",
    )
    return engine.response_rate(invited, answered)


def survey_texts(*, survey: PanelSurvey, link_id: str) -> pl.DataFrame:
    """Free-text answers to one item of a survey, of residents still in the panel."""
    rows = (
        Response.objects.filter(survey=survey)
        .filter(user_id__in=consenting(Purpose.PANEL).values("user_id"))
        .annotate(text=KeyTransform(link_id, "answers"))
        .values_list("user_id", "text")
    )
    frame = pl.DataFrame(
        list(rows), schema={"user_id": pl.Int64, "text": pl.List(pl.Utf8)}, orient="row"
    )
    return frame.with_columns(pl.col("text").list.join(" ")).drop_nulls("text")


def area_names(level: str) -> dict[str, str]:
    """Code → name of every area at `level`, for tables that engine output keys by code."""
    if level == "region":
        return dict(Region.objects.values_list("slug", "name"))
    if level == "buurt":
        return dict(Buurt.objects.values_list("code", "name"))
    if level == "wijk":
        return dict(Wijk.objects.values_list("code", "name"))
    return dict(Gemeente.objects.values_list("code", "name"))


def buurt_scores(*, buurt: Buurt) -> tuple[list[float | None], int] | None:
    """The buurt's mean per dimension and n, as staff would see it, or None when suppressed.

    Computed over the whole wijk, so complementary suppression hides exactly what it hides in
    the staff figures and nothing can be learnt here that is hidden there.
    """
    frame = values_frame(
        query=Q(response__questionnaire__kind=QuestionnaireKind.HEALTH_CHECK)
        & Q(response__buurt__wijk_id=buurt.wijk_id),
        purpose=Purpose.NEIGHBOURHOOD_AGGREGATES,
    )
    if frame.is_empty():
        return None
    cells = engine.area_means(frame, level="buurt").filter(pl.col("buurt") == buurt.code)
    if cells.is_empty() or cells["suppressed"].any():
        return None
    means = dict(zip(cells["key"], cells["mean"], strict=True))
    n: int = cells["n"].cast(pl.Int64).max() or 0  # type: ignore[assignment]
    return [means.get(code) for code in DIMENSIONS], n
