"""Attacks on published aggregates: each tries to learn one resident's answer and fails.

Every test plants a target resident whose value differs from everyone else's, lets an attacker
with the rights they really have (an API key with the figures scope, a coordinator on the
dashboard) collect what the platform publishes through its real endpoints and pages, and then
does the attacker's arithmetic: small cells, a total minus its visible parts, one period minus
another, one table (per theme) against another (per wijk). The arithmetic must come to nothing:
a cell it needs is hidden, or what it isolates holds at least k residents.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope, User
from gezondewijk.places.models import Buurt
from gezondewijk.privacy.models import Purpose
from gezondewijk.referrals.models import Reason, Referral
from tests import factories
from tests.checks.factories import health_check, resident
from tests.conftest import World
from tests.referrals.factories import coach, gp, referral

pytestmark = pytest.mark.django_db

K = 10
TARGET = 2  # the target's score on every dimension; everyone else answers 7 or 8


@pytest.fixture(autouse=True)
def _k(settings: Any) -> None:
    settings.PRIVACY_MIN_CELL_SIZE = K


def key_client(world: World, scope: ApiScope) -> Client:
    """An organisation's API key with exactly the figures scope (a GGD researcher's tool)."""
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    _, raw = people_services.api_key_create(organisation=organisation, name="GGD", scopes=[scope])
    return Client(headers={"X-API-Key": raw})


def answered(buurt: Buurt, score: int, when: datetime, times: int = 1) -> list[User]:
    """`times` consenting residents of `buurt` who each filled in the health check at `when`."""
    people = [resident(buurt, Purpose.NEIGHBOURHOOD_AGGREGATES) for _ in range(times)]
    for person in people:
        health_check(person, score, authored=when)
    return people


def cells(client: Client, level: str, period: str, key: str = "zingeving") -> dict[Any, Any]:
    """(area, period) → published row of one dimension, as the attacker downloads it."""
    response = client.get(f"/api/v1/checks/figures?level={level}&period={period}")
    assert response.status_code == 200
    return {(r["area"], r["period"]): r for r in response.json() if r["key"] == key}


def total(row: dict[str, Any] | None) -> float | None:
    """The sum behind a published mean (mean × n); None when the cell is hidden."""
    if row is None or row["mean"] is None or row["n"] is None:
        return None
    return float(row["mean"] * row["n"])


def recovered(*parts: float | None, residents: int | None) -> float | None:
    """What the attacker learns: a value per resident, or None when a needed cell is hidden or
    the difference holds k residents or more (then it is nobody's answer)."""
    if any(p is None for p in parts) or residents is None or not 0 < residents < K:
        return None
    return sum(p for p in parts if p is not None) / residents


def year(y: int, month: int = 5) -> datetime:
    return datetime(y, month, 1, tzinfo=UTC)


# -- health-check figures (checks) ---------------------------------------------------------


def test_a_small_buurt_shows_no_figure(world: World) -> None:
    answered(world.buurt, 7, year(2025), times=12)
    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    answered(small, TARGET, year(2025))
    api = key_client(world, ApiScope.CHECKS_FIGURES)

    row = cells(api, "buurt", "all")[(small.code, "all")]

    assert row["suppressed"]
    assert row["mean"] is None
    assert row["n"] is None


def test_the_wijk_total_minus_the_other_buurten_reveals_nothing(world: World) -> None:
    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    third = factories.BuurtFactory(wijk=world.wijk, code="BU90010103")
    answered(world.buurt, 7, year(2025), times=12)
    answered(third, 8, year(2025), times=11)
    answered(small, TARGET, year(2025))
    api = key_client(world, ApiScope.CHECKS_FIGURES)

    wijk = cells(api, "wijk", "all")[(world.wijk.code, "all")]
    buurten = cells(api, "buurt", "all")
    visible = [r for r in buurten.values() if not r["suppressed"]]
    leftover = wijk["n"] - sum(r["n"] for r in visible)
    guess = recovered(total(wijk), *[-(total(r) or 0) for r in visible], residents=leftover)

    assert guess is None
    assert leftover >= K  # the small buurt comes out only together with a whole other buurt


def test_all_time_minus_this_year_reveals_nothing(world: World) -> None:
    """Ten residents answered last year and again this year; the target only last year. All
    time holds everyone's latest answer: without the guard, all time minus this year would be
    the target's answer."""
    regulars = answered(world.buurt, 8, year(2024), times=K)
    for person in regulars:
        health_check(person, 7, authored=year(2025))
    answered(world.buurt, TARGET, year(2024))
    api = key_client(world, ApiScope.CHECKS_FIGURES)

    all_time = cells(api, "wijk", "all")[(world.wijk.code, "all")]
    this_year = cells(api, "wijk", "year")[(world.wijk.code, "2025")]
    assert this_year["n"] == K
    assert this_year["mean"] == 7.0
    guess = recovered(
        total(all_time),
        -(total(this_year) or 0),
        residents=(all_time["n"] or 0) - this_year["n"],
    )

    assert guess is None
    assert all_time["suppressed"]


def test_a_year_minus_its_last_quarter_reveals_nothing(world: World) -> None:
    regulars = answered(world.buurt, 8, year(2025, 2), times=K)
    for person in regulars:
        health_check(person, 7, authored=year(2025, 11))
    answered(world.buurt, TARGET, year(2025, 3))
    api = key_client(world, ApiScope.CHECKS_FIGURES)

    whole_year = cells(api, "wijk", "year")[(world.wijk.code, "2025")]
    last_quarter = cells(api, "wijk", "quarter")[(world.wijk.code, "2025-Q4")]
    guess = recovered(
        total(whole_year),
        -(total(last_quarter) or 0),
        residents=(whole_year["n"] or 0) - (last_quarter["n"] or 0),
    )

    assert guess is None


def test_years_that_add_up_to_all_time_reveal_nothing(world: World) -> None:
    """Everyone answered once: all time is the sum of the years, so the target's year (alone
    and hidden) must not follow from all time minus the other, visible years."""
    answered(world.buurt, 7, year(2023), times=K)
    answered(world.buurt, TARGET, year(2024))
    answered(world.buurt, 8, year(2025), times=K)
    api = key_client(world, ApiScope.CHECKS_FIGURES)

    all_time = cells(api, "wijk", "all")[(world.wijk.code, "all")]
    years = cells(api, "wijk", "year")
    visible = [r for r in years.values() if not r["suppressed"]]
    guess = recovered(
        total(all_time),
        *[-(total(r) or 0) for r in visible],
        residents=(all_time["n"] or 0) - sum(r["n"] for r in visible),
    )

    assert years[(world.wijk.code, "2024")]["suppressed"]
    assert guess is None


def test_complementary_cells_of_two_periods_cannot_be_combined(world: World) -> None:
    """Repeated queries: the attacker downloads per buurt for all time and for this year. The
    small buurt's complement differs between the two (the third buurt has residents who
    answered only last year), so each table shows what the other hid. The guard makes a cell
    hidden this year hidden for all time too."""
    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    third = factories.BuurtFactory(wijk=world.wijk, code="BU90010103")
    answered(world.buurt, 7, year(2025), times=12)
    answered(third, 8, year(2025), times=11)
    answered(third, 6, year(2024), times=K)
    answered(small, TARGET, year(2025))
    api = key_client(world, ApiScope.CHECKS_FIGURES)

    wijk = cells(api, "wijk", "all")[(world.wijk.code, "all")]
    all_time = cells(api, "buurt", "all")
    this_year = cells(api, "buurt", "year")
    # The attacker takes each buurt's sum from whichever table shows it (this year's figure
    # equals all time for a buurt whose residents all answered this year)...
    known = {}
    for (code, _period), row in [*this_year.items(), *all_time.items()]:
        if code != small.code and total(row) is not None:
            known.setdefault(code, (total(row), row["n"]))
    others = [world.buurt.code, third.code]
    if all(c in known for c in others):
        guess = recovered(
            total(wijk),
            *[-known[c][0] for c in others],
            residents=(wijk["n"] or 0) - sum(known[c][1] for c in others),
        )
        # ...but a buurt's sum taken from this year misses its last year's residents.
        assert guess is None or abs(guess - TARGET) > 0.5
    assert all_time[(third.code, "all")]["suppressed"]


def test_the_residents_own_buurt_figure_hides_what_staff_figures_hide(world: World) -> None:
    from gezondewijk.checks import selectors

    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    answered(world.buurt, 7, year(2025), times=12)
    answered(small, TARGET, year(2025))

    assert selectors.buurt_scores(buurt=small) is None
    assert selectors.buurt_scores(buurt=world.buurt) is None  # its complement


# -- referral figures (referrals) -----------------------------------------------------------


def _referred(
    world: World,
    pros: tuple[User, User],
    reason: str,
    *,
    change: int | None,
    ago: int = 60,
    took_part: bool = False,
) -> Referral:
    """A consenting resident referred `ago` days ago; with `change`, a check before and after."""
    person = resident(world.buurt, Purpose.NEIGHBOURHOOD_AGGREGATES)
    now = timezone.now()
    made = referral(
        world,
        referrer=pros[0],
        to=pros[1],
        resident=person,
        reason=reason,
        created_at=now - timedelta(days=ago),
    )
    if change is not None:
        health_check(person, 5, authored=now - timedelta(days=ago + 30))
        health_check(person, 5 + change, authored=now - timedelta(days=max(ago - 30, 1)))
    if took_part:
        Referral.objects.filter(pk=made.pk).update(first_activity_on=timezone.localdate())
    return made


@pytest.fixture
def pros(world: World) -> tuple[User, User]:
    """One GP and one welfare coach who do all the referring in a test."""
    return gp(world), coach(world)


def referral_rows(client: Client, level: str) -> dict[str, dict[str, Any]]:
    response = client.get(f"/api/v1/referrals/figures?level={level}")
    assert response.status_code == 200
    return {r["group"]: r for r in response.json()}


def test_a_small_theme_shows_no_figure(world: World, pros: tuple[User, User]) -> None:
    for _ in range(12):
        _referred(world, pros, Reason.BEWEGEN, change=None)
    _referred(world, pros, Reason.GELDZORGEN, change=None, took_part=True)
    api = key_client(world, ApiScope.REFERRALS_FIGURES)

    row = referral_rows(api, "theme")[Reason.GELDZORGEN]

    assert row["suppressed"]
    assert row["participation_pct"] is None
    assert row["n"] is None


def test_health_change_per_wijk_minus_the_other_themes_reveals_nothing(
    world: World, pros: tuple[User, User]
) -> None:
    """The target is the only resident of their theme with checks before and after. Their
    theme is big enough to show, but its health change alone would be theirs; the wijk's
    change (per wijk) minus the other theme's (per theme) must not give it back."""
    for _ in range(12):
        _referred(world, pros, Reason.BEWEGEN, change=1)
    for _ in range(K):
        _referred(world, pros, Reason.EENZAAMHEID, change=None)
    _referred(world, pros, Reason.EENZAAMHEID, change=4)
    api = key_client(world, ApiScope.REFERRALS_FIGURES)

    per_wijk = referral_rows(api, "wijk")[world.wijk.code]
    per_theme = referral_rows(api, "theme")
    assert per_wijk["health_change"] is not None  # 13 residents with both checks: shown
    assert not per_theme[Reason.EENZAAMHEID]["suppressed"]
    other = per_theme[Reason.BEWEGEN]["health_change"]
    guess = None if other is None else per_wijk["health_change"] * 13 - other * 12

    assert per_theme[Reason.EENZAAMHEID]["health_change"] is None
    assert guess is None


def test_the_dashboard_panel_against_the_figures_api_reveals_nothing(
    world: World, pros: tuple[User, User]
) -> None:
    """The coordinator sees the wijk on the dashboard and, with the figures API, the same wijk
    over all time. A panel over the past year only would differ from it by the target, who was
    referred long ago and took part: both must be the very same cell."""
    for _ in range(K):
        _referred(world, pros, Reason.BEWEGEN, change=None, ago=30)
    _referred(world, pros, Reason.BEWEGEN, change=None, ago=400, took_part=True)
    api = key_client(world, ApiScope.REFERRALS_FIGURES)
    client = Client()
    client.force_login(world.coordinator)

    all_time = referral_rows(api, "wijk")[world.wijk.code]
    page = client.get(reverse("dashboard:wijk", args=[world.wijk.code])).content.decode()

    assert all_time["referrals"] == K + 1
    assert f"Verwijzingen: {K + 1}" in page  # the panel shows the same cell, not a past year
    assert f"Verwijzingen: {K}<" not in page
