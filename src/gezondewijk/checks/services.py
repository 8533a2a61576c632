"""Writes of the checks app: questionnaires, responses, panel surveys and invitations."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from gezondewijk import events
from gezondewijk.checks import access, defaults, fhir
from gezondewijk.checks.models import (
    PanelInvitation,
    PanelSurvey,
    PgoLink,
    Questionnaire,
    QuestionnaireKind,
    Response,
    ResponseValue,
    SurveyStatus,
)
from gezondewijk.checks.questionnaire import (
    DIMENSION_SYSTEM,
    AnswerError,
    AnswerMemo,
    Form,
    clean_answers,
    figures,
    form_of,
)
from gezondewijk.people.models import ResidentProfile, User
from gezondewijk.places.models import Region, Wijk
from gezondewijk.privacy.models import Consent, Purpose

IMPORT_BATCH = 2_000
# The domain event this app publishes (gezondewijk.events), with the survey's primary key.
PANEL_SURVEY_OPENED = "panel_survey.opened"


def questionnaire_save(*, resource: dict[str, Any], kind: QuestionnaireKind) -> Questionnaire:
    """Store a validated FHIR Questionnaire as a new version; a version is never overwritten."""
    parsed = fhir.questionnaire_parse(resource)
    version = str(parsed.get("version") or "1")
    parsed["version"] = version
    form = form_of(parsed)
    if not form.items:
        raise fhir.FhirError(
            [{"path": "Questionnaire.item", "msg": "No item of a type the site can ask."}]
        )
    if kind == QuestionnaireKind.HEALTH_CHECK and not any(
        i.dimension and i.kind == "scale" for i in form.items
    ):
        # Without scored items the resident's spider web would stay empty.
        raise fhir.FhirError(
            [
                {
                    "path": "Questionnaire.item",
                    "msg": "A health check needs 0–10 items coded with a dimension "
                    f"({DIMENSION_SYSTEM}).",
                }
            ]
        )
    if Questionnaire.objects.filter(url=parsed["url"], version=version).exists():
        raise fhir.FhirError(
            [{"path": "Questionnaire.version", "msg": f"Version {version} already exists."}]
        )
    title = str(parsed.get("title") or parsed.get("name") or parsed["url"])[:200]
    with transaction.atomic():
        return Questionnaire.objects.create(
            url=parsed["url"], version=version, title=title, kind=kind, resource=parsed
        )


def questionnaire_import(
    *, actor: Any, resource: dict[str, Any], kind: QuestionnaireKind
) -> Questionnaire:
    """A region administrator (or a key with questionnaires:write, checked by the API)
    imports a questionnaire as a new version."""
    if not access.may_manage_questionnaires(actor):
        raise PermissionDenied
    return questionnaire_save(resource=resource, kind=kind)


def health_check_ensure() -> Questionnaire:
    """The region's current health check; the shipped default is stored the first time."""
    current = (
        Questionnaire.objects.filter(kind=QuestionnaireKind.HEALTH_CHECK)
        .order_by("-created_at", "-pk")
        .first()
    )
    if current is not None:
        return current
    try:
        return questionnaire_save(
            resource=defaults.health_check(), kind=QuestionnaireKind.HEALTH_CHECK
        )
    except fhir.FhirError:  # stored meanwhile by a parallel request
        return Questionnaire.objects.get(
            url=defaults.HEALTH_CHECK_URL, version=defaults.HEALTH_CHECK_VERSION
        )


def _require_resident(user: User) -> None:
    """Answers are kept by a resident for themselves; `user` is both actor and owner."""
    if not access.may_keep_health_check(user):
        raise PermissionDenied


def _buurt_of(user: User) -> ResidentProfile:
    profile = ResidentProfile.objects.filter(user=user).first()
    if profile is None:
        raise ValidationError({"user": "Only a resident with a buurt can answer."})
    return profile


def _values_for(response: Response, questionnaire: Questionnaire) -> list[ResponseValue]:
    derived = figures(form_of(questionnaire.resource), response.answers)
    return [ResponseValue(response=response, key=k, value=v) for k, v in derived.items()]


def response_submit(
    *,
    user: User,
    questionnaire: Questionnaire,
    raw_answers: dict[str, Any],
    authored: datetime | None = None,
    survey: PanelSurvey | None = None,
    source: str = "site",
) -> Response:
    """Check and store a resident's answers with the figures derived from them."""
    _require_resident(user)
    profile = _buurt_of(user)
    answers = clean_answers(form_of(questionnaire.resource), raw_answers)
    if survey is not None:
        if survey.status != SurveyStatus.OPEN:
            raise ValidationError({"survey": "This survey is not open."})
        if not PanelInvitation.objects.filter(survey=survey, user=user).exists():
            raise ValidationError({"survey": "You were not invited to this survey."})
    try:
        with transaction.atomic():
            response = Response.objects.create(
                user=user,
                questionnaire=questionnaire,
                survey=survey,
                buurt_id=profile.buurt_id,
                authored=authored or timezone.now(),
                answers=answers,
                source=source,
            )
            ResponseValue.objects.bulk_create(_values_for(response, questionnaire))
    except IntegrityError as error:
        raise ValidationError({"survey": "You already answered this survey."}) from error
    return response


