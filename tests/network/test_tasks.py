"""Refreshing the analysis goes through the task queue and a real database worker."""

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gezondewijk.network import services
from gezondewijk.network.models import NetworkRun, RunStatus
from tests.conftest import World
from tests.network.factories import befriend, resident

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_starts_a_run_and_a_worker_completes_it(world: World) -> None:
    befriend(resident(world.buurt), resident(world.buurt))
    client = Client()
    client.force_login(world.coordinator)
    # A wijk coordinator may look, but the region's run is started by someone over the region.
    refused = client.post(reverse("network:run_start", args=[world.wijk.code]))
    assert refused.status_code == 403

    from gezondewijk.people.models import Role
    from tests import factories

    regional = factories.user_with_role(Role.COORDINATOR, world.region)
    run = services.network_run_start(user=regional, region=world.region)
    assert run.status == RunStatus.QUEUED
    again = services.network_run_start(user=regional, region=world.region)
    assert again.pk == run.pk  # one run at a time

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.results["summary"]["mutual_ties"] == 1


def test_progress_is_shown_while_a_run_waits(world: World, **_: Any) -> None:
    run = NetworkRun.objects.create(region=world.region)
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("network:run_progress", args=[world.wijk.code, run.pk]))
    assert b"<progress" in page.content
    assert b"hx-trigger" in page.content  # the page asks again until the run is done
