"""Back up the whole database (and uploaded files) into one archive, and restore it.

`backup_create` reads every table inside one transaction (a consistent snapshot: repeatable
read on PostgreSQL, one read transaction on SQLite) and writes the archive next to its
destination before moving it into place, so a failed backup never leaves half a file.

`backup_restore` checks the archive before it touches anything (a zip, a manifest of this
format, the same tables and columns as this database, every data file present, uploaded files
readable), then in ONE transaction empties every table, loads the rows with their own keys,
checks each data file against its SHA-256 and row count, compares what the database then holds
with the digests in the manifest and rebuilds derived data (the project bank's search index).
Anything wrong rolls the whole transaction back: the database is exactly as before. Uploaded
files are put in place after the commit. See `archive` for the format.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from gezondewijk.backups import archive
from gezondewijk.backups.archive import Table
from gezondewijk.planner_statistics import refresh_planner_statistics

BATCH = 1000
PROGRESS_EVERY = 5000


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, in the user's words."""


class Stage(StrEnum):
    DUMP = "dump"
    LOAD = "load"
    VERIFY = "verify"
    MEDIA = "media"


# on_progress(stage, completed, total): lets a command draw a bar without the service knowing.
ProgressCallback = Callable[[Stage, int, int], None]


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: int
    rows: int
    media_files: int


def _no_progress(stage: Stage, completed: int, total: int) -> None:
    return None


# Backup ----------------------------------------------------------------------------------


def backup_create(*, path: Path, on_progress: ProgressCallback | None = None) -> BackupSummary:
    """Write every table of the database and every uploaded file into the archive `path`."""
    report = on_progress or _no_progress
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(_("Folder %(folder)s does not exist.") % {"folder": path.parent})
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with _snapshot():
            manifest = _write_archive(part, report)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return BackupSummary(
        path=path,
        tables=len(manifest["tables"]),
        rows=sum(t["rows"] for t in manifest["tables"]),
        media_files=len(manifest["media"]),
    )


