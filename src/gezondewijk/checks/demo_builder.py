"""Demo data for checks: a share of residents with a few years of health checks, two panel rounds.

Everything is drawn with NumPy for all residents at once and written with bulk_create in
batches; there is no query per resident, so the demo scales to 350 000 residents.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import islice
from typing import Any, TypeVar

import numpy as np
from django.db import connection
from django.db.models import Model

from gezondewijk.checks import defaults, services
from gezondewijk.checks.models import (
    PanelInvitation,
    PanelSurvey,
    Questionnaire,
    Response,
    ResponseValue,
    SurveyStatus,
)
from gezondewijk.checks.questionnaire import Form, figures, form_of
from gezondewijk.demo.registry import DemoContext
from gezondewijk.people.models import ResidentProfile, User
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Region
from gezondewijk.privacy.models import Consent, Purpose

BATCH = 5_000
SHARE_WITH_CHECKS = 0.25
SHARE_CONSENT_AGGREGATES = 0.8
SHARE_PANEL = 0.35
PANEL_RESPONSE_RATE = 0.55
FIRST_CHECK = datetime(2023, 1, 1, tzinfo=UTC)
LAST_CHECK = datetime(2025, 12, 1, tzinfo=UTC)


M = TypeVar("M", bound=Model)


def _insert(model: type[Model], columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """Plain INSERTs in batches: no model instance per row, for the largest tables."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, BATCH)):
            cursor.executemany(sql, batch)


def build_checks(ctx: DemoContext) -> None:
    region = ctx.require_region()
    rng = np.random.default_rng(ctx.rng.randrange(2**32))
    profiles = np.array(
        ResidentProfile.objects.filter(buurt__wijk__gemeente__region=region)
        .order_by("user_id")
        .values_list("user_id", "buurt_id"),
        dtype=np.int64,
    ).reshape(-1, 2)
    if not len(profiles):
        return
    questionnaire = services.health_check_ensure()
    _consents(ctx, rng, profiles[:, 0])
    _health_checks(ctx, rng, profiles, questionnaire)
    _panel_rounds(ctx, rng, region)


def _consents(ctx: DemoContext, rng: np.random.Generator, users: np.ndarray) -> None:
    rows = []
    for purpose, share in (
        (Purpose.NEIGHBOURHOOD_AGGREGATES, SHARE_CONSENT_AGGREGATES),
        (Purpose.PANEL, SHARE_PANEL),
    ):
        chosen = users[rng.random(len(users)) < share]
        rows += [(u, purpose.value, FIRST_CHECK) for u in chosen.tolist()]
    _insert(Consent, ["user_id", "purpose", "granted_at"], rows)
    ctx.count("consents", len(rows))


def _health_checks(
    ctx: DemoContext, rng: np.random.Generator, profiles: np.ndarray, questionnaire: Questionnaire
) -> None:
    form = form_of(questionnaire.resource)
    scale_items = [i for i in form.items if i.dimension]
    dimensions = list(defaults.DIMENSIONS)
    with_checks = profiles[rng.random(len(profiles)) < SHARE_WITH_CHECKS]
    per_resident = rng.integers(1, 4, size=len(with_checks))  # one to three checks in 3 years
    users = np.repeat(with_checks[:, 0], per_resident)
    buurten = np.repeat(with_checks[:, 1], per_resident)
    n = len(users)
    span = (LAST_CHECK - FIRST_CHECK).total_seconds()
    moments = np.sort(rng.random(n)) * span
    # A resident's own level plus a buurt effect plus noise, per item; clipped to 0–10.
    level = np.repeat(rng.normal(6.8, 1.2, size=len(with_checks)), per_resident)
    buurt_effect = (buurten % 7 - 3) * 0.15
    scores = np.clip(
        np.rint(level[:, None] + buurt_effect[:, None] + rng.normal(0, 1.3, (n, len(scale_items)))),
        0,
        10,
    ).astype(int)
    link_ids = [i.link_id for i in scale_items]
    responses = [
        Response(
            user_id=int(users[r]),
            questionnaire_id=questionnaire.pk,
            buurt_id=int(buurten[r]),
            authored=datetime.fromtimestamp(FIRST_CHECK.timestamp() + moments[r], tz=UTC),
            answers=dict(zip(link_ids, ([int(v)] for v in scores[r]), strict=True)),
            source="demo",
        )
        for r in range(n)
    ]
    created = ctx.bulk(Response, responses, batch=BATCH)
    # Dimension score = mean of its items; computed for all responses at once.
    item_dimension = np.array([dimensions.index(str(i.dimension)) for i in scale_items])
    sums = np.zeros((n, len(dimensions)))
    np.add.at(sums.T, item_dimension, scores.T)
    means = np.round(sums / np.bincount(item_dimension, minlength=len(dimensions)), 1)
    pks = np.array([r.pk for r in created], dtype=np.int64)
    _insert(
        ResponseValue,
        ["response_id", "key", "value"],
        zip(
            np.repeat(pks, len(dimensions)).tolist(),
            np.tile(np.array(dimensions, dtype=object), n).tolist(),
            means.ravel().tolist(),
            strict=True,
        ),
    )
    ctx.count("health checks", n)


