"""`gezondewijk backup FILE`: the whole database and the uploaded files in one archive."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gezondewijk.backups.progress import progress_bars
from gezondewijk.backups.services import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write every table of the database and every uploaded file into one archive (a zip "
        "with a manifest), to be read back by `gezondewijk restore`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the archive to write, e.g. backup.zip")
        parser.add_argument(
            "--force", action="store_true", help="overwrite FILE when it already exists"
        )

    def handle(self, *args: Any, file: Path, force: bool, verbosity: int, **options: Any) -> None:
        if file.exists() and not force:
            raise CommandError(
                _("%(file)s already exists; pass --force to overwrite it.") % {"file": file}
            )
        try:
            with progress_bars(sys.stderr, enabled=verbosity > 0) as on_progress:
                summary = backup_create(path=file, on_progress=on_progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"file: {summary.path}")
        self.stdout.write(f"bytes: {summary.path.stat().st_size}")
        self.stdout.write(f"tables: {summary.tables}")
        self.stdout.write(f"rows: {summary.rows}")
        self.stdout.write(f"media_files: {summary.media_files}")
