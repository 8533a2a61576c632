"""Recomputing all indicator values as a background task, and from the command line."""

import io

import pytest
from django.core.management import call_command

from gezondewijk.indicators import definitions
from gezondewijk.indicators.models import ComputeRun, Figure, Indicator, IndicatorValue, RunStatus
from gezondewijk.indicators.tasks import recompute_indicators
from tests.conftest import World

pytestmark = pytest.mark.django_db(transaction=True)


def _figure(world: World) -> None:
    # A transactional test starts from an emptied database: seed the defaults again.
    definitions.seed(Indicator)
    Figure.objects.create(
        source="external",
        figure="env-no2",
        area_code=world.wijk.code,
        level="wijk",
        period=2024,
        value=18.0,
    )


def test_a_worker_completes_a_queued_recomputation(world: World) -> None:
    _figure(world)
    run = ComputeRun.objects.create()
    recompute_indicators.enqueue(run.pk)
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.values == IndicatorValue.objects.count() > 0
    assert (
        IndicatorValue.objects.get(area_code=world.wijk.code, indicator__code="env-no2").bloom == 2
    )


def test_command_recomputes_and_reports(world: World) -> None:
    _figure(world)
    out = io.StringIO()
    call_command("indicators_compute", verbosity=0, stdout=out)
    assert "values: " in out.getvalue()
    assert ComputeRun.objects.get().status == RunStatus.DONE
