"""Recomputing every indicator value: read, compute, store; progress saved as it goes.

The whole set is replaced in one transaction, so readers see the old values or the new ones,
never a mix.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import polars as pl
from django.db import transaction
from django.utils import timezone

from gezondewijk import events
from gezondewijk.indicators import engine, sources
from gezondewijk.indicators.models import ComputeRun, IndicatorValue, RunStatus

logger = logging.getLogger(__name__)
WRITE_CHUNK = 2_000
STAGES = ("read", "compute", "write", "done")
STAGE_LABELS = {
    "read": "bronnen lezen",
    "compute": "indicatoren berekenen",
    "write": "waarden opslaan",
    "done": "klaar",
}
Progress = Callable[[str, int, int], None]
# The domain event this module publishes (gezondewijk.events), with the run's primary key.
INDICATORS_COMPUTED = "indicators.computed"


def compute_values() -> pl.DataFrame:
    """All indicator values from the database's current figures (nothing written)."""
    return engine.compute(
        sources.definitions(),
        sources.all_figures(),
        sources.hierarchy(),
        k=sources.min_cell_size(),
    )


def compute_run_execute(*, run_id: int, on_progress: Progress | None = None) -> ComputeRun:
    """Compute and store all values; a failure is stored on the run, never half a result."""
    run = ComputeRun.objects.get(pk=run_id)
    total = len(STAGES) - 1

    def progress(stage: str, done: int) -> None:
        ComputeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.RUNNING, stage=STAGE_LABELS[stage], done=done, total=total
        )
        if on_progress is not None:
            on_progress(STAGE_LABELS[stage], done, total)

    try:
        progress("read", 0)
        definitions = sources.definitions()
        figures = sources.all_figures()
        hierarchy = sources.hierarchy()
        progress("compute", 1)
        values = engine.compute(definitions, figures, hierarchy, k=sources.min_cell_size())
        progress("write", 2)
        written = _replace_values(values)
    except Exception as exc:  # stored for the person who started it, then re-raised for the log
        logger.exception("indicator computation %s failed", run.pk)
        ComputeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, message=str(exc), finished_at=timezone.now()
        )
        raise
    with transaction.atomic():
        ComputeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE,
            stage=STAGE_LABELS["done"],
            done=total,
            total=total,
            values=written,
            finished_at=timezone.now(),
        )
        events.publish(events.DomainEvent(INDICATORS_COMPUTED, run.pk))
    if on_progress is not None:
        on_progress(STAGE_LABELS["done"], total, total)
    run.refresh_from_db()
    return run


def _replace_values(values: pl.DataFrame) -> int:
    columns = [
        "indicator_id",
        "area_code",
        "level",
        "parent_code",
        "period",
        "value",
        "numerator",
        "denominator",
        "n",
        "ci_low",
        "ci_high",
        "suppressed",
        "basis",
        "parts_gap",
        "bloom",
    ]
    frame = values.select(columns)
    with transaction.atomic():
        IndicatorValue.objects.all().delete()
        for chunk in frame.iter_slices(WRITE_CHUNK):
            IndicatorValue.objects.bulk_create(
                [IndicatorValue(**row) for row in chunk.iter_rows(named=True)]
            )
    return frame.height
