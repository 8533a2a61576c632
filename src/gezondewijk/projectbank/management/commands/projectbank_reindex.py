"""Rebuild the project bank's search index after a bulk load (on either database)."""

from typing import Any

from django.core.management.base import BaseCommand
from rich.progress import Progress

from gezondewijk.projectbank import search
from gezondewijk.projectbank.models import Intervention


class Command(BaseCommand):
    help = "Rebuild the full-text search index of the project bank."

    def handle(self, *args: Any, **options: Any) -> None:
        if search.is_postgres():
            # One INSERT ... SELECT inside the database: no rows pass through Python.
            search.reindex_all()
            self.stdout.write(f"Indexed {Intervention.objects.count()} interventions.")
            return
        total = Intervention.objects.count()
        search.clear_index()
        with Progress(transient=True) as progress:
            task = progress.add_task("Indexing interventions", total=total)
            batch: list[Intervention] = []
            for intervention in Intervention.objects.order_by("pk").iterator(chunk_size=1000):
                batch.append(intervention)
                if len(batch) == 1000:
                    search.index_interventions(batch)
                    progress.advance(task, len(batch))
                    batch = []
            search.index_interventions(batch)
            progress.advance(task, len(batch))
        self.stdout.write(f"Indexed {total} interventions.")
