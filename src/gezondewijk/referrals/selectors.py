"""Reads of the referrals app. Lists are always those of the asking person; one referral is
read through `referral_for`, which checks access.may_read and logs the read, or by a
practice's system through `referral_for_practice`, which logs it with the key as reader."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import polars as pl
from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.utils import timezone

from gezondewijk.checks import selectors as checks
from gezondewijk.checks.models import QuestionnaireKind
from gezondewijk.initiatives.models import LIVE_STATUSES, Activity, Initiative
from gezondewijk.network import selectors as network
from gezondewijk.people.models import ApiKey, ResidentProfile, User
from gezondewijk.privacy import selectors as privacy
from gezondewijk.privacy import services as privacy_services
from gezondewijk.privacy.models import Purpose
from gezondewijk.referrals import access, engine
from gezondewijk.referrals.disclosure import TOLD_WITHOUT_OUTCOME, DisclosedReferral
from gezondewijk.referrals.models import (
    OPEN_STATUSES,
    RECEIVING_PROFESSIONS,
    Answer,
    EventKind,
    FollowUp,
    Reason,
    ReasonTheme,
    Referral,
    ReferralCode,
    ReferralEvent,
    Status,
)

PROPOSAL_HORIZON_DAYS = 90
# A referral that has not moved for this long is stalled: its coach (or referrer) is reminded.
STALLED_AFTER_DAYS = 14


def _base() -> QuerySet[Referral]:
    return Referral.objects.select_related(
        "resident", "referrer", "coach", "practice", "initiative", "activity__location", "buurt"
    )


def referral_for(*, user: Any, pk: int, purpose: str = "referral") -> Referral | None:
    """The referral if `user` may read it, else None (reported as not found). A read by
    anyone but the resident is logged in the resident's access log."""
    found = _base().filter(pk=pk).first()
    if found is None or not access.may_read(user, found):
        return None
    if user.pk != found.resident_id:
        privacy_services.access_log_record(
            actor=user, subject=found.resident, resource=f"referral {found.pk}", reason=purpose
        )
    return found


def referral_for_practice(*, key: ApiKey, pk: int, purpose: str) -> Referral | None:
    """The referral if it was made at the key's organisation, else None (reported as not
    found, so a key never learns that another practice's referral exists). The read is
    logged in the resident's access log with the key as reader."""
    found = _base().filter(pk=pk, practice_id=key.organisation_id).first()
    if found is None:
        return None
    log_practice_read(key=key, referral=found, reason=purpose)
    return found


def log_practice_read(*, key: ApiKey, referral: Referral, reason: str) -> None:
    privacy_services.access_log_record(
        actor=None,
        system=str(key),
        subject=referral.resident,
        resource=f"referral {referral.pk}",
        reason=reason,
    )


def referrals_of_resident(*, user: Any) -> QuerySet[Referral]:
    return _base().filter(resident=user)


def referrals_made_by(*, user: Any) -> QuerySet[Referral]:
    return _base().filter(referrer=user)


def referrals_received_by(*, user: Any) -> QuerySet[Referral]:
    return _base().filter(coach=user)


def log_list_read(*, user: Any, referrals: list[Referral], reason: str) -> None:
    """Lists show residents' referrals to their referrer and coach: each read is logged."""
    privacy_services.access_log_record_many(
        actor=user,
        reads=[(r.resident_id, f"referral {r.pk}") for r in referrals if r.resident_id != user.pk],
        reason=reason,
    )


def events_of(*, referral: Referral) -> QuerySet[ReferralEvent]:
    return referral.events.select_related("by")


def history_of(*, referral: Referral, outcome: bool = True) -> list[dict[str, Any]]:
    """The referral's events in words: status and answer labels, the title of what was chosen.
    Without `outcome` only its sending and its receipt (what a referrer is told, see
    as_told_to_referrer)."""
    labels = {**dict(Status.choices), **dict(Answer.choices)}
    events = events_of(referral=referral)
    if not outcome:
        events = events.filter(kind=EventKind.STATUS, value__in=TOLD_WITHOUT_OUTCOME)
    chosen = {
        f"a{referral.activity_id}": referral.activity.title if referral.activity else "",
        f"i{referral.initiative_id}": referral.initiative.name if referral.initiative else "",
    }
    return [
        {
            "at": e.at,
            "kind": e.get_kind_display(),
            "value": labels.get(e.value) or chosen.get(e.value) or e.value,
        }
        for e in events
    ]


