"""Attacks on resident-based indicators: each tries to learn whether one referred resident
took part in an activity, and fails.

The indicator `referrals-participation` counts residents referred through welzijn op recept
and those of them who took part, per buurt, wijk, gemeente and region and per year; the values
API, the map, the wijk's benchmark (page and API) and the national export all publish it. The
target is the one resident who took part, the attacker a GGD researcher's system with the
indicator and referral figure scopes, and the arithmetic a total minus its visible parts:
buurten under their wijk, wijken under their gemeente, years under all time.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from gezondewijk.indicators import exchange
from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope, User
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Buurt
from gezondewijk.privacy.models import Purpose
from gezondewijk.referrals.models import Referral
from tests import factories
from tests.checks.factories import resident
from tests.conftest import World
from tests.indicators.factories import compute
from tests.referrals.factories import coach, gp, referral

pytestmark = pytest.mark.django_db

K = 10
CODE = "referrals-participation"


@pytest.fixture(autouse=True)
def _k(settings: Any) -> None:
    settings.PRIVACY_MIN_CELL_SIZE = K


@pytest.fixture
def api(world: World) -> Client:
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    _, raw = people_services.api_key_create(
        organisation=organisation,
        name="GGD",
        scopes=[ApiScope.INDICATORS_READ, ApiScope.REFERRALS_FIGURES],
    )
    return Client(headers={"X-API-Key": raw})


@pytest.fixture
def refer(world: World) -> Any:
    """refer(buurt, times, year, took_part=False): residents of `buurt` referred in `year`."""
    pros = gp(world), coach(world)

    def make(buurt: Buurt, times: int, year: int, *, took_part: bool = False) -> list[User]:
        when = datetime(year, 5, 1, tzinfo=UTC)
        people = [resident(buurt, Purpose.NEIGHBOURHOOD_AGGREGATES) for _ in range(times)]
        for person in people:
            made = referral(world, referrer=pros[0], to=pros[1], resident=person, created_at=when)
            if took_part:
                Referral.objects.filter(pk=made.pk).update(first_activity_on=when.date())
        return people

    return make


def values(client: Client, level: str, **query: Any) -> dict[tuple[str, int], dict[str, Any]]:
    """(area, year) → the published value of the indicator at `level`."""
    response = client.get("/api/v1/indicators/values", {"indicator": CODE, "level": level, **query})
    assert response.status_code == 200
    return {(r["area_code"], r["period"]): r for r in response.json()}


def counts(row: dict[str, Any] | None) -> tuple[int, int] | None:
    """(took part, referred) behind a published value; None when hidden."""
    if row is None or row["value"] is None or row["n"] is None:
        return None
    return round(row["value"] * row["n"] / 100), int(row["n"])


def recovered(whole: tuple[int, int] | None, *parts: tuple[int, int] | None) -> float | None:
    """The share that took part among what is left of `whole` after the parts: residents' own
    answers when fewer than k are left; None when a needed figure is hidden."""
    if whole is None or any(p is None for p in parts):
        return None
    took_part = whole[0] - sum(p[0] for p in parts if p is not None)
    referred = whole[1] - sum(p[1] for p in parts if p is not None)
    if not 0 < referred < K:
        return None
    return took_part / referred


def test_a_small_buurt_shows_no_value(world: World, api: Client, refer: Any) -> None:
    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    refer(world.buurt, 12, 2025)
    refer(small, 1, 2025, took_part=True)
    compute()

    cell = values(api, "buurt")[(small.code, 2025)]

    assert cell["suppressed"]
    assert cell["value"] is None
    assert cell["n"] is None
    assert cell["ci_low"] is None


def test_the_wijk_minus_the_other_buurten_reveals_nothing(
    world: World, api: Client, refer: Any
) -> None:
    third = factories.BuurtFactory(wijk=world.wijk, code="BU90010103")
    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    refer(world.buurt, 12, 2025)
    refer(third, 11, 2025)
    refer(small, 1, 2025, took_part=True)
    compute()

    wijk = counts(values(api, "wijk")[(world.wijk.code, 2025)])
    buurten = values(api, "buurt")
    assert wijk == (1, 24)

    assert recovered(wijk, *[counts(buurten[(b.code, 2025)]) for b in (world.buurt, third)]) is None
    assert buurten[(third.code, 2025)]["suppressed"]


def test_the_gemeente_minus_the_buurten_of_the_other_wijk_reveals_nothing(
    world: World, api: Client, refer: Any
) -> None:
    """The target is the only referred resident of the other wijk: that wijk is hidden, this
    wijk too as its complement, but not this wijk's buurten (each big enough on its own).
    The gemeente minus them would be the target."""
    second = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    refer(world.buurt, 12, 2025)
    refer(second, 11, 2025)
    refer(world.other_buurt, 1, 2025, took_part=True)
    compute()

    gemeente = counts(values(api, "gemeente")[(world.gemeente.code, 2025)])
    wijken = values(api, "wijk")
    buurten = values(api, "buurt")
    assert gemeente == (1, 24)
    assert wijken[(world.other_wijk.code, 2025)]["suppressed"]
    assert wijken[(world.wijk.code, 2025)]["suppressed"]

    parts = [counts(buurten[(b.code, 2025)]) for b in (world.buurt, second)]
    assert recovered(gemeente, *parts) is None


def test_the_benchmark_the_map_and_the_export_hide_the_same_cells(
    world: World, api: Client, refer: Any
) -> None:
    """The benchmark is computed from the current figures when asked, the map and the export
    read the stored values: the attacker holds all three side by side."""
    second = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    refer(world.buurt, 12, 2025)
    refer(second, 11, 2025)
    refer(world.other_buurt, 1, 2025, took_part=True)
    compute()
    researcher = Client()
    researcher.force_login(factories.user_with_role(Role.RESEARCHER, world.region))

    benchmark = {}
    for wijk in (world.wijk, world.other_wijk):
        response = api.get(f"/api/v1/indicators/wijken/{wijk.code}/benchmark")
        assert response.status_code == 200
        [row] = [r for r in response.json() if r["indicator"] == CODE]
        benchmark[wijk.code] = row
    page = researcher.get("/indicatoren/", {"indicator": CODE, "level": "wijk", "period": 2025})
    on_map = {r["code"]: r for r in page.context["data"].rows}
    exported = {
        (r["area_code"], r["level"]): r
        for r in csv.DictReader(io.StringIO(exchange.export_csv()))
        if r["indicator"] == CODE
    }

    for wijk in (world.wijk, world.other_wijk):
        assert benchmark[wijk.code]["value"] is None
        assert benchmark[wijk.code]["diff_parent"] is None
        assert benchmark[wijk.code]["peer_percentile"] is None
        assert on_map[wijk.code]["suppressed"]
        assert on_map[wijk.code]["value"] is None
        assert exported[(wijk.code, "wijk")]["suppressed"] == "true"
        assert exported[(wijk.code, "wijk")]["value"] == ""
    for buurt in (world.buurt, second):
        assert exported[(buurt.code, "buurt")]["value"] == ""


def test_a_hidden_year_does_not_follow_from_the_referral_figures_of_all_time(
    world: World, api: Client, refer: Any
) -> None:
    """Ten residents were referred last year and none took part; this year only the target,
    who did. The referral figures per wijk cover all time; all time minus last year's
    indicator value would be the target."""
    refer(world.buurt, K, 2024)
    refer(world.buurt, 1, 2025, took_part=True)
    compute()

    response = api.get("/api/v1/referrals/figures", {"level": "wijk"})
    assert response.status_code == 200
    [all_time] = [r for r in response.json() if r["group"] == world.wijk.code]
    assert all_time["n"] == K + 1  # shown: eleven residents
    took_part = round(all_time["participation_pct"] * all_time["referrals"] / 100)
    years = values(api, "wijk")
    assert years[(world.wijk.code, 2025)]["suppressed"]

    assert recovered((took_part, K + 1), counts(years[(world.wijk.code, 2024)])) is None


def test_queries_for_one_year_and_for_all_years_hide_the_same_cells(
    world: World, api: Client, refer: Any
) -> None:
    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    refer(world.buurt, 12, 2024)
    refer(world.buurt, 12, 2025)
    refer(small, 1, 2025, took_part=True)
    compute()

    every_year = values(api, "buurt")
    this_year = values(api, "buurt", period=2025)

    assert this_year == {key: row for key, row in every_year.items() if key[1] == 2025}
    assert this_year[(small.code, 2025)]["suppressed"]
    assert this_year[(world.buurt.code, 2025)]["suppressed"]
