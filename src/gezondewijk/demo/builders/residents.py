"""Demo residents in bulk: an account, a profile and the resident role over their wijk.

Attributes are drawn for all residents at once (per buurt and age band, never per resident)
and the rows go in with bulk_create, so 350 000 residents take a minute or two, not hours.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from itertools import repeat

from django.contrib.auth.hashers import make_password

from gezondewijk.demo import names
from gezondewijk.demo.accounts import DEMO_EMAIL_DOMAIN
from gezondewijk.demo.figures import NATIONAL_AGE_MIX, apportion
from gezondewijk.demo.registry import DemoContext
from gezondewijk.people.models import BirthYearBand, HouseholdType, ResidentProfile, RoleGrant, User
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Buurt

BATCH_SIZE = 5_000
# Residents signed up over the two years before the demo's "today" (a fixed date, so the
# same seed gives the same timestamps).
JOINED_FROM = datetime(2024, 1, 1, tzinfo=UTC)
JOINED_SPAN_SECONDS = 2 * 365 * 24 * 3600

BANDS: tuple[str, ...] = tuple(BirthYearBand.values)
HOUSEHOLDS: tuple[str, ...] = tuple(HouseholdType.values)
# How readily each age band signs up for a neighbourhood platform (children rarely do).
PARTICIPATION = (0.1, 0.8, 1.0, 1.1, 1.0, 0.6)
# Household type (alone, couple, family, single parent, other) per age band, before a buurt's
# own share of people living alone and of families tilts it.
HOUSEHOLD_MIX: dict[str, tuple[float, ...]] = {
    BirthYearBand.UNDER_18: (0.0, 0.0, 0.78, 0.17, 0.05),
    BirthYearBand.B18_29: (0.35, 0.25, 0.15, 0.05, 0.2),
    BirthYearBand.B30_44: (0.22, 0.18, 0.5, 0.08, 0.02),
    BirthYearBand.B45_64: (0.22, 0.3, 0.38, 0.07, 0.03),
    BirthYearBand.B65_74: (0.3, 0.62, 0.04, 0.02, 0.02),
    BirthYearBand.B75_PLUS: (0.5, 0.45, 0.01, 0.01, 0.03),
}
NATIONAL_SINGLE_SHARE = 0.39
NATIONAL_CHILDREN_SHARE = 0.31


def _band_weights(buurt: Buurt) -> list[float]:
    """CBS age groups (0-14, 15-24, 25-44, 45-64, 65+) re-cut into the profile's bands."""
    counts = (buurt.age_0_14, buurt.age_15_24, buurt.age_25_44, buurt.age_45_64, buurt.age_65_plus)
    mix: tuple[float, ...] = tuple(c or 0 for c in counts)
    a0, a1, a2, a3, a4 = mix if sum(mix) else NATIONAL_AGE_MIX
    people = (a0 + 0.3 * a1, 0.7 * a1 + 0.25 * a2, 0.75 * a2, a3, 0.55 * a4, 0.45 * a4)
    return [p * f for p, f in zip(people, PARTICIPATION, strict=True)]


def _household_weights(buurt: Buurt, band: str) -> list[float]:
    households = buurt.households or 1
    single = (buurt.single_person_households or 0) / households / NATIONAL_SINGLE_SHARE
    children = (buurt.households_with_children or 0) / households / NATIONAL_CHILDREN_SHARE
    alone, couple, family, single_parent, other = HOUSEHOLD_MIX[band]
    return [alone * single, couple, family * children, single_parent * children, other]


def _draw(rng: random.Random, buurten: list[Buurt], n: int) -> list[tuple[int, str, str]]:
    """(buurt index, age band, household type) for n residents, in random order.

    Buurten get residents in proportion to their inhabitants, exactly (largest remainder),
    so no buurt has more registered residents than inhabitants.
    """
    per_buurt = apportion(n, [b.inhabitants or 0 for b in buurten]) if buurten else []
    rows: list[tuple[int, str, str]] = []
    for i, (buurt, k) in enumerate(zip(buurten, per_buurt, strict=True)):
        bands = Counter(rng.choices(BANDS, weights=_band_weights(buurt), k=k))
        for band in BANDS:
            households = rng.choices(
                HOUSEHOLDS, weights=_household_weights(buurt, band), k=bands[band]
            )
            rows.extend(zip(repeat(i), repeat(band), households))
    rng.shuffle(rows)
    return rows


def build_residents(ctx: DemoContext) -> None:
    region = ctx.require_region()
    n = ctx.residents
    rng = ctx.rng
    buurten = list(Buurt.objects.filter(wijk__gemeente__region=region).order_by("code"))
    rows = _draw(rng, buurten, n)
    adjectives = rng.choices(names.PSEUDONYM_ADJECTIVES, k=n)
    nouns = rng.choices(names.PSEUDONYM_NOUNS, k=n)
    numbers = rng.choices(range(1, 1000), k=n)
    # Sorted, so inwoner1 is the first to have joined.
    joined = sorted(rng.choices(range(JOINED_SPAN_SECONDS), k=n))
    # Demo residents never log in; one unusable hash for all (hashing per row would take hours).
    password = make_password(None)

    task = ctx.progress.add_task("Inwoners", total=n) if ctx.progress else None
    for start in range(0, n, BATCH_SIZE):
        batch = range(start, min(n, start + BATCH_SIZE))
        pseudonyms = [f"{adjectives[i]} {nouns[i]} {numbers[i]}" for i in batch]
        moments = [JOINED_FROM + timedelta(seconds=joined[i]) for i in batch]
        users = User.objects.bulk_create(
            User(
                email=f"inwoner{i + 1}@{DEMO_EMAIL_DOMAIN}",
                display_name=pseudonym,
                password=password,
                date_joined=moment,
            )
            for i, pseudonym, moment in zip(batch, pseudonyms, moments, strict=True)
        )
        ResidentProfile.objects.bulk_create(
            ResidentProfile(
                user_id=user.pk,
                pseudonym=pseudonym,
                buurt_id=buurten[rows[i][0]].pk,
                birth_year_band=rows[i][1],
                household_type=rows[i][2],
            )
            for i, user, pseudonym in zip(batch, users, pseudonyms, strict=True)
        )
        RoleGrant.objects.bulk_create(
            RoleGrant(
                user_id=user.pk,
                role=Role.RESIDENT,
                wijk_id=buurten[rows[i][0]].wijk_id,
                granted_at=moment,
            )
            for i, user, moment in zip(batch, users, moments, strict=True)
        )
        if ctx.progress is not None and task is not None:
            ctx.progress.advance(task, len(batch))
    ctx.count("residents", n)