def _panel_rounds(ctx: DemoContext, rng: np.random.Generator, region: Region) -> None:
    # A region-wide survey is run by a coordinator who holds the whole region.
    coordinator = User.objects.filter(
        role_grants__role=Role.COORDINATOR, role_grants__region=region
    ).first()
    rounds = [
        ("Wijkpanel voorjaar 2025", ["beleving", "gezondheid"], SurveyStatus.CLOSED),
        ("Wijkpanel najaar 2025", ["veiligheid", "contact"], SurveyStatus.OPEN),
    ]
    for number, (title, themes, status) in enumerate(rounds, start=1):
        if coordinator is None:
            break
        survey = services.panel_survey_create(
            created_by=coordinator,
            region=region,
            title=title,
            resource=defaults.panel_questionnaire(
                slug=f"demo-{ctx.seed}-{number}", title=title, themes=themes, questions=[]
            ),
        )
        services.panel_survey_open(actor=survey.created_by, survey=survey)
        services.panel_invite(actor=survey.created_by, survey=survey)
        _panel_answers(ctx, rng, survey)
        if status == SurveyStatus.CLOSED:
            services.panel_survey_close(actor=survey.created_by, survey=survey)
        ctx.count("panel surveys", 1)


def _panel_answers(ctx: DemoContext, rng: np.random.Generator, survey: PanelSurvey) -> None:
    invited = np.array(
        PanelInvitation.objects.filter(survey=survey).values_list("user_id", "buurt_id"),
        dtype=np.int64,
    ).reshape(-1, 2)
    answering = invited[rng.random(len(invited)) < PANEL_RESPONSE_RATE]
    form = form_of(survey.questionnaire.resource)
    n = len(answering)
    drawn: dict[str, np.ndarray] = {}
    for item in form.items:
        if item.kind == "scale":
            drawn[item.link_id] = np.clip(np.rint(rng.normal(6.5, 1.8, n)), 0, 10).astype(int)
        elif item.kind == "yesno":
            drawn[item.link_id] = rng.random(n) < 0.6
        elif item.kind in {"single", "multiple"}:
            drawn[item.link_id] = rng.integers(0, len(item.options), n)
    opened = survey.opened_at or LAST_CHECK
    responses = [
        Response(
            user_id=int(answering[r, 0]),
            questionnaire_id=survey.questionnaire_id,
            survey=survey,
            buurt_id=int(answering[r, 1]),
            authored=opened,
            answers=_answers_of(form, drawn, r),
            source="demo",
        )
        for r in range(n)
    ]
    created = ctx.bulk(Response, responses, batch=BATCH)
    _insert(
        ResponseValue,
        ["response_id", "key", "value"],
        ((resp.pk, k, v) for resp in created for k, v in figures(form, resp.answers).items()),
    )
    ctx.count("panel responses", n)


def _answers_of(form: Form, drawn: dict[str, np.ndarray], r: int) -> dict[str, list[object]]:
    answers: dict[str, list[object]] = {}
    for item in form.items:
        if item.link_id not in drawn:
            continue
        value = drawn[item.link_id][r]
        if item.kind in {"single", "multiple"}:
            answers[item.link_id] = [item.options[int(value)].code]
        elif item.kind == "yesno":
            answers[item.link_id] = [bool(value)]
        else:
            answers[item.link_id] = [int(value)]
    return answers