def responses_import(*, user: User, document: dict[str, Any], source: str) -> list[Response]:
    """Import one QuestionnaireResponse or a Bundle of them: all of it, or nothing.

    Only the answers are kept. Identifiers of the person in the document (a contained Patient
    with a BSN, `subject`) are read by nobody and stored nowhere.
    """
    _require_resident(user)
    return _import(fhir.responses_parse(document), lambda item: user, source)


def responses_import_linked(*, document: dict[str, Any], source: str) -> list[Response]:
    """Import responses a PGO sends, each naming a resident by their pseudonymous link code
    (subject.identifier with system fhir.LINK_SYSTEM): all of them, or none."""
    incoming = fhir.responses_parse(document)
    codes = {i.link for i in incoming if i.link}
    owners = dict(
        PgoLink.objects.filter(code__in=codes, revoked_at__isnull=True).values_list("code", "user")
    )
    users = {u.pk: u for u in User.objects.filter(pk__in=owners.values())}

    def owner(item: fhir.IncomingResponse) -> User:
        if item.link not in owners:
            raise fhir.FhirError(
                [{"path": f"{item.path}.subject.identifier", "msg": "Unknown or revoked link."}]
            )
        return users[owners[item.link]]

    return _import(incoming, owner, source)


def _questionnaire_for(
    canonical: str, cache: dict[str, Questionnaire | None]
) -> Questionnaire | None:
    if canonical not in cache:
        url, _, version = canonical.partition("|")
        found = Questionnaire.objects.filter(url=url)
        cache[canonical] = (found.filter(version=version) if version else found).first()
    return cache[canonical]


def _import(
    incoming: list[fhir.IncomingResponse],
    owner: Callable[[fhir.IncomingResponse], User],
    source: str,
) -> list[Response]:
    """Check every response first, then write them all in a few bulk inserts.

    A query per batch, not per response, so a Bundle of many thousand responses imports in
    one go; the first problem found stops everything, with its FHIR path.
    """
    questionnaires: dict[str, Questionnaire | None] = {}
    forms: dict[int, Form] = {}  # read each questionnaire once, not once per response
    memos: dict[int, AnswerMemo] = {}  # and check each distinct answer once
    owners = [owner(item) for item in incoming]
    buurten = dict(
        ResidentProfile.objects.filter(user__in=owners).values_list("user_id", "buurt_id")
    )
    rows: list[tuple[Response, dict[str, float]]] = []
    for item, user in zip(incoming, owners, strict=True):
        questionnaire = _questionnaire_for(item.questionnaire, questionnaires)
        if questionnaire is None:
            raise fhir.FhirError(
                [{"path": f"{item.path}.questionnaire", "msg": "Unknown questionnaire."}]
            )
        if user.pk not in buurten:
            raise fhir.FhirError([{"path": item.path, "msg": "Only a resident can answer."}])
        form = forms.get(questionnaire.pk) or forms.setdefault(
            questionnaire.pk, form_of(questionnaire.resource)
        )
        try:
            answers = clean_answers(
                form, item.raw_answers, memo=memos.setdefault(questionnaire.pk, {})
            )
        except AnswerError as error:
            raise fhir.FhirError(
                [
                    {"path": f"{item.path}.item[linkId={link_id}]", "msg": message}
                    for link_id, message in error.errors.items()
                ]
            ) from error
        response = Response(
            user=user,
            questionnaire=questionnaire,
            buurt_id=buurten[user.pk],
            authored=item.authored,
            answers=answers,
            source=source,
        )
        rows.append((response, figures(form, answers)))
    created = [response for response, _ in rows]
    with transaction.atomic():
        _responses_insert(created)
        _values_insert(
            (response.pk, key, value)
            for response, (_, derived) in zip(created, rows, strict=True)
            for key, value in derived.items()
        )
    return created


RESPONSE_COLUMNS = ("user", "questionnaire", "survey", "buurt", "authored", "answers", "source")


def _responses_insert(responses: list[Response]) -> None:
    """Insert responses with multi-row INSERT … RETURNING, as bulk_create does, but with the
    values adapted directly: Django's per-field preparation is most of a large import's time.
    Each response gets its primary key, in order (as bulk_create relies on too)."""
    meta = Response._meta
    ops, quote = connection.ops, connection.ops.quote_name
    column = {f.name: f.column for f in meta.concrete_fields}
    columns = ", ".join(quote(column[name]) for name in RESPONSE_COLUMNS)
    one = "(" + ", ".join(["%s"] * len(RESPONSE_COLUMNS)) + ")"
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(responses), IMPORT_BATCH):
            batch = responses[start : start + IMPORT_BATCH]
            params: list[Any] = []
            for r in batch:
                params += (
                    r.user_id,
                    r.questionnaire_id,
                    r.survey_id,
                    r.buurt_id,
                    ops.adapt_datetimefield_value(r.authored),
                    ops.adapt_json_value(r.answers, None),
                    r.source,
                )
            values = ", ".join([one] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} RETURNING {pk}", params
            )
            for response, (key,) in zip(batch, cursor.fetchall(), strict=True):
                response.pk = key
                response._state.adding = False
                response._state.db = connection.alias


