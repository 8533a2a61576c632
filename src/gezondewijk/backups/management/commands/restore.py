"""`gezondewijk restore FILE`: replace the database's contents with a backup."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gezondewijk.backups.progress import progress_bars
from gezondewijk.backups.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Replace every row of the database with the rows of a backup made by `gezondewijk "
        "backup`, and put its uploaded files back. A wrong or damaged file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="an archive written by `gezondewijk backup`")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(
        self, *args: Any, file: Path, interactive: bool, verbosity: int, **options: Any
    ) -> None:
        if interactive:
            answer = input(
                _(
                    "Every row in the database will be replaced by the contents of %(file)s. "
                    "Type 'yes' to continue: "
                )
                % {"file": file}
            )
            if answer.strip().lower() not in {"yes", "ja"}:
                raise CommandError(_("Restore cancelled; nothing was changed."))
        try:
            with progress_bars(sys.stderr, enabled=verbosity > 0) as on_progress:
                summary = backup_restore(path=file, on_progress=on_progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"tables: {summary.tables}")
        self.stdout.write(f"rows: {summary.rows}")
        self.stdout.write(f"media_files: {summary.media_files}")
