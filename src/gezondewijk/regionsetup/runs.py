"""Running one import: the uploaded file goes to the importer the commands use, its progress
is saved on the run as it goes, and the outcome is the importer's own report or refusal.

The importers check the whole file before they write, inside one transaction: a refused
file changes nothing, and its message (file, line or feature, column or reason) is stored
for the person who uploaded it.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone, translation

from gezondewijk.places.codes import Level
from gezondewijk.places.importers.boundaries import import_boundaries_file
from gezondewijk.places.importers.cbs import import_cbs_file
from gezondewijk.places.importers.cbs_report import report_lines
from gezondewijk.regionsetup.models import ImportKind, ImportRun, ImportStatus

logger = logging.getLogger(__name__)
# Progress is written at most this often (and at every change of stage).
PROGRESS_INTERVAL_S = 0.5
Progress = Callable[[str, int, int], None]


def _key_figures(path: Path, options: dict[str, Any], progress: Progress) -> dict[str, Any]:
    result = import_cbs_file(
        path=path,
        year=options.get("year"),
        gemeenten=options.get("gemeenten") or (),
        region_name=options.get("region_name"),
        on_progress=lambda stage, done, total: progress(str(stage), done, total),
    )
    return {
        "year": result.year,
        "counts": {level.value: n for level, n in result.imported.items()},
        # What the command prints besides the counts: source, historic areas, kept columns
        # and each figure not taken, with the reason.
        "lines": report_lines(path.name, result)[1:],
        "region_assigned": result.region_assigned if result.region is not None else None,
    }


def _boundaries(path: Path, options: dict[str, Any], progress: Progress) -> dict[str, Any]:
    level = options.get("level")
    result = import_boundaries_file(
        path=path,
        level=Level(level) if level else None,
        year=options.get("year"),
        skip_unknown=bool(options.get("skip_unknown")),
        on_progress=lambda done, total: progress("check" if not done else "write", done, total),
    )
    return {
        "year": result.year,
        "matched": result.matched,
        "matched_by_level": {lvl.value: n for lvl, n in result.matched_by_level.items()},
        "unknown": result.unknown_codes,
        "without_boundary": result.without_boundary,
        "renamed": result.renamed,
        "tolerance": result.simplify_tolerance,
    }


def import_run_execute(*, run_id: int, on_progress: Progress | None = None) -> ImportRun:
    """Import the run's file; a refused file is stored on the run as FAILED with the
    importer's message. An unexpected error is stored too, then raised for the log."""
    run = ImportRun.objects.get(pk=run_id)
    last_stage, last_at = [""], [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == last_stage[0] and done < total and now - last_at[0] < PROGRESS_INTERVAL_S:
            return
        last_stage[0], last_at[0] = stage, now
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportStatus.RUNNING, stage=stage, done=done, total=max(total, 1)
        )
        if on_progress is not None:
            on_progress(stage, done, total)

    with translation.override(run.language), tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / run.file_name
        path.write_bytes(bytes(run.content))
        progress("read", 0, 1)
        try:
            importer = _key_figures if run.kind == ImportKind.KEY_FIGURES else _boundaries
            report = importer(path, run.options, progress)
        except CommandError as refusal:  # the importers' "this file cannot be imported"
            _finish(run, status=ImportStatus.FAILED, message=str(refusal))
        except Exception as exc:
            logger.exception("import %s failed", run.pk)
            _finish(run, status=ImportStatus.FAILED, message=str(exc) or type(exc).__name__)
            raise
        else:
            _finish(run, status=ImportStatus.DONE, report=report)
    run.refresh_from_db()
    return run


def _finish(
    run: ImportRun, *, status: str, report: dict[str, Any] | None = None, message: str = ""
) -> None:
    changes: dict[str, Any] = {
        "status": status,
        "message": message,
        "finished_at": timezone.now(),
        # The file has done its work: the row keeps its name and its outcome, not its bytes.
        "content": b"",
    }
    if report is not None:
        changes |= {"report": report, "stage": "done", "done": 1, "total": 1}
    ImportRun.objects.filter(pk=run.pk).update(**changes)