def _values_insert(rows: Iterable[tuple[int, str, float]]) -> None:
    """Insert (response id, key, value) rows in batches with one prepared statement: six
    values per response make model objects the slowest part of a large import."""
    meta = ResponseValue._meta
    quote = connection.ops.quote_name
    column = {f.name: f.column for f in meta.concrete_fields}
    columns = ", ".join(quote(column[name]) for name in ("response", "key", "value"))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES (%s, %s, %s)"
    batch: list[tuple[int, str, float]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == IMPORT_BATCH * 5:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def pgo_link_create(*, user: User) -> PgoLink:
    _require_resident(user)
    _buurt_of(user)
    return PgoLink.objects.create(user=user, code=secrets.token_urlsafe(18))


def pgo_link_revoke(*, user: User, link_id: int) -> int:
    return PgoLink.objects.filter(user=user, pk=link_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def response_delete(*, user: User, response: Response) -> None:
    if response.user_id != user.pk:
        raise PermissionError("not your response")
    response.delete()


# -- panel ------------------------------------------------------------------------------


def panel_survey_create(
    *,
    created_by: User,
    region: Region | None,
    title: str,
    resource: dict[str, Any],
    wijk: Wijk | None = None,
) -> PanelSurvey:
    """A survey for `wijk`, or for the whole region without one; only who runs the panel
    there creates it (checks.access.may_create_survey)."""
    if not access.may_create_survey(created_by, region=region, wijk=wijk):
        raise PermissionDenied
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Give the survey a title."})
    if region is None:
        raise ValidationError({"wijk": "This wijk belongs to no region."})
    if wijk is not None and wijk.gemeente.region_id != region.pk:
        raise ValidationError({"wijk": "This wijk lies outside the region."})
    with transaction.atomic():
        questionnaire = questionnaire_save(resource=resource, kind=QuestionnaireKind.PANEL)
        return PanelSurvey.objects.create(
            questionnaire=questionnaire, region=region, wijk=wijk, title=title,
            created_by=created_by,
        )  # fmt: skip


def _require_manage(actor: Any, survey: PanelSurvey) -> None:
    if not access.may_manage_survey(actor, survey):
        raise PermissionDenied


def panel_survey_open(*, actor: Any, survey: PanelSurvey) -> PanelSurvey:
    _require_manage(actor, survey)
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError({"status": "A closed survey cannot be opened again."})
    survey.status = SurveyStatus.OPEN
    survey.opened_at = survey.opened_at or timezone.now()
    with transaction.atomic():
        survey.save(update_fields=["status", "opened_at"])
        events.publish(events.DomainEvent(PANEL_SURVEY_OPENED, survey.pk))
    return survey


def panel_survey_close(*, actor: Any, survey: PanelSurvey) -> PanelSurvey:
    _require_manage(actor, survey)
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError({"status": "Only an open survey can be closed."})
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    return survey


def panel_invite(*, actor: Any, survey: PanelSurvey) -> int:
    """Invite every resident in the survey's area who joined the panel; returns how many new."""
    _require_manage(actor, survey)
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError({"status": "The survey is closed."})
    panel = Consent.objects.filter(purpose=Purpose.PANEL, withdrawn_at__isnull=True).values(
        "user_id"
    )
    residents = ResidentProfile.objects.filter(user_id__in=panel)
    if survey.wijk_id:
        residents = residents.filter(buurt__wijk_id=survey.wijk_id)
    else:
        residents = residents.filter(buurt__wijk__gemeente__region_id=survey.region_id)
    already = PanelInvitation.objects.filter(survey=survey).values("user_id")
    rows = residents.exclude(user_id__in=already).values_list("user_id", "buurt_id")
    with transaction.atomic():
        created = PanelInvitation.objects.bulk_create(
            [PanelInvitation(survey=survey, user_id=u, buurt_id=b) for u, b in rows.iterator()],
            batch_size=5_000,
        )
    return len(created)


def panel_remind(*, actor: Any, survey: PanelSurvey) -> int:
    """Mark a reminder for everyone invited who has not answered; returns how many."""
    _require_manage(actor, survey)
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError({"status": "Reminders go out only while the survey is open."})
    answered = Response.objects.filter(survey=survey).values("user_id")
    return (
        PanelInvitation.objects.filter(survey=survey)
        .exclude(user_id__in=answered)
        .update(reminded_at=timezone.now())
    )
