"""Only residents who consented, and only mutual ties between two of them, are analysed."""

import pytest

from gezondewijk.network import runs, selectors
from gezondewijk.network.models import NetworkRun, RunStatus
from tests import factories
from tests.conftest import World
from tests.network.factories import befriend, resident, visits

pytestmark = pytest.mark.django_db


def test_residents_without_consent_are_left_out(world: World) -> None:
    yes, no = resident(world.buurt), resident(world.buurt, consent=False)
    befriend(yes, no)
    data = selectors.network_input(region=world.region)
    assert yes.pk in data.residents["user_id"].to_list()
    assert no.pk not in data.residents["user_id"].to_list()
    # The tie involves someone who did not consent, so it is not in the analysis at all.
    assert data.ties.height == 0


def test_mutual_ties_and_places_of_consenting_residents_are_read(world: World) -> None:
    a, b = resident(world.buurt), resident(world.buurt)
    befriend(a, b)
    location = factories.StrategicLocationFactory(buurt=world.buurt)
    visits(a, location.pk)
    data = selectors.network_input(region=world.region)
    assert sorted(data.ties.select("src", "dst").rows()) == sorted([(a.pk, b.pk), (b.pk, a.pk)])
    assert data.affiliations.rows() == [(a.pk, "plek", location.pk)]


def test_residents_of_another_region_are_not_read(world: World) -> None:
    elsewhere = factories.BuurtFactory()
    resident(elsewhere)
    data = selectors.network_input(region=world.region)
    assert data.residents.height == 0


def test_a_run_stores_its_results_and_progress(world: World) -> None:
    a, b = resident(world.buurt), resident(world.buurt)
    befriend(a, b)
    run = NetworkRun.objects.create(region=world.region)
    seen: list[str] = []

    done = runs.network_run_execute(run_id=run.pk, on_progress=lambda s, d, t: seen.append(s))

    assert done.status == RunStatus.DONE
    assert done.results["summary"]["mutual_ties"] == 1
    assert done.done == done.total
    assert seen[0] == "graph"
    assert seen[-1] == "done"