@contextmanager
def _snapshot() -> Iterator[None]:
    """One transaction in which every table is read as of the same moment."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _write_archive(part: Path, report: ProgressCallback) -> dict[str, Any]:
    tables = archive.tables()
    counts = {t.label: t.model._base_manager.count() for t in tables}
    total, done = sum(counts.values()), 0
    entries = []
    with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for table in tables:
            sha, digest, rows = hashlib.sha256(), 0, 0
            with zf.open(table.member, "w", force_zip64=True) as out:
                chunk: list[bytes] = []
                for encoded, row_digest in archive.encoded_rows(table):
                    chunk.append(encoded + b"\n")
                    digest = (digest + row_digest) % archive.DIGEST_MODULUS
                    rows += 1
                    if len(chunk) == PROGRESS_EVERY:
                        _write_chunk(out, sha, chunk)
                        report(Stage.DUMP, done + rows, total)
                _write_chunk(out, sha, chunk)
            done += rows
            report(Stage.DUMP, done, total)
            entries.append(
                {
                    "label": table.label,
                    "columns": list(table.columns),
                    "rows": rows,
                    "sha256": sha.hexdigest(),
                    "digest": f"{digest:032x}",
                }
            )
        media = _write_media(zf)
        manifest = {
            "format": archive.FORMAT,
            "version": archive.VERSION,
            "created": timezone.now().isoformat(),
            "engine": connection.vendor,
            "django": django.get_version(),
            "migrations": sorted(MigrationRecorder(connection).applied_migrations()),
            "tables": entries,
            "media": media,
        }
        zf.writestr(archive.MANIFEST, json.dumps(manifest, indent=1))
    return manifest


def _write_chunk(out: IO[bytes], sha: Any, chunk: list[bytes]) -> None:
    data = b"".join(chunk)
    out.write(data)
    sha.update(data)
    chunk.clear()


def _write_media(zf: zipfile.ZipFile) -> list[dict[str, Any]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    files = sorted(p for p in root.rglob("*") if p.is_file())
    for file in files:
        zf.write(file, archive.MEDIA_DIR + file.relative_to(root).as_posix())
    return [{"name": f.relative_to(root).as_posix(), "size": f.stat().st_size} for f in files]


# Restore ---------------------------------------------------------------------------------


def backup_restore(*, path: Path, on_progress: ProgressCallback | None = None) -> BackupSummary:
    """Replace everything in the database (and put back the uploaded files) with the archive
    `path`; raises BackupError and changes nothing when the archive is wrong or damaged."""
    report = on_progress or _no_progress
    path = Path(path)
    zf = _open(path)
    with zf, tempfile.TemporaryDirectory(prefix="gezondewijk-restore-") as staging:
        manifest = _read_manifest(zf, path)
        plan = _plan(zf, manifest)
        media = _stage_media(zf, manifest, Path(staging), report)
        try:
            with transaction.atomic():
                _load_all(zf, plan, report)
        except IntegrityError as error:
            # Deferred foreign keys are checked at the commit.
            raise BackupError(
                _("The rows in the backup do not fit together (%(error)s); nothing was changed.")
                % {"error": str(error).strip()}
            ) from error
        ContentType.objects.clear_cache()
        refresh_planner_statistics()
        _put_media(Path(staging), media)
    return BackupSummary(
        path=path,
        tables=len(plan),
        rows=sum(entry["rows"] for _t, entry in plan),
        media_files=len(media),
    )


def _open(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise BackupError(_("%(file)s does not exist.") % {"file": path})
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(
            _("%(file)s is not a Gezonde Wijk backup: it is not a zip archive.") % {"file": path}
        ) from error


def _damaged(what: str) -> BackupError:
    return BackupError(_("The backup is damaged: %(what)s. Nothing was changed.") % {"what": what})


def _read_manifest(zf: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(zf.read(archive.MANIFEST))
    except KeyError as error:
        raise BackupError(
            _("%(file)s is not a Gezonde Wijk backup: it has no %(manifest)s.")
            % {"file": path, "manifest": archive.MANIFEST}
        ) from error
    except (ValueError, zipfile.BadZipFile, zlib.error) as error:
        raise _damaged(_("%(manifest)s cannot be read") % {"manifest": archive.MANIFEST}) from error
    if not isinstance(manifest, dict) or manifest.get("format") != archive.FORMAT:
        raise BackupError(
            _("%(file)s is not a Gezonde Wijk backup (its manifest is of another format).")
            % {"file": path}
        )
    if manifest.get("version") != archive.VERSION:
        raise BackupError(
            _("%(file)s is a backup of format version %(found)s; this version reads %(known)s.")
            % {"file": path, "found": manifest.get("version"), "known": archive.VERSION}
        )
    tables, media = manifest.get("tables"), manifest.get("media")
    well_formed = (
        isinstance(tables, list)
        and all(
            isinstance(t, dict)
            and isinstance(t.get("label"), str)
            and isinstance(t.get("columns"), list)
            and isinstance(t.get("rows"), int)
            and isinstance(t.get("sha256"), str)
            and isinstance(t.get("digest"), str)
            for t in tables
        )
        and isinstance(media, list)
        and all(isinstance(m, dict) and isinstance(m.get("name"), str) for m in media)
    )
    if not well_formed:
        raise _damaged(_("the list of tables in %(manifest)s") % {"manifest": archive.MANIFEST})
    return manifest


def _plan(zf: zipfile.ZipFile, manifest: dict[str, Any]) -> list[tuple[Table, dict[str, Any]]]:
    """Each table of this database with its entry in the archive; refuses an archive whose
    tables or columns differ from this database's (another version of the schema)."""
    current = {t.label: t for t in archive.tables()}
    entries = {t["label"]: t for t in manifest["tables"]}
    problems = []
    if only_backup := sorted(entries.keys() - current.keys()):
        problems.append(_("tables only in the backup: %(list)s") % {"list": ", ".join(only_backup)})
    if only_here := sorted(current.keys() - entries.keys()):
        problems.append(
            _("tables missing from the backup: %(list)s") % {"list": ", ".join(only_here)}
        )
    differ = sorted(
        label
        for label in current.keys() & entries.keys()
        if set(current[label].columns) != set(entries[label]["columns"])
    )
    if differ:
        problems.append(_("other columns in: %(list)s") % {"list": ", ".join(differ)})
    if problems:
        raise BackupError(
            _(
                "This backup was made with another version of the database schema (%(problems)s). "
                "Restore it into a database migrated to the same version."
            )
            % {"problems": "; ".join(problems)}
        )
    existing = set(connection.introspection.table_names())
    missing = sorted(
        t.model._meta.db_table for t in current.values() if t.model._meta.db_table not in existing
    )
    if missing:
        raise BackupError(
            _(
                "This database is not migrated yet (no table %(table)s): "
                "run `gezondewijk migrate` first."
            )
            % {"table": missing[0]}
        )
    names = set(zf.namelist())
    plan = []
    for label in sorted(current):
        table = Table(label, current[label].model, tuple(entries[label]["columns"]))
        if table.member not in names:
            raise _damaged(_("%(member)s is missing") % {"member": table.member})
        plan.append((table, entries[label]))
    return plan


