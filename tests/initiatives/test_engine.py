"""Influence with its parts, and growth per wijk per quarter."""

from datetime import UTC, date, datetime, timedelta

import pytest

from gezondewijk import hooks
from gezondewijk.initiatives import engine, influence
from gezondewijk.initiatives.models import Membership, StatusChange
from tests import factories
from tests.conftest import World
from tests.initiatives.factories import ActivityFactory, InitiativeFactory

TODAY = date(2026, 6, 30)


def test_influence_is_the_sum_of_its_visible_parts(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    initiative.partners.add(factories.OrganisationFactory(gemeente=world.gemeente))
    Membership.objects.create(initiative=initiative, user=world.coordinator, role="believer")
    ActivityFactory(initiative=initiative, date=TODAY - timedelta(days=10), participants=20)
    ActivityFactory(initiative=initiative, date=TODAY - timedelta(days=400), participants=99)
    result = engine.influence_of([initiative.pk], today=TODAY)[initiative.pk]
    parts = {p.key: p for p in result.parts}
    assert (parts["members"].value, parts["activities"].value, parts["participants"].value) == (
        2,
        1,
        20,
    )
    assert parts["partners"].value == 1
    # 2 members x 1 + 1 activity x 2 + 20 participants x 0.1 + 1 partner x 3
    assert result.score == 9.0
    assert parts["network_reach"].value == 0  # no network analysis has run yet
    assert parts["funding"].value is None


def test_a_registered_part_counts_with_its_weight(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    with hooks.register_temporarily(
        influence.INFLUENCE_PARTS,
        influence.InfluencePart("network_reach", "Bereik", 0.5, lambda ids: {ids[0]: 40.0}),
    ):
        result = engine.influence_of([initiative.pk], today=TODAY)[initiative.pk]
    parts = {p.key: p for p in result.parts}
    assert parts["network_reach"].points == 20.0
    assert [p.key for p in result.parts].count("network_reach") == 1
    assert parts["funding"].value is None


def test_quarter_ends_cover_the_span() -> None:
    assert engine.quarter_ends(date(2025, 11, 5), date(2026, 4, 1)) == [
        date(2025, 12, 31),
        date(2026, 3, 31),
        date(2026, 6, 30),
    ]


def test_growth_counts_live_initiatives_and_their_influence_per_quarter(world: World) -> None:
    started = datetime(2025, 2, 1, tzinfo=UTC)
    a = InitiativeFactory(lead=world.resident, wijken=[world.wijk], created_at=started)
    Membership.objects.filter(initiative=a).update(joined_at=started)
    b = InitiativeFactory(
        lead=world.coordinator, wijken=[world.wijk], created_at=datetime(2025, 8, 1, tzinfo=UTC)
    )
    Membership.objects.filter(initiative=b).update(joined_at=datetime(2025, 8, 1, tzinfo=UTC))
    StatusChange.objects.create(
        initiative=b,
        from_status="actief",
        to_status="gestopt",
        changed_at=datetime(2026, 2, 1, tzinfo=UTC),
    )
    ActivityFactory(initiative=a, date=date(2025, 5, 1), participants=10)
    frame = engine.growth_per_quarter(wijk_ids=[world.wijk.pk], today=date(2026, 6, 1))
    rows = {r["quarter"]: (r["initiatives"], r["influence"]) for r in frame.iter_rows(named=True)}
    assert rows[date(2025, 3, 31)] == (1, 1.0)
    assert rows[date(2025, 6, 30)] == (1, 4.0)  # + one activity (2) and ten participants (1)
    assert rows[date(2025, 12, 31)] == (2, 5.0)
    assert rows[date(2026, 3, 31)] == (1, 4.0)  # b stopped in February
    totals = engine.growth_totals(frame)
    assert totals[0]["quarter"] == "2025-Q1"


def test_growth_of_a_wijk_without_initiatives_is_empty(world: World) -> None:
    assert engine.growth_per_quarter(wijk_ids=[world.other_wijk.pk]).height == 0


@pytest.mark.parametrize("status", ["actief", "geborgd"])
def test_live_initiatives_are_counted_per_wijk(world: World, status: str) -> None:
    InitiativeFactory(lead=world.resident, wijken=[world.wijk, world.other_wijk], status=status)
    InitiativeFactory(lead=world.resident, wijken=[world.wijk], status="idee")
    assert engine.live_count_by_wijk([world.wijk.pk, world.other_wijk.pk]) == {
        world.wijk.pk: 1,
        world.other_wijk.pk: 1,
    }


def test_growth_pivots_to_one_row_per_wijk(world: World) -> None:
    started = datetime(2025, 2, 1, tzinfo=UTC)
    InitiativeFactory(lead=world.resident, wijken=[world.wijk], created_at=started)
    InitiativeFactory(
        lead=world.resident, wijken=[world.wijk, world.other_wijk], created_at=started
    )
    frame = engine.growth_per_quarter(
        wijk_ids=[world.wijk.pk, world.other_wijk.pk], today=date(2025, 6, 1)
    )
    quarters, rows = engine.growth_by_wijk(frame)
    assert quarters == ["2025-Q1", "2025-Q2"]
    by_wijk = dict(rows)
    assert [n for n, _influence in by_wijk[world.wijk.pk]] == [2, 2]
    assert [n for n, _influence in by_wijk[world.other_wijk.pk]] == [1, 1]
