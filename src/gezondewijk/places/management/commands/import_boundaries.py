"""`gezondewijk import-boundaries FILE`: load the boundaries of gemeenten, wijken and buurten."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gezondewijk.places.codes import Level
from gezondewijk.places.importers.boundaries import (
    BoundaryImportResult,
    ProgressCallback,
    import_boundaries_file,
)


class Command(BaseCommand):
    help = (
        "Import area boundaries from a GeoJSON FeatureCollection as CBS/PDOK publish them "
        "(features keyed by statcode; WGS84, or RD New with a crs member). A bad file changes "
        "nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="GeoJSON file (.geojson or .json)")
        parser.add_argument(
            "--level",
            choices=[level.value for level in Level],
            help="accept only features of this level (default: the level of each code)",
        )
        parser.add_argument(
            "--year", type=int, help="year of the area division; the jrstatcodes must agree"
        )
        parser.add_argument(
            "--skip-unknown",
            action="store_true",
            help="list codes that are not in the database instead of refusing the file",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # call_command(stdout=...) passes its own stream; the bar must draw on the real one.
        stream: TextIO = options.get("stdout") or sys.stdout
        with progress_bar(stream, enabled=options["verbosity"] > 0) as on_progress:
            result = import_boundaries_file(
                path=options["file"],
                level=Level(options["level"]) if options["level"] else None,
                year=options["year"],
                skip_unknown=options["skip_unknown"],
                on_progress=on_progress,
            )
        self._report(result)

    def _report(self, result: BoundaryImportResult) -> None:
        self.stdout.write(
            _("%(file)s: boundaries simplified with a tolerance of %(tolerance)s°")
            % {"file": result.file_name, "tolerance": result.simplify_tolerance}
        )
        if result.renamed:
            self.stdout.write(
                _("%(count)d area(s) named after the file") % {"count": result.renamed}
            )
        # The last lines are a fixed, parseable summary.
        self.stdout.write(f"matched: {result.matched}")
        self.stdout.write(f"unknown codes: {len(result.unknown_codes)}")
        for code in result.unknown_codes:
            self.stdout.write(f"  {code}")
        self.stdout.write(f"areas without boundary: {result.without_boundary}")


@contextmanager
def progress_bar(stream: TextIO, *, enabled: bool) -> Iterator[ProgressCallback]:
    """A rich progress bar; silent when the output is not a terminal (logs, tests)."""
    console = Console(file=stream)
    columns = (
        TextColumn("{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(
        *columns, console=console, disable=not (enabled and console.is_terminal)
    ) as progress:
        task = progress.add_task(_("boundaries"), total=None)

        def report(completed: int, total: int) -> None:
            progress.update(task, completed=completed, total=total)

        yield report
