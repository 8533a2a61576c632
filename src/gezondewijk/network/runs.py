"""Carrying out a network analysis run: read, compute, store; progress saved as it goes."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.utils import timezone

from gezondewijk.network import engine, selectors
from gezondewijk.network.models import NetworkRun, RunStatus

logger = logging.getLogger(__name__)

STAGE_LABELS = {
    "read": "gegevens lezen",
    "graph": "netwerk opbouwen",
    "communities": "groepen zoeken",
    "connectors": "verbinders zoeken",
    "reach": "bereik berekenen",
    "isolation": "isolement tellen",
    "done": "klaar",
}
READ_STEP = 1  # reading counts as one step before the engine's stages


def network_run_execute(
    *, run_id: int, on_progress: Callable[[str, int, int], None] | None = None
) -> NetworkRun:
    """Compute the run's results. A failure is stored on the run with its message, never
    half a result."""
    run = NetworkRun.objects.select_related("region").get(pk=run_id)
    total = len(engine.STAGES) + READ_STEP

    def progress(stage: str, done: int, _total: int) -> None:
        NetworkRun.objects.filter(pk=run.pk).update(
            stage=STAGE_LABELS.get(stage, stage), done=done + READ_STEP, total=total
        )
        if on_progress is not None:
            on_progress(stage, done + READ_STEP, total)

    NetworkRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, stage=STAGE_LABELS["read"], done=0, total=total
    )
    try:
        data = selectors.network_input(region=run.region)
        results = engine.analyse(data, seed=run.region.pk, progress=progress)
    except Exception as exc:  # stored for the coordinator to see, then re-raised for the log
        logger.exception("network run %s failed", run.pk)
        NetworkRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, message=str(exc), finished_at=timezone.now()
        )
        raise
    NetworkRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE,
        results=results,
        done=total,
        total=total,
        stage=STAGE_LABELS["done"],
        finished_at=timezone.now(),
    )
    run.refresh_from_db()
    return run