def _load_all(
    zf: zipfile.ZipFile, plan: list[tuple[Table, dict[str, Any]]], report: ProgressCallback
) -> None:
    models = [table.model for table, _entry in plan]
    with connection.cursor() as cursor:
        # Every table at once: foreign keys between them are checked at the commit.
        names = [m._meta.db_table for m in models]
        for sql in connection.ops.sql_flush(no_style(), names, reset_sequences=True):
            cursor.execute(sql)
    total, done = sum(entry["rows"] for _t, entry in plan), 0
    for table, entry in plan:
        _load(zf, table, entry, partial(_report_rows, report, done, total))
        done += entry["rows"]
        report(Stage.LOAD, done, total)
    with connection.cursor() as cursor:
        # Rows came with their own keys; new rows must get keys after them.
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    for number, (table, entry) in enumerate(plan, start=1):
        rows, digest = archive.table_digest(table)
        if (rows, digest) != (entry["rows"], entry["digest"]):
            raise _damaged(
                _("after loading, %(table)s does not hold what the backup holds")
                % {"table": table.label}
            )
        report(Stage.VERIFY, number, len(plan))
    _rebuild_derived()


def _report_rows(report: ProgressCallback, done: int, total: int, rows: int) -> None:
    report(Stage.LOAD, done + rows, total)


def _load(
    zf: zipfile.ZipFile, table: Table, entry: dict[str, Any], report: Callable[[int], None]
) -> None:
    qn = connection.ops.quote_name
    columns = table.columns
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(table.model._meta.db_table),
        ", ".join(qn(field.column) for field in table.fields),
        ", ".join(["%s"] * len(columns)),
    )
    decode = archive.decoders(table)
    sha, rows, batch = hashlib.sha256(), 0, []
    try:
        with zf.open(table.member) as raw, connection.cursor() as cursor:
            for number, data in enumerate(raw, start=1):
                sha.update(data)
                batch.append(_decoded(table, decode, data, number))
                rows = number
                if len(batch) == BATCH:
                    _insert(cursor, sql, batch, table, rows)
                    if rows % PROGRESS_EVERY == 0:
                        report(rows)
            _insert(cursor, sql, batch, table, rows)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise _damaged(_("%(member)s cannot be read") % {"member": table.member}) from error
    if sha.hexdigest() != entry["sha256"] or rows != entry["rows"]:
        raise _damaged(
            _("%(member)s does not match its checksum in the manifest") % {"member": table.member}
        )


def _decoded(
    table: Table, decode: list[Callable[[Any], Any] | None], data: bytes, number: int
) -> list[Any]:
    where = {"member": table.member, "line": number}
    try:
        values = json.loads(data)
    except ValueError as error:
        raise _damaged(
            _("%(member)s line %(line)d, column %(column)d is not valid JSON")
            % {**where, "column": getattr(error, "colno", 0)}
        ) from error
    if not isinstance(values, list) or len(values) != len(decode):
        raise _damaged(
            _("%(member)s line %(line)d does not hold %(count)d values")
            % {**where, "count": len(decode)}
        )
    row = []
    for column, convert, value in zip(table.columns, decode, values, strict=True):
        try:
            row.append(value if convert is None or value is None else convert(value))
        except (ValidationError, ValueError, TypeError, ArithmeticError) as error:
            raise _damaged(
                _("%(member)s line %(line)d: %(column)s holds %(value)r")
                % {**where, "column": column, "value": value}
            ) from error
    return row


def _insert(cursor: Any, sql: str, batch: list[list[Any]], table: Table, rows: int) -> None:
    if not batch:
        return
    try:
        cursor.executemany(sql, batch)
    except IntegrityError:
        raise
    except DatabaseError as error:
        raise _damaged(
            _("%(member)s up to line %(line)d cannot be stored (%(error)s)")
            % {"member": table.member, "line": rows, "error": str(error).strip()}
        ) from error
    batch.clear()


def _rebuild_derived() -> None:
    """Tables Django does not manage are derived from rows and rebuilt, not backed up."""
    from gezondewijk.projectbank import search

    search.reindex_all()


def _stage_media(
    zf: zipfile.ZipFile, manifest: dict[str, Any], staging: Path, report: ProgressCallback
) -> list[str]:
    """Unpack the uploaded files into `staging` (reading them checks them) before the
    database changes; names that would land outside MEDIA_ROOT are refused."""
    names = [m["name"] for m in manifest["media"]]
    for number, name in enumerate(names, start=1):
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise _damaged(
                _("uploaded file %(name)s lies outside the media folder") % {"name": name}
            )
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with zf.open(archive.MEDIA_DIR + name) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        except (KeyError, zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise _damaged(_("uploaded file %(name)s cannot be read") % {"name": name}) from error
        report(Stage.MEDIA, number, len(names))
    return names


def _put_media(staging: Path, names: list[str]) -> None:
    root = Path(settings.MEDIA_ROOT)
    for name in names:
        target = root / PurePosixPath(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staging / PurePosixPath(name), target)
