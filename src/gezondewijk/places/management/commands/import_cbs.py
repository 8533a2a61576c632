"""`gezondewijk import-cbs FILE`: load CBS key figures of gemeenten, wijken and buurten."""

import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gezondewijk.places.codes import Level
from gezondewijk.places.importers.cbs import ImportResult, Stage, import_cbs_file
from gezondewijk.places.importers.cbs_odata import fetch_table
from gezondewijk.places.importers.cbs_report import report_lines
from gezondewijk.places.management.progress import stage_bars


class Command(BaseCommand):
    help = (
        "Import CBS 'Kerncijfers wijken en buurten' (CSV or XLSX): gemeenten, wijken and "
        "buurten with their key figures. A bad file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            type=Path,
            nargs="?",
            help="CBS key-figures file: kwb CSV/XLSX, StatLine/OData CSV or JSON, StatLine export",
        )
        parser.add_argument(
            "--odata",
            metavar="TABLE",
            help="fetch the table (e.g. 85984NED) for the --gemeente codes from CBS's OData API",
        )
        parser.add_argument(
            "--gemeente",
            action="append",
            default=[],
            metavar="GMxxxx",
            help="import only this gemeente and its wijken and buurten (repeatable)",
        )
        parser.add_argument(
            "--year", type=int, help="year of the figures (default: the 20xx in the file name)"
        )
        parser.add_argument(
            "--source",
            help="where the figures come from (default: the CBS table id in the file name, "
            "or the file name)",
        )
        parser.add_argument(
            "--region",
            metavar="NAME",
            help="put imported gemeenten without a region into this region (created if new)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # call_command(stdout=...) passes its own stream; the bar must draw on the real one.
        stream: TextIO = options.get("stdout") or sys.stdout
        if (options["file"] is None) == (options["odata"] is None):
            raise CommandError(_("give a FILE or --odata TABLE (one of the two)"))
        with tempfile.TemporaryDirectory() as scratch:
            path = options["file"]
            if options["odata"]:
                path = fetch_table(
                    table_id=options["odata"],
                    gemeenten=options["gemeente"],
                    directory=Path(scratch),
                )
            self._import(path, stream, options)

    def _import(self, path: Path, stream: TextIO, options: dict[str, Any]) -> None:
        labels = {
            Stage.READ: _("reading"),
            Stage.VALIDATE: _("checking"),
            Stage.WRITE: _("writing"),
        }
        with stage_bars(stream, enabled=options["verbosity"] > 0, labels=labels) as on_progress:
            result = import_cbs_file(
                path=path,
                year=options["year"],
                gemeenten=options["gemeente"],
                region_name=options["region"],
                source=options["source"],
                on_progress=on_progress,
            )
        self._report(path, result)

    def _report(self, path: Path, result: ImportResult) -> None:
        for line in report_lines(path.name, result):
            self.stdout.write(line)
        # The last lines are a fixed, parseable summary: one per level.
        for level in Level:
            self.stdout.write(f"{level.value}: {result.imported[level]}")