def follow_ups_of(*, referral: Referral) -> QuerySet[FollowUp]:
    return referral.follow_ups.all()


def follow_ups_due(*, coach: Any, on: date | None = None) -> QuerySet[FollowUp]:
    on = on or timezone.localdate()
    return (
        FollowUp.objects.filter(referral__coach=coach, done_at__isnull=True, due_on__lte=on)
        .select_related("referral")
        .order_by("due_on")
    )


def code_of(*, user: Any) -> ReferralCode:
    found, _created = ReferralCode.objects.get_or_create(user=user)
    return found


def resident_by_code(*, code: str) -> User | None:
    found = (
        ReferralCode.objects.filter(code=code.strip().upper())
        .select_related("user__resident_profile")
        .first()
    )
    if found is None or not ResidentProfile.objects.filter(user_id=found.user_id).exists():
        return None
    return found.user


def coaches_for(*, resident: Any) -> QuerySet[User]:
    """Welfare coaches whose organisation works in the resident's gemeente."""
    profile = ResidentProfile.objects.select_related("buurt__wijk").get(user=resident)
    return (
        User.objects.filter(
            is_active=True,
            professional_profile__profession__in=RECEIVING_PROFESSIONS,
            professional_profile__organisation__gemeente_id=profile.buurt.wijk.gemeente_id,
            role_grants__role="professional",
        )
        .distinct()
        .order_by("display_name", "email")
    )


def theme_ids_for(reason: str) -> frozenset[int]:
    return frozenset(ReasonTheme.objects.filter(reason=reason).values_list("theme_id", flat=True))


def themes_by_reason() -> dict[str, list[str]]:
    mapping: dict[str, list[str]] = {r.value: [] for r in Reason}
    for reason, name in ReasonTheme.objects.values_list("reason", "theme__name"):
        mapping.setdefault(reason, []).append(name)
    return mapping


# -- proposals ---------------------------------------------------------------------------------


def _candidates(*, gemeente_id: int, wijk_id: int, today: date) -> pl.DataFrame:
    """Live initiatives of the gemeente and their activities in the coming months, as one
    frame in engine.CANDIDATE_SCHEMA; whether each lies in the resident's wijk is computed
    in the query."""
    live = Initiative.objects.filter(status__in=LIVE_STATUSES, wijken__gemeente_id=gemeente_id)
    activity_rows = Activity.objects.filter(
        initiative__in=live, date__gte=today, date__lte=today + timedelta(PROPOSAL_HORIZON_DAYS)
    ).values_list(
        Value("activity"),
        "initiative_id",
        "pk",
        "title",
        "initiative__name",
        "date",
        "location_id",
        "location__name",
        "location__buurt_id",
        ExpressionWrapper(Q(location__buurt__wijk_id=wijk_id), output_field=BooleanField()),
    )
    in_wijk = Initiative.wijken.through.objects.filter(
        initiative_id=OuterRef("pk"), wijk_id=wijk_id
    )
    initiative_rows = (
        Initiative.objects.filter(pk__in=live.values("pk"))
        .annotate(
            kind=Value("initiative"),
            none_int=Value(None, output_field=IntegerField()),
            none_date=Value(None, output_field=DateField()),
            none_text=Value(None, output_field=CharField()),
        )
        .values_list(
            "kind",
            "pk",
            "none_int",
            "name",
            "name",
            "none_date",
            "none_int",
            "none_text",
            "none_int",
            Exists(in_wijk),
        )
    )
    return pl.DataFrame(
        [*activity_rows, *initiative_rows], schema=engine.CANDIDATE_SCHEMA, orient="row"
    )


