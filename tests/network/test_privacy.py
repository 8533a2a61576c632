"""A resident's network is theirs: export, erase, and aggregates that reveal nobody."""

import itertools

import pytest

from gezondewijk.network import runs, selectors
from gezondewijk.network.models import NetworkProfile, NetworkRun, Tie
from gezondewijk.privacy import services as privacy
from tests import factories
from tests.conftest import World
from tests.network.factories import befriend, resident

pytestmark = pytest.mark.django_db


def test_export_holds_the_residents_ties(world: World) -> None:
    ans = resident(world.buurt)
    befriend(world.resident, ans)
    exported = privacy.personal_data_export(user=world.resident)["sections"]["network"]
    assert [t["name"] for t in exported["ties"]] == [str(ans)]
    assert exported["ties"][0]["mutual"] is True


def test_erase_removes_the_network_and_ties_pointing_at_the_resident(world: World) -> None:
    ans = resident(world.buurt)
    befriend(world.resident, ans)
    privacy.personal_data_erase(user=world.resident)
    assert not Tie.objects.filter(owner_id=world.resident.pk).exists()
    assert not Tie.objects.filter(resident_id=world.resident.pk).exists()
    assert not NetworkProfile.objects.filter(user_id=world.resident.pk).exists()
    assert NetworkProfile.objects.filter(user=ans).exists()


def isolation_view(world: World) -> list[tuple[str, object]]:
    run = runs.network_run_execute(run_id=NetworkRun.objects.create(region=world.region).pk)
    figures = selectors.wijk_network(run=run, wijk=world.wijk)
    return [(row["buurt"].code, row["isolated_pct"]) for row in figures["isolation"]]


def test_two_aggregates_that_differ_by_one_resident_reveal_nothing(
    world: World, settings: object
) -> None:
    """A coordinator compares the wijk's isolation figures before and after one resident of a
    small buurt joined. Neither the small buurt nor (by subtraction) its neighbour is shown,
    so the two views are the same and say nothing about that one resident."""
    settings.PRIVACY_MIN_CELL_SIZE = 5  # type: ignore[attr-defined]
    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    big = [resident(world.buurt) for _ in range(8)]
    for a, b in itertools.pairwise(big):
        befriend(a, b)
    resident(small)
    before = isolation_view(world)

    resident(small)  # one more, isolated resident in the small buurt
    after = isolation_view(world)

    assert before == after
    assert dict(after) == {world.buurt.code: None, small.code: None}


def test_a_buurt_with_enough_residents_shows_its_isolated_share(
    world: World, settings: object
) -> None:
    settings.PRIVACY_MIN_CELL_SIZE = 4  # type: ignore[attr-defined]
    a, b, c = resident(world.buurt), resident(world.buurt), resident(world.buurt)
    resident(world.buurt)  # knows nobody
    befriend(a, b)
    befriend(b, c)
    befriend(a, c)
    shown = dict(isolation_view(world))
    assert shown[world.buurt.code] == 25.0


def test_a_groups_reach_beyond_the_wijk_is_shown_only_above_k(
    world: World, settings: object
) -> None:
    """A group of four in this wijk with one member elsewhere: the one outside is not shown
    as a share (it would point at a single person); with three outside it is."""
    settings.PRIVACY_MIN_CELL_SIZE = 3  # type: ignore[attr-defined]
    here = [resident(world.buurt) for _ in range(4)]
    elsewhere = [resident(world.other_buurt) for _ in range(3)]

    def clique(people: list) -> None:
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                befriend(a, b)

    clique([*here, elsewhere[0]])
    run = runs.network_run_execute(run_id=NetworkRun.objects.create(region=world.region).pk)
    group = selectors.wijk_network(run=run, wijk=world.wijk)["communities"][0]
    assert group["residents"] == 4
    assert group["in_wijk_pct"] is None

    for newcomer in elsewhere[1:]:
        for other in [*here, elsewhere[0]]:
            befriend(newcomer, other)
    befriend(elsewhere[1], elsewhere[2])
    run = runs.network_run_execute(run_id=NetworkRun.objects.create(region=world.region).pk)
    group = selectors.wijk_network(run=run, wijk=world.wijk)["communities"][0]
    assert group["in_wijk_pct"] == 60  # 4 of 7, in tens
