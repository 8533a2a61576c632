"""Figures per practice, wijk and theme go through the one suppression rule."""

from datetime import UTC, date, datetime, timedelta

import polars as pl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from gezondewijk.dashboard import panels
from gezondewijk.indicators import providers
from gezondewijk.permissions.roles import Role
from gezondewijk.privacy.models import Purpose
from gezondewijk.referrals import engine
from gezondewijk.referrals.models import Referral
from tests import factories
from tests.checks.factories import health_check
from tests.checks.factories import resident as consenting_resident
from tests.conftest import World
from tests.referrals.factories import coach, gp, referral

K = 10
START = datetime(2026, 1, 1, tzinfo=UTC)


def _referrals(groups: dict[str, int], took_part: int = 0) -> pl.DataFrame:
    rows = []
    rid = 0
    for practice, n in groups.items():
        for i in range(n):
            rid += 1
            rows.append(
                (
                    rid,
                    rid,
                    practice,
                    "WK01",
                    "BU01",
                    "eenzaamheid",
                    START,
                    date(2026, 1, 15) if i < took_part else None,
                )
            )
    return pl.DataFrame(rows, schema=engine.REFERRAL_SCHEMA, orient="row")


NO_CHECKS = pl.DataFrame(schema=engine.CHECK_SCHEMA)


def test_a_practice_below_k_is_hidden_and_so_is_its_complement() -> None:
    table = engine.figures(_referrals({"A": 25, "B": 12, "C": 4}), NO_CHECKS, level="practice", k=K)
    rows = {r["practice"]: r for r in table.to_dicts()}
    assert rows["C"]["suppressed"]
    assert rows["C"]["referrals"] is None
    # Otherwise C would follow from the total minus A and B.
    assert rows["B"]["suppressed"]
    assert rows["B"]["n"] is None
    assert not rows["A"]["suppressed"]
    assert rows["A"]["referrals"] == 25


def test_participation_and_days_to_first_activity() -> None:
    table = engine.figures(_referrals({"A": 20}, took_part=5), NO_CHECKS, level="practice", k=K)
    row = table.row(0, named=True)
    assert row["participation_pct"] == 25.0
    assert row["median_days_to_activity"] == 14


def test_health_change_needs_k_residents_with_both_checks() -> None:
    referrals = _referrals({"A": 12})
    checks = pl.DataFrame(
        [
            (user, user * 10 + step, START + timedelta(days=-30 if step == 0 else 60), 5.0 + step)
            for user in range(1, 13 if True else 0)
            for step in (0, 1)
        ],
        schema=engine.CHECK_SCHEMA,
        orient="row",
    )
    assert engine.figures(referrals, checks, level="practice", k=K)["health_change"][0] == 1.0
    few = checks.filter(pl.col("user_id") <= 5)
    assert engine.figures(referrals, few, level="practice", k=K)["health_change"][0] is None


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from("ABCDEF"), st.integers(1, 30), min_size=1))
def test_no_hidden_practice_can_be_recovered_from_the_total(cells: dict[str, int]) -> None:
    table = engine.figures(_referrals(cells), NO_CHECKS, level="practice", k=K)
    hidden = table.filter(pl.col("suppressed"))
    assert {p for p, n in cells.items() if n < K} <= set(hidden["practice"])
    # With more than one practice beside the total, one hidden cell alone would follow from it.
    assert table.height == 1 or hidden.height != 1
    assert all(cells[p] >= K for p in table.filter(~pl.col("suppressed"))["practice"])


@pytest.mark.django_db
def test_figures_page_and_api_hide_small_cells(world: World) -> None:
    doctor, receiver = gp(world), coach(world)
    for _ in range(3):
        referral(
            world,
            referrer=doctor,
            to=receiver,
            resident=consenting_resident(world.buurt, Purpose.NEIGHBOURHOOD_AGGREGATES),
        )
    researcher = factories.user_with_role(Role.RESEARCHER, world.region)
    client = Client()
    client.force_login(researcher)
    rows = client.get("/api/v1/referrals/figures?level=practice").json()
    assert rows == [
        {
            "group": doctor.professional_profile.organisation.name,
            "n": None,
            "referrals": None,
            "participation_pct": None,
            "median_days_to_activity": None,
            "health_change": None,
            "suppressed": True,
        }
    ]
    page = client.get(reverse("referrals:figures") + "?niveau=wijk").content.decode()
    assert 'class="suppressed"' in page
    assert client.get("/api/v1/referrals/figures?level=bsn").status_code == 422


@pytest.mark.django_db
def test_the_dashboard_panel_shows_figures_only_above_k(world: World, settings: object) -> None:
    doctor, receiver = gp(world), coach(world)
    people = [consenting_resident(world.buurt, Purpose.NEIGHBOURHOOD_AGGREGATES) for _ in range(10)]
    for person in people[:9]:
        referral(world, referrer=doctor, to=receiver, resident=person)
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("dashboard:wijk", args=[world.wijk.code])).content.decode()
    assert "Te weinig verwezen inwoners" in page
    r = referral(world, referrer=doctor, to=receiver, resident=people[9])
    Referral.objects.filter(pk=r.pk).update(first_activity_on=timezone.localdate())
    health_check(people[9], 7)
    page = client.get(reverse("dashboard:wijk", args=[world.wijk.code])).content.decode()
    assert "Verwijzingen: 10" in page
    assert "10.0%" in page or "10,0%" in page
    assert panels.panels_for(panels.Obstacle.PROFESSIONALS)


@pytest.mark.django_db
def test_the_indicator_source_counts_referred_and_participating_per_buurt(world: World) -> None:
    r = referral(world)
    referral(world)
    Referral.objects.filter(pk=r.pk).update(first_activity_on=timezone.localdate())
    source = next(p for p in providers.registered() if p.source == "referrals")
    frame = providers.collect(source)
    values = {row["figure"]: row["value"] for row in frame.to_dicts()}
    assert values == {"referred": 1.0, "participating": 1.0}
    assert set(frame["area_code"]) == {world.buurt.code}
