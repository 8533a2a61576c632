"""One progress display for the backup and restore commands (rich bars on stderr)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from gezondewijk.backups.services import ProgressCallback, Stage


def _labels() -> dict[Stage, str]:
    return {
        Stage.DUMP: _("Writing rows"),
        Stage.LOAD: _("Loading rows"),
        Stage.VERIFY: _("Checking tables"),
        Stage.MEDIA: _("Uploaded files"),
    }


@contextmanager
def progress_bars(stream: IO[str], *, enabled: bool) -> Iterator[ProgressCallback]:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns, TimeElapsedColumn(), console=Console(file=stream), disable=not enabled
    ) as progress:
        tasks: dict[Stage, TaskID] = {}

        def on_progress(stage: Stage, completed: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(_labels()[stage], total=total)
            progress.update(tasks[stage], completed=completed, total=total)

        yield on_progress
