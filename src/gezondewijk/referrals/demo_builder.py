"""Demo referrals: a year of welzijn op recept from two GP practices, drawn with NumPy.

The demo GP's practice and a second practice in another wijk each get a GP and a practice
nurse; one welfare coach of the gemeente's welfare organisation receives. Outcomes are drawn
for all referrals at once: most residents accept, most of those take part within weeks.
The demo resident has one fresh referral, so the whole loop can be tried with the demo log-ins.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import numpy as np
from django.contrib.auth.hashers import make_password

from gezondewijk.demo.accounts import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from gezondewijk.demo.builders.accounts import DEMO_JOINED
from gezondewijk.demo.registry import DemoContext
from gezondewijk.initiatives.models import LIVE_STATUSES, Initiative
from gezondewijk.people.models import (
    Organisation,
    OrganisationType,
    Profession,
    ProfessionalProfile,
    ResidentProfile,
    RoleGrant,
    User,
)
from gezondewijk.permissions.roles import Role
from gezondewijk.privacy.models import Consent, Purpose
from gezondewijk.referrals.models import (
    Answer,
    EventKind,
    Reason,
    Referral,
    ReferralEvent,
    Status,
)

YEAR_END = date(2026, 10, 31)
DAYS = 365
PER_PRACTICE = 80
REASONS = np.array(Reason.values)
# Loneliness and stress are what brings most people to welzijn op recept.
REASON_WEIGHTS = np.array([0.26, 0.22, 0.14, 0.12, 0.08, 0.08, 0.06, 0.04])


def _moment(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _professional(
    email: str, name: str, organisation: Organisation, profession: str, password: str
) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "display_name": name,
            "password": password,
            "date_joined": DEMO_JOINED,  # fixed, so the same seed gives the same rows
        },
    )
    if created:
        ProfessionalProfile.objects.create(
            user=user, organisation=organisation, profession=profession
        )
        RoleGrant.objects.create(
            user=user,
            role=Role.PROFESSIONAL,
            gemeente_id=organisation.gemeente_id,
            granted_at=DEMO_JOINED,
        )
    return user


def build_referrals(ctx: DemoContext) -> None:
    region = ctx.require_region()
    rng = np.random.default_rng(ctx.rng.randrange(2**32))
    gp = (
        User.objects.filter(email=f"professional@{DEMO_EMAIL_DOMAIN}")
        .select_related("professional_profile__organisation")
        .first()
    )
    practices = list(
        Organisation.objects.filter(
            type=OrganisationType.HUISARTSENPRAKTIJK, gemeente__region=region
        ).order_by("name")
    )
    if gp is None or not practices:
        return
    first = gp.professional_profile.organisation
    second = next((p for p in practices if p.pk != first.pk), None)
    if second is None:
        return
    welfare = (
        Organisation.objects.filter(type=OrganisationType.WELZIJN, gemeente_id=first.gemeente_id)
        .order_by("name")
        .first()
    )
    if welfare is None:
        return
    # Hashed once: argon2 is slow on purpose, and these accounts share the one demo password.
    password = make_password(DEMO_PASSWORD)
    coach = _professional(
        f"welzijnscoach@{DEMO_EMAIL_DOMAIN}",
        ctx.faker.name(),
        welfare,
        Profession.WELZIJNSCOACH,
        password,
    )
    referrers = {
        first.pk: [
            gp,
            _professional(
                f"poh@{DEMO_EMAIL_DOMAIN}", ctx.faker.name(), first, Profession.POH, password
            ),
        ],
        second.pk: [
            _professional(
                f"huisarts2@{DEMO_EMAIL_DOMAIN}",
                ctx.faker.name(),
                second,
                Profession.HUISARTS,
                password,
            ),
            _professional(
                f"poh2@{DEMO_EMAIL_DOMAIN}", ctx.faker.name(), second, Profession.POH, password
            ),
        ],
    }
    made: list[Referral] = []
    for practice in (first, second):
        made += _draw(rng, practice, referrers[practice.pk], coach)
    Referral.objects.bulk_create(made, batch_size=2_000)
    saved = list(Referral.objects.filter(practice__in=[first, second]).order_by("pk"))
    ReferralEvent.objects.bulk_create(_history(rng, saved, coach), batch_size=5_000)
    # Residents who agreed to feedback hold the standing consent behind it.
    Consent.objects.bulk_create(
        [
            Consent(user_id=u, purpose=Purpose.REFERRAL_FEEDBACK, granted_at=_moment(YEAR_END))
            for u in {r.resident_id for r in saved if r.feedback_participation}
        ],
        ignore_conflicts=True,
    )
    _demo_resident_referral(gp, coach)
    ctx.count("referrals", len(saved))


def _draw(
    rng: np.random.Generator, practice: Organisation, referrers: list[User], coach: User
) -> list[Referral]:
    """A year of referrals from one practice, to residents of the wijken it serves."""
    residents = np.array(
        ResidentProfile.objects.filter(buurt__wijk__in=practice.wijken.all())
        .order_by("user_id")
        .values_list("user_id", "buurt_id", "buurt__wijk_id"),
        dtype=np.int64,
    ).reshape(-1, 3)
    if not len(residents):
        return []
    n = PER_PRACTICE
    who = residents[rng.integers(0, len(residents), size=n)]
    sent = rng.integers(0, DAYS, size=n)
    reasons = rng.choice(REASONS, size=n, p=REASON_WEIGHTS)
    answer_roll = rng.random(n)
    to_coach = rng.random(n) < 0.8
    took_part_after = rng.integers(5, 60, size=n)
    feedback = rng.random(n) < 0.7
    live = {
        w: list(
            Initiative.objects.filter(wijken=w, status__in=LIVE_STATUSES)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for w in set(who[:, 2].tolist())
    }
    start = YEAR_END - timedelta(days=DAYS)
    referrals = []
    for i in range(n):  # eighty per practice: the demo stays readable row by row
        created = start + timedelta(days=int(sent[i]))
        accepted = answer_roll[i] < 0.8
        age = (YEAR_END - created).days
        took_part = accepted and answer_roll[i] < 0.6 and took_part_after[i] < age
        options = live.get(int(who[i, 2]), [])
        initiative_id = options[int(rng.integers(len(options)))] if options else None
        status = Status.SENT
        if not accepted:
            status = Status.STOPPED
        elif took_part:
            status = Status.FINISHED if age > 120 else Status.ACTIVE
        elif age > 21:
            status = Status.INTAKE
        elif age > 3:
            status = Status.RECEIVED
        referrals.append(
            Referral(
                resident_id=int(who[i, 0]),
                referrer=referrers[i % len(referrers)],
                practice=practice,
                coach=coach if to_coach[i] or initiative_id is None else None,
                initiative_id=initiative_id if (took_part or not to_coach[i]) else None,
                reason=str(reasons[i]),
                buurt_id=int(who[i, 1]),
                status=status,
                answer=Answer.ACCEPTED if accepted else Answer.DECLINED,
                feedback_participation=bool(accepted and feedback[i]),
                feedback_health=bool(accepted and feedback[i] and rng.random() < 0.5),
                first_activity_on=created + timedelta(days=int(took_part_after[i]))
                if took_part
                else None,
                created_at=_moment(created),
                updated_at=_moment(created),
            )
        )
    return referrals


STEPS = [Status.RECEIVED, Status.INTAKE, Status.ACTIVE, Status.FINISHED]


def _history(
    rng: np.random.Generator, referrals: list[Referral], coach: User
) -> list[ReferralEvent]:
    events = []
    for r in referrals:
        sent = r.created_at
        events.append(
            ReferralEvent(
                referral=r, kind=EventKind.STATUS, value=Status.SENT, at=sent, by_id=r.referrer_id
            )
        )
        events.append(
            ReferralEvent(
                referral=r,
                kind=EventKind.ANSWER,
                value=r.answer,
                at=sent + timedelta(days=2),
                by_id=r.resident_id,
            )
        )
        if r.status == Status.STOPPED:
            events.append(
                ReferralEvent(
                    referral=r,
                    kind=EventKind.STATUS,
                    value=Status.STOPPED,
                    at=sent + timedelta(days=2),
                    by_id=r.resident_id,
                )
            )
            continue
        reached = STEPS[: STEPS.index(Status(r.status)) + 1] if r.status in STEPS else []
        for step_no, step in enumerate(reached, start=1):
            at = sent + timedelta(days=3 * step_no)
            if step == Status.ACTIVE and r.first_activity_on:
                at = _moment(r.first_activity_on)
            if step == Status.FINISHED and r.first_activity_on:
                at = _moment(r.first_activity_on + timedelta(days=90))
            events.append(
                ReferralEvent(
                    referral=r,
                    kind=EventKind.STATUS,
                    value=step,
                    at=at,
                    by_id=r.coach_id or r.referrer_id,
                )
            )
    return events


def _demo_resident_referral(gp: User, coach: User) -> None:
    resident = User.objects.filter(email=f"inwoner@{DEMO_EMAIL_DOMAIN}").first()
    profile = ResidentProfile.objects.filter(user=resident).first()
    if resident is None or profile is None:
        return
    referral = Referral.objects.create(
        resident=resident,
        referrer=gp,
        practice=gp.professional_profile.organisation,
        coach=coach,
        reason=Reason.EENZAAMHEID,
        buurt=profile.buurt,
        created_at=_moment(YEAR_END),
        updated_at=_moment(YEAR_END),
    )
    ReferralEvent.objects.create(
        referral=referral, kind=EventKind.STATUS, value=Status.SENT, at=referral.created_at, by=gp
    )
