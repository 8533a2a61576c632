"""The network and the health checks answer their obstacles on the coordinator dashboard."""

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.checks.links import participation
from gezondewijk.network import runs
from gezondewijk.network.models import NetworkRun
from tests.conftest import World
from tests.network.factories import befriend, resident

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_network_and_information_panels(world: World) -> None:
    befriend(resident(world.buurt), resident(world.buurt))
    runs.network_run_execute(run_id=NetworkRun.objects.create(region=world.region).pk)
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("dashboard:wijk", args=[world.wijk.code])).content.decode()
    assert reverse("network:wijk_network", args=[world.wijk.code]) in page
    assert 'data-obstacle="information"' in page
    info = page.split('data-obstacle="information"')[1].split("</section>")[0]
    assert "data-not-yet" not in info


def test_participation_below_the_privacy_threshold_counts_as_none(world: World) -> None:
    assert participation([world.wijk.pk]) == {}
