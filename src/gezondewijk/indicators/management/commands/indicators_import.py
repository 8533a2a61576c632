"""`gezondewijk indicators_import FILE`: import external figures (StatLine export or long CSV)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.progress import Progress

from gezondewijk.indicators.importers.external import (
    ExternalImportResult,
    import_long_file,
    import_statline_file,
)


class Command(BaseCommand):
    help = (
        "Import external figures (GGD health monitor, living environment): a CBS/RIVM "
        "StatLine TypedDataSet export or a long CSV with area_code, indicator, period, value. "
        "A bad file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format", choices=["statline", "long"], default="statline", help="file format"
        )
        parser.add_argument("--period", type=int, help="year of a StatLine export without Perioden")

    def handle(self, *args: Any, **options: Any) -> None:
        with Progress(disable=options["verbosity"] == 0) as bar:
            task = bar.add_task("Import", total=None)

            def show(stage: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, description=stage)

            result: ExternalImportResult
            if options["format"] == "long":
                result = import_long_file(path=options["file"], on_progress=show)
            else:
                result = import_statline_file(
                    path=options["file"], period=options["period"], on_progress=show
                )
        self.stdout.write(f"figures: {result.figures}")
        self.stdout.write(f"areas: {result.areas}")
        self.stdout.write(f"skipped areas: {len(result.skipped_areas)}")
