"""`gezondewijk network-refresh [--region SLUG]`: analyse the network now, with a progress bar."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rich.progress import Progress, TaskID

from gezondewijk.network import runs
from gezondewijk.network.models import NetworkRun
from gezondewijk.places.models import Region


class Command(BaseCommand):
    help = "Compute communities, connectors, reach and isolation for a region (or all)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--region", help="slug of the region (default: every region)")

    def handle(self, *args: Any, **options: Any) -> None:
        regions = Region.objects.all()
        if options["region"]:
            regions = regions.filter(slug=options["region"])
            if not regions.exists():
                raise CommandError(f"No region with slug {options['region']!r}.")
        for region in regions:
            run = NetworkRun.objects.create(region=region)
            with Progress(disable=options["verbosity"] == 0) as bar:
                task = bar.add_task(f"Netwerk {region.name}", total=None)

                def show(stage: str, done: int, total: int, task: TaskID = task) -> None:
                    bar.update(task, completed=done, total=total, description=stage)

                run = runs.network_run_execute(run_id=run.pk, on_progress=show)
            summary = run.results["summary"]
            for key in ("residents", "mutual_ties", "communities"):
                self.stdout.write(f"{key}: {summary[key]}")
