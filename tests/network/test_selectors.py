"""Reads of the network analysis that other apps build on."""

from datetime import timedelta

from django.utils import timezone

from gezondewijk.network import selectors
from gezondewijk.network.models import NetworkRun, RunStatus
from tests import factories
from tests.conftest import World


def test_latest_runs_gives_each_regions_newest_finished_analysis(world: World) -> None:
    other_region = factories.RegionFactory(name="Regio Ander", slug="regio-ander")
    now = timezone.now()

    def run(region: object, days_ago: int, status: str = RunStatus.DONE) -> NetworkRun:
        return NetworkRun.objects.create(
            region=region, status=status, created_at=now - timedelta(days=days_ago)
        )

    run(world.region, 30)
    newest_here = run(world.region, 10)
    run(world.region, 1, RunStatus.FAILED)  # newer, but it did not finish
    run(world.region, 0, RunStatus.RUNNING)
    newest_there = run(other_region, 5)
    run(other_region, 20)

    latest = selectors.latest_runs()

    assert sorted(r.pk for r in latest) == sorted([newest_here.pk, newest_there.pk])
    assert selectors.latest_run(region=world.region) == newest_here