def proposals_for(*, referral: Referral, viewer: Any, limit: int = 8) -> list[dict[str, Any]]:
    """Initiatives and activities that fit the referral. The places the resident visits
    (their "mijn wijk") are theirs: they count only when the resident is the one looking."""
    buurt = referral.buurt
    wijk = buurt.wijk
    today = timezone.localdate()
    candidates = _candidates(gemeente_id=wijk.gemeente_id, wijk_id=wijk.pk, today=today)
    themes = pl.DataFrame(
        list(
            Initiative.themes.through.objects.filter(
                initiative_id__in=candidates["initiative_id"].unique().to_list()
            ).values_list("initiative_id", "theme_id")
        ),
        schema=engine.THEME_SCHEMA,
        orient="row",
    )
    visited: frozenset[int] = frozenset()
    if viewer.pk == referral.resident_id:
        ties = list(network.ties_of(owner=referral.resident))
        visited = network.network_targets(ties=ties).locations
    needs = engine.Needs(
        theme_ids=theme_ids_for(referral.reason),
        buurt_id=buurt.pk,
        visited_location_ids=visited,
        time_preference=referral.time_preference,
        close_to_home=referral.close_to_home,
    )
    return engine.rank_proposals(candidates, themes, needs, limit=limit).to_dicts()


# -- feedback ------------------------------------------------------------------------------------


def feedback_for_referrer(*, referral: Referral) -> dict[str, Any] | None:
    """What the referrer may know, or None: only with the resident's consent (the referral's
    own choice, and the standing consent "let my referrer hear how it went")."""
    if referral.pk not in _letting_referrer_hear([referral]):
        return None
    result: dict[str, Any] = {
        "took_part": referral.first_activity_on is not None,
        "first_activity_on": referral.first_activity_on,
        "status": referral.get_status_display(),
        "health": None,
    }
    if referral.feedback_health:
        history = checks.score_history(user=referral.resident)
        before = [h for h in history if h["authored"] <= referral.created_at]
        after = [h for h in history if h["authored"] > referral.created_at]
        if before and after:
            result["health"] = _score_change(before[-1]["scores"], after[-1]["scores"])
    return result


def _letting_referrer_hear(referrals: list[Referral]) -> set[int]:
    """Ids of the referrals whose resident lets the referrer hear how it went: the referral's
    own choice and the standing consent, which withdrawn stops every feedback at once."""
    asked = [r for r in referrals if r.feedback_participation]
    consenting = privacy.consenting_user_ids(
        user_ids={r.resident_id for r in asked}, purpose=Purpose.REFERRAL_FEEDBACK
    )
    return {r.pk for r in asked if r.resident_id in consenting}


def _hearing_outcome(referrals: list[Referral]) -> set[int]:
    """Ids of the referrals whose referrer learns what the resident did: when they follow the
    loop themselves (access.may_follow), or when the resident lets them hear it. A few
    queries for any number: one referrer object each, whose role and profession are cached."""
    referrers = User.objects.in_bulk({r.referrer_id for r in referrals if r.referrer_id})
    follows = {
        r.pk
        for r in referrals
        if r.referrer_id in referrers and access.may_follow(referrers[r.referrer_id], r)
    }
    return follows | _letting_referrer_hear(referrals)


def referrals_as_told_to_referrer(*, referrals: list[Referral]) -> list[DisclosedReferral]:
    """The referrals as their referrer (or their practice's system) may see them: whole when
    they hear the outcome, otherwise without it (disclosure.DisclosedReferral)."""
    heard = _hearing_outcome(referrals)
    withheld = [r.pk for r in referrals if r.pk not in heard]
    events = ReferralEvent.objects.filter(referral_id__in=withheld)
    # A later change time would say that something happened after the receipt.
    told_at = dict(
        events.filter(kind=EventKind.STATUS, value__in=TOLD_WITHOUT_OUTCOME)
        .values("referral_id")
        .annotate(at=Max("at"))
        .values_list("referral_id", "at")
    )
    # Chosen after it was sent, by the resident or the coach.
    chosen_later = set(events.filter(kind=EventKind.CHOICE).values_list("referral_id", flat=True))
    return [
        DisclosedReferral.whole(r)
        if r.pk in heard
        else DisclosedReferral.without_outcome(
            r, told_at=told_at.get(r.pk), chosen_later=r.pk in chosen_later
        )
        for r in referrals
    ]


