"""`gezondewijk indicators_exchange export DIR` / `import FILE --region NAME`: the national
benchmark exchange (CSV + JSON with the row schema and the indicator definitions)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gezondewijk.indicators import exchange


class Command(BaseCommand):
    help = "Export this region's suppressed indicator values, or import another region's."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("path", type=Path, help="export: a folder; import: the CSV file")
        parser.add_argument("--region", help="import: the name of the region that exported")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if options["action"] == "export":
            path.mkdir(parents=True, exist_ok=True)
            (path / "indicator-values.csv").write_text(exchange.export_csv(), encoding="utf-8")
            (path / "indicator-values.json").write_text(
                exchange.export_metadata(), encoding="utf-8"
            )
            self.stdout.write(f"exported to {path}")
            return
        if not options["region"]:
            raise CommandError("--region is required for an import")
        count = exchange.import_csv(path=path, region=options["region"])
        self.stdout.write(f"figures: {count}")
