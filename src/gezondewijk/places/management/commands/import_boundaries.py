"""`gezondewijk import-boundaries FILE`: load the boundaries of gemeenten, wijken and buurten."""

import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from gezondewijk.places.codes import Level
from gezondewijk.places.importers.boundaries import BoundaryImportResult, import_boundaries_file
from gezondewijk.places.management.progress import stage_bars


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
        labels = {"boundaries": _("boundaries")}
        with stage_bars(stream, enabled=options["verbosity"] > 0, labels=labels) as report:
            result = import_boundaries_file(
                path=options["file"],
                level=Level(options["level"]) if options["level"] else None,
                year=options["year"],
                skip_unknown=options["skip_unknown"],
                on_progress=lambda done, total: report("boundaries", done, total),
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