def as_told_to_referrer(*, referral: Referral) -> DisclosedReferral:
    (told,) = referrals_as_told_to_referrer(referrals=[referral])
    return told


def referrals_as_seen_by(*, referrals: list[Referral], viewer: Any) -> list[DisclosedReferral]:
    """The resident and the coach see the whole referral; its referrer what they are told."""
    by_referrer = [
        r
        for r in referrals
        if access.is_referrer_of(viewer, r)
        and not (access.is_resident_of(viewer, r) or access.is_coach_of(viewer, r))
    ]
    told = {d.pk: d for d in referrals_as_told_to_referrer(referrals=by_referrer)}
    return [told.get(r.pk) or DisclosedReferral.whole(r) for r in referrals]


def as_seen_by(*, referral: Referral, viewer: Any) -> DisclosedReferral:
    (seen,) = referrals_as_seen_by(referrals=[referral], viewer=viewer)
    return seen


def _score_change(before: list[float | None], after: list[float | None]) -> dict[str, Any]:
    from gezondewijk.checks.defaults import DIMENSIONS

    dimensions: list[dict[str, Any]] = [
        {
            "dimension": name,
            "before": b,
            "after": a,
            "change": None if a is None or b is None else round(a - b, 1),
        }
        for name, b, a in zip(DIMENSIONS.values(), before, after, strict=True)
    ]
    known: list[float] = [d["change"] for d in dimensions if d["change"] is not None]
    return {
        "dimensions": dimensions,
        "mean_change": round(sum(known) / len(known), 2) if known else None,
    }


# -- figures -------------------------------------------------------------------------------------


def referral_frame(*, query: Q | None = None) -> pl.DataFrame:
    rows = Referral.objects.filter(query or Q()).values_list(
        "pk",
        "resident_id",
        "practice__name",
        "buurt__wijk__code",
        "buurt__code",
        "reason",
        "created_at",
        "first_activity_on",
    )
    return pl.DataFrame(
        list(rows.iterator(chunk_size=20_000)), schema=engine.REFERRAL_SCHEMA, orient="row"
    )


def check_frame(*, query: Q | None = None) -> pl.DataFrame:
    """Health-check scores of referred residents who let their checks count in figures."""
    referred = Referral.objects.filter(query or Q()).values("resident_id")
    values = checks.values_frame(
        query=Q(response__questionnaire__kind=QuestionnaireKind.HEALTH_CHECK)
        & Q(response__user_id__in=referred),
        purpose=Purpose.NEIGHBOURHOOD_AGGREGATES,
    )
    return values.select(list(engine.CHECK_SCHEMA))


def figures(*, level: str, query: Q | None = None) -> pl.DataFrame:
    return engine.figures(referral_frame(query=query), check_frame(query=query), level=level)


def wijk_figures(*, wijk: Any) -> dict[str, Any] | None:
    """The wijk's row of the per-wijk figures: the very cell the figures page and API publish.

    Not a table of its own (of the past year, or of the region only): two overlapping tables
    differ by a few residents (those referred more than a year ago), and their figures would
    follow by subtraction; their complementary cells could differ too.
    """
    table = figures(level="wijk").filter(pl.col("wijk") == wijk.code)
    return table.row(0, named=True) if not table.is_empty() else None


def open_referral_count(*, user: Any) -> int:
    return referrals_received_by(user=user).filter(status__in=OPEN_STATUSES).count()


def stalled(*, now: Any = None) -> QuerySet[Referral]:
    """Open referrals that have not moved for STALLED_AFTER_DAYS and were not reminded since."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=STALLED_AFTER_DAYS)
    return (
        Referral.objects.filter(status__in=[Status.SENT, Status.RECEIVED, Status.INTAKE])
        .exclude(answer__in=["afgewezen", "ingetrokken"])
        .filter(updated_at__lt=cutoff)
        .exclude(events__kind="herinnering", events__at__gte=cutoff)
        .select_related("coach", "referrer")
    )
