"""The region administrator recomputes the indicators from a page, after an import; a real
database worker does the work while the page shows its progress."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gezondewijk.indicators import services
from gezondewijk.indicators.models import ComputeRun, RunStatus
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.conftest import World
from tests.indicators.test_tasks import _figure as seed_a_figure

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_region_admin_starts_a_computation_and_follows_it(world: World) -> None:
    seed_a_figure(world)
    client = Client()
    client.force_login(factories.user_with_role(Role.REGION_ADMIN, world.region))

    started = client.post(reverse("indicators:compute"))
    again = client.post(reverse("indicators:compute"))

    run = ComputeRun.objects.get()  # pressing twice computes once
    assert (
        started["Location"] == again["Location"] == reverse("indicators:compute_run", args=[run.pk])
    )
    waiting = client.get(started["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "<progress" in waiting
    assert "hx-get" in waiting

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.values > 0
    done = client.get(started["Location"]).content.decode()
    assert 'data-status="done"' in done
    assert "1 waarde." in done
    assert "hx-get" not in done


def test_only_the_region_admin_recomputes(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.compute_run_start(user=world.coordinator)
    assert not ComputeRun.objects.exists()
