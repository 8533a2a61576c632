"""Figures over health checks: per area and period, suppressed, never open to differencing."""

from datetime import UTC, datetime
from typing import Any

import polars as pl
import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from gezondewijk.checks import engine, selectors
from gezondewijk.permissions.roles import Role
from gezondewijk.privacy import services as privacy_services
from gezondewijk.privacy.models import Purpose
from tests import factories
from tests.checks.factories import health_check, resident
from tests.conftest import World

K = 10


def _frame(cells: dict[str, int], score: float = 6.0, wijk: str = "WK01") -> pl.DataFrame:
    """One resident per row with one dimension score, `cells` residents per buurt."""
    rows: list[dict[str, Any]] = []
    for buurt, n in cells.items():
        rows += [
            {
                "user_id": len(rows) + i,
                "buurt": buurt,
                "wijk": wijk,
                "gemeente": "GM01",
                "region": "r",
                "authored": datetime(2025, 5, 1, tzinfo=UTC),
                "key": "zingeving",
                "value": score + (i % 3),
            }
            for i in range(n)
        ]
    return pl.DataFrame(rows, schema=engine.VALUE_SCHEMA)


def test_a_buurt_under_k_residents_is_hidden() -> None:
    result = engine.area_means(
        _frame(
            {"A": 12, "B": 4},
        ),
        level="buurt",
        k=K,
    )
    small = result.filter(pl.col("buurt") == "B").row(0, named=True)
    assert small["suppressed"]
    assert small["n"] is None
    assert small["mean"] is None


def test_a_differencing_attack_on_the_wijk_total_fails() -> None:
    """Wijk total published, all buurten but one visible: the small one must not follow."""
    frame = _frame({"A": 25, "B": 14, "C": 3})
    wijk = engine.area_means(frame, level="wijk", k=K).row(0, named=True)
    buurten = engine.area_means(frame, level="buurt", k=K)
    assert wijk["n"] == 42
    assert not wijk["suppressed"]
    visible = buurten.filter(~pl.col("suppressed"))
    hidden = buurten.filter(pl.col("suppressed"))
    # The attacker subtracts what is visible from the total...
    remainder = wijk["n"] - visible["n"].sum()
    # ...and finds at least two hidden buurten together, at least k residents: nobody's cell.
    assert hidden.height >= 2
    assert remainder >= K
    assert set(hidden["buurt"]) == {"B", "C"}


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(1, 40), min_size=1))
def test_no_hidden_buurt_can_be_recovered_by_subtraction(cells: dict[str, int]) -> None:
    frame = _frame(cells)
    buurten = engine.area_means(frame, level="buurt", k=K)
    hidden = buurten.filter(pl.col("suppressed"))
    assert hidden.height != 1 or buurten.height == 1
    if hidden.height:
        total_hidden = sum(cells[b] for b in hidden["buurt"])
        assert hidden.height >= 2 or buurten.height == 1
        assert total_hidden == sum(cells.values()) - buurten["n"].fill_null(0).sum()


def test_means_have_n_and_a_confidence_interval() -> None:
    row = engine.area_means(_frame({"A": 30}), level="buurt", k=K).row(0, named=True)
    assert row["n"] == 30
    assert row["mean"] == pytest.approx(7.0)
    assert row["ci_low"] < row["mean"] < row["ci_high"]


def test_a_resident_counts_once_per_period_with_their_latest_check() -> None:
    frame = pl.concat(
        [
            _frame({"A": 12}, score=2.0).with_columns(
                authored=pl.lit(datetime(2025, 1, 5, tzinfo=UTC))
            ),
            _frame({"A": 12}, score=8.0),
        ]
    )
    year = engine.area_means(frame, level="buurt", period="year", k=K).row(0, named=True)
    assert year["n"] == 12
    assert year["mean"] == pytest.approx(9.0)
    quarters = engine.area_means(frame, level="buurt", period="quarter", k=K)
    assert quarters["period"].to_list() == ["2025-Q1", "2025-Q2"]


def test_only_consenting_residents_count_and_withdrawal_takes_answers_out(
    world: World,
) -> None:
    counted = [resident(world.buurt, Purpose.NEIGHBOURHOOD_AGGREGATES) for _ in range(K)]
    for user in counted:
        health_check(user, 6)
    health_check(resident(world.buurt), 1)  # no consent: never counted
    figures = engine.area_means(selectors.health_check_frame(), level="buurt")
    row = figures.filter(pl.col("key") == "zingeving").row(0, named=True)
    assert row["n"] == K
    assert row["mean"] == 6.0

    privacy_services.consent_withdraw(user=counted[0], purpose=Purpose.NEIGHBOURHOOD_AGGREGATES)
    figures = engine.area_means(selectors.health_check_frame(), level="buurt")
    assert figures.filter(pl.col("key") == "zingeving")["suppressed"].to_list() == [True]


def test_response_counts_are_suppressed_too() -> None:
    counts = engine.response_counts(_frame({"A": 20, "B": 15, "C": 2}), level="buurt", k=K)
    assert counts.filter(pl.col("suppressed")).height == 2


def test_the_figures_api_answers_per_level_and_refuses_an_unknown_one(world: World) -> None:
    for _ in range(K):
        health_check(resident(world.buurt, Purpose.NEIGHBOURHOOD_AGGREGATES), 7)
    client = Client()
    client.force_login(factories.user_with_role(Role.RESEARCHER, world.region))
    rows = client.get("/api/v1/checks/figures?level=wijk&period=all").json()
    assert {r["key"] for r in rows} >= {"zingeving", "meedoen"}
    assert all(r["n"] == K and r["mean"] == 7.0 for r in rows)
    bad = client.get("/api/v1/checks/figures?level=straat")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["query", "level"]
    assert client.get("/gezondheidscheck/cijfers/?level=wijk").status_code == 200
