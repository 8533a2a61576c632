"""`gezondewijk indicators_compute`: recompute every indicator value now, with a progress bar."""

from typing import Any

from django.core.management.base import BaseCommand
from rich.progress import Progress

from gezondewijk.indicators import runs
from gezondewijk.indicators.models import ComputeRun


class Command(BaseCommand):
    help = "Compute all indicators for all areas and periods and store them."

    def handle(self, *args: Any, **options: Any) -> None:
        run = ComputeRun.objects.create()
        with Progress(disable=options["verbosity"] == 0) as bar:
            task = bar.add_task("Indicatoren", total=len(runs.STAGES) - 1)

            def show(stage: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, description=stage)

            run = runs.compute_run_execute(run_id=run.pk, on_progress=show)
        self.stdout.write(f"values: {run.values}")
