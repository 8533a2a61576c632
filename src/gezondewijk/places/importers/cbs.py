"""Import of CBS "Kerncijfers wijken en buurten": gemeenten, wijken and buurten with figures.

The file is read and checked as a whole (vectorised, in Polars) before anything is written, so
a bad file changes nothing. Writing is one bulk upsert per level inside one transaction.

Year rule: a file's figures are a complete release for its year. A file of the same or a newer
year replaces the whole figure set of each area in it, so a figure the newer release leaves
out (CBS ".") becomes empty rather than keeping an older year's value; mixing years per figure
would make an area's figures inconsistent. A file OLDER than the figures stored for an area
leaves that area untouched (name and figures); such areas are counted as skipped.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import polars as pl
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gezondewijk.places.codes import PATTERNS, Level
from gezondewijk.places.importers.cbs_rows import (
    MODELS,
    PARENT,
    CbsImportError,
    check_parents_exist,
    validated_rows,
)
from gezondewijk.places.importers.tables import Table, TableError, read_table
from gezondewijk.places.models import KEY_FIGURE_FIELDS, Area, Gemeente, Region, Wijk

# Rows per bulk upsert: small enough for steady progress, large enough to stay fast.
WRITE_CHUNK = 1_000
YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
FIRST_YEAR, LAST_YEAR = 1990, 2100
AreaT = TypeVar("AreaT", bound=Area)


class Stage(StrEnum):
    READ = "read"
    VALIDATE = "validate"
    WRITE = "write"


# on_progress(stage, completed, total): lets a command draw a bar without the engine knowing.
ProgressCallback = Callable[[Stage, int, int], None]


@dataclass
class ImportResult:
    year: int
    imported: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(Level, 0))
    # Areas left alone because the database holds figures of a newer year for them.
    skipped: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(Level, 0))
    region: Region | None = None
    region_assigned: int = 0


def import_cbs_file(
    *,
    path: Path,
    year: int | None = None,
    gemeenten: Iterable[str] = (),
    region_name: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> ImportResult:
    """Read, check and write one CBS key-figures file; raises CbsImportError and writes
    nothing if anything in it is wrong."""
    report = on_progress or _no_progress
    selection = _gemeente_selection(gemeenten)
    region_slug = _region_slug(region_name)
    try:
        table = read_table(path, on_progress=lambda done, total: report(Stage.READ, done, total))
    except TableError as error:
        raise CbsImportError(str(error)) from error
    year = figures_year(path, year)
    rows = validated_rows(table, on_step=lambda done, total: report(Stage.VALIDATE, done, total))
    rows = _select(rows, selection, table)
    with transaction.atomic():
        check_parents_exist(table, rows)
        result = _write(rows, year, report)
        if region_name and region_slug:
            result.region, result.region_assigned = _assign_region(rows, region_name, region_slug)
    return result


def _no_progress(stage: Stage, completed: int, total: int) -> None:
    return None


def figures_year(path: Path, year: int | None) -> int:
    """--year if given, else the one 20xx number in the file name."""
    if year is None:
        found = set(YEAR_IN_NAME.findall(path.name))
        if len(found) != 1:
            raise CbsImportError(
                _(
                    "%(file)s: cannot tell the year of the figures from the file name; "
                    "give it with --year"
                )
                % {"file": path.name}
            )
        year = int(found.pop())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CbsImportError(
            _("year %(year)d is not between %(first)d and %(last)d")
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def _gemeente_selection(gemeenten: Iterable[str]) -> list[str]:
    selection = sorted({code.strip().upper() for code in gemeenten})
    for code in selection:
        if not PATTERNS[Level.GEMEENTE].match(code):
            raise CbsImportError(
                _("--gemeente %(code)s is not a gemeente code (expected e.g. GM0344)")
                % {"code": code}
            )
    return selection


def _region_slug(region_name: str | None) -> str | None:
    if region_name is None:
        return None
    slug = slugify(region_name.strip())[:60]
    if not slug:
        raise CbsImportError(
            _("--region %(name)r needs letters or digits in its name") % {"name": region_name}
        )
    return slug


def _select(rows: pl.DataFrame, selection: list[str], table: Table) -> pl.DataFrame:
    """Keep only the chosen gemeenten and their wijken and buurten."""
    if not selection:
        return rows
    chosen = rows.filter(pl.col("gemeente_code").is_in(selection))
    absent = sorted(set(selection) - set(chosen["gemeente_code"].unique().to_list()))
    if absent:
        raise CbsImportError(
            _("%(file)s: gemeente %(codes)s does not occur in the file")
            % {"file": table.file_name, "codes": ", ".join(absent)}
        )
    return chosen


def _write(rows: pl.DataFrame, year: int, report: ProgressCallback) -> ImportResult:
    result = ImportResult(year=year)
    todo: dict[Level, pl.DataFrame] = {}
    for level, model in MODELS.items():
        level_rows = rows.filter(pl.col("level") == level.value)
        # Only areas with figures of a newer year come back, so no long IN list is needed.
        newer = list(model.objects.filter(figures_year__gt=year).values_list("code", flat=True))
        keep = ~pl.col("code").is_in(newer)
        todo[level] = level_rows.filter(keep)
        result.skipped[level] = level_rows.height - todo[level].height
    total = sum(frame.height for frame in todo.values())
    done = 0
    report(Stage.WRITE, done, total)
    for level, frame in todo.items():
        model = MODELS[level]
        columns = ["code", "name", *KEY_FIGURE_FIELDS]
        update_fields = ["name", "figures_year", *KEY_FIGURE_FIELDS]
        if level in PARENT:
            frame = _with_parent_ids(level, frame)
            columns.append(f"{PARENT[level][1]}_id")
            update_fields.append(PARENT[level][1])
        frame = frame.select(columns).with_columns(figures_year=pl.lit(year))
        for chunk in frame.iter_slices(WRITE_CHUNK):
            _upsert(model, chunk.iter_rows(named=True), update_fields)
            done += chunk.height
            report(Stage.WRITE, done, total)
        result.imported[level] = frame.height
    return result


def _upsert(model: type[AreaT], rows: Iterable[dict[str, Any]], update_fields: list[str]) -> None:
    # Insert new codes, update existing ones in place: ids (and what points at them) survive.
    model._default_manager.bulk_create(
        [model(**row) for row in rows],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=update_fields,
    )


def _with_parent_ids(level: Level, frame: pl.DataFrame) -> pl.DataFrame:
    """Resolve parent codes to ids with one query, now that the level above is written."""
    parent_field = PARENT[level][1]
    # Filter on the gemeente: at most a few hundred values, whatever the level.
    gemeente_codes = frame["gemeente_code"].unique().to_list()
    if level is Level.WIJK:
        parents = list(Gemeente.objects.filter(code__in=gemeente_codes).values_list("code", "id"))
    else:
        wijken = Wijk.objects.filter(gemeente__code__in=gemeente_codes)
        parents = list(wijken.values_list("code", "id"))
    ids = pl.DataFrame(
        parents,
        schema={"parent_code": pl.String, f"{parent_field}_id": pl.Int64},
        orient="row",
    )
    return frame.join(ids, on="parent_code", how="left")


def _assign_region(rows: pl.DataFrame, name: str, slug: str) -> tuple[Region, int]:
    region = Region.objects.filter(name=name.strip()).first()
    if region is None:
        region, _created = Region.objects.get_or_create(slug=slug, defaults={"name": name.strip()})
    codes = rows.filter(pl.col("level") == Level.GEMEENTE.value)["code"].to_list()
    assigned = Gemeente.objects.filter(code__in=codes, region__isnull=True).update(region=region)
    return region, assigned
