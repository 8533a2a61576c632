"""Import of CBS "Kerncijfers wijken en buurten": gemeenten, wijken and buurten with figures.

Any form CBS publishes them in (cbs_forms) is read and checked as a whole (vectorised, in
Polars) before anything is written, so a bad file changes nothing. Writing happens inside one
transaction: the figures go into the history (KeyFigureSet, one row per area, year and source;
a re-import updates its own rows, so it is idempotent), then each area is upserted with its
name, parent, area-division year and its current figures (key_figure_history's merge rule).

Year rule: every year is kept. An older year fills that year and leaves the newer figures
shown; a file of the same year from another release fills what it gives and never blanks what
another source gave: each figure of the file that is not the one now shown is reported, with
the reason (`ImportResult.not_taken`).
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import polars as pl
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gezondewijk.places import key_figure_history as history
from gezondewijk.places.codes import PATTERNS, Level
from gezondewijk.places.importers.cbs_forms import KeyFigureTable, read_key_figures
from gezondewijk.places.importers.cbs_rows import (
    MODELS,
    PARENT,
    CbsImportError,
    check_parents_exist,
    validated_rows,
)
from gezondewijk.places.importers.tables import LINE, Table
from gezondewijk.places.models import (
    KEY_FIGURE_FIELDS,
    Area,
    Gemeente,
    KeyFigureSet,
    Region,
    Wijk,
)

# Rows per bulk upsert: small enough for steady progress, large enough to stay fast.
WRITE_CHUNK = 1_000
YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
FIRST_YEAR, LAST_YEAR = 1990, 2100
OTHER = "__other__"
AreaT = TypeVar("AreaT", bound=Area)


class Stage(StrEnum):
    READ = "read"
    VALIDATE = "validate"
    WRITE = "write"


# on_progress(stage, completed, total): lets a command draw a bar without the engine knowing.
ProgressCallback = Callable[[Stage, int, int], None]


@dataclass(frozen=True)
class NotTaken:
    """A figure of the file that is not the one the platform shows for its area and year."""

    code: str
    figure: str  # KeyFigures field name
    value: float | None  # as the file gives it (None: empty in the file)
    shown: float  # the value shown instead
    shown_source: str


@dataclass
class ImportResult:
    year: int
    source: str = ""
    form: str = ""
    imported: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(Level, 0))
    not_taken: list[NotTaken] = field(default_factory=list)
    unmapped_columns: list[str] = field(default_factory=list)  # kept with the figures
    historic: int = 0  # areas the file's newer area division no longer holds
    region: Region | None = None
    region_assigned: int = 0


def import_cbs_file(
    *,
    path: Path,
    year: int | None = None,
    gemeenten: Iterable[str] = (),
    region_name: str | None = None,
    source: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> ImportResult:
    """Read, check and write one CBS key-figures file in any form CBS publishes; raises
    CbsImportError and writes nothing if anything in it is wrong. `source` names where the
    figures came from (default: the CBS table id in the file name, or the file name)."""
    report = on_progress or _no_progress
    selection = _gemeente_selection(gemeenten)
    region_slug = _region_slug(region_name)
    report(Stage.READ, 0, 1)
    figures = read_key_figures(path, source=source)
    report(Stage.READ, 1, 1)
    year = figures_year(path, year, hint=figures.year_hint)
    table = figures.table
    rows = validated_rows(table, on_step=lambda done, total: report(Stage.VALIDATE, done, total))
    rows = _with_other_columns(rows, figures)
    rows = _select(rows, selection, table)
    with transaction.atomic():
        check_parents_exist(table, rows)
        result = _write(rows, year, figures, report)
        if region_name and region_slug:
            result.region, result.region_assigned = _assign_region(rows, region_name, region_slug)
    return result


def _no_progress(stage: Stage, completed: int, total: int) -> None:
    return None


def figures_year(path: Path, year: int | None, *, hint: int | None = None) -> int:
    """--year if given, else the one 20xx number in the file name, else the year of the CBS
    table the file names."""
    if year is None:
        found = set(YEAR_IN_NAME.findall(path.name))
        if len(found) == 1:
            year = int(found.pop())
        elif hint is not None and not found:
            year = hint
        else:
            raise CbsImportError(
                _(
                    "%(file)s: cannot tell the year of the figures from the file name; "
                    "give it with --year"
                )
                % {"file": path.name}
            )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CbsImportError(
            _("year %(year)d is not between %(first)d and %(last)d")
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def _with_other_columns(rows: pl.DataFrame, figures: KeyFigureTable) -> pl.DataFrame:
    """Each row's columns without a field, as JSON text, so nothing in the file is lost."""
    if not figures.unmapped:
        return rows.with_columns(pl.lit("{}").alias(OTHER))
    headers = figures.table.headers
    other = figures.table.frame.select(
        LINE,
        pl.struct([pl.col(c).alias(headers.get(c, c)) for c in figures.unmapped])
        .struct.json_encode()
        .alias(OTHER),
    )
    return rows.join(other, on=LINE, how="left")


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


def _write(
    rows: pl.DataFrame, year: int, figures: KeyFigureTable, report: ProgressCallback
) -> ImportResult:
    result = ImportResult(
        year=year, source=figures.source, form=figures.form, unmapped_columns=figures.unmapped
    )
    # Two passes over the rows: the history, then the areas.
    total = rows.height * 2
    report(Stage.WRITE, 0, total)
    _store_history(rows, year, figures.source, lambda done: report(Stage.WRITE, done, total))
    codes = rows["code"].to_list()
    long = history.figures_long(codes)
    result.not_taken = _not_taken(long, year, figures.source)
    current = history.current_figures(long)
    done = rows.height
    for level, model in MODELS.items():
        level_rows = rows.filter(pl.col("level") == level.value)
        if level_rows.is_empty():
            continue
        frame = _area_rows(level, level_rows, current, year, figures.names_known)
        update_fields = [
            "name",
            "figures_year",
            "division_year",
            "historic_since",
            *KEY_FIGURE_FIELDS,
        ]
        if level in PARENT:
            frame = _with_parent_ids(level, frame)
            update_fields.append(PARENT[level][1])
        columns = ["code", *update_fields[:4], *KEY_FIGURE_FIELDS]
        if level in PARENT:
            columns.append(f"{PARENT[level][1]}_id")
        for chunk in frame.select(columns).iter_slices(WRITE_CHUNK):
            _upsert(model, chunk.iter_rows(named=True), update_fields)
            done += chunk.height
            report(Stage.WRITE, done, total)
        result.imported[level] = frame.height
        result.historic += _mark_historic(level, level_rows, year)
    return result


def _store_history(
    rows: pl.DataFrame, year: int, source: str, progress: Callable[[int], None]
) -> None:
    """One KeyFigureSet per area of the file; a re-import updates its own rows in place and
    keeps their first import time, which orders the sources in the merge."""
    now = timezone.now()
    frame = rows.select(pl.col("code").alias("area_code"), "level", OTHER, *KEY_FIGURE_FIELDS)
    done = 0
    for chunk in frame.iter_slices(WRITE_CHUNK):
        KeyFigureSet.objects.bulk_create(
            [
                KeyFigureSet(
                    **{k: v for k, v in row.items() if k != OTHER},
                    other=json.loads(row[OTHER] or "{}"),
                    year=year,
                    source=source,
                    imported_at=now,
                )
                for row in chunk.iter_rows(named=True)
            ],
            update_conflicts=True,
            unique_fields=["area_code", "year", "source"],
            update_fields=["level", "other", *KEY_FIGURE_FIELDS],
        )
        done += chunk.height
        progress(done)


def _not_taken(long: pl.DataFrame, year: int, source: str) -> list[NotTaken]:
    """The file's figures that differ from the merged value now shown for its year: empty in
    the file while another source gives one, or given by a source imported later."""
    of_year = long.filter(pl.col("year") == year)
    mine = of_year.filter(pl.col("source") == source).select("area_code", "figure", "value")
    shown = history.merged(of_year).rename({"value": "shown", "source": "shown_source"})
    differs = mine.join(shown, on=["area_code", "figure"], how="inner").filter(
        pl.col("value").is_null() | (pl.col("shown_source") != source)
    )
    differs = differs.filter(pl.col("value").is_null() | (pl.col("value") != pl.col("shown")))
    return [
        NotTaken(r["area_code"], r["figure"], r["value"], r["shown"], r["shown_source"])
        for r in differs.sort("area_code", "figure").iter_rows(named=True)
    ]


def _area_rows(
    level: Level, rows: pl.DataFrame, current: pl.DataFrame, year: int, names_known: bool
) -> pl.DataFrame:
    """The area rows to upsert: name (kept where the file gives codes only or an older
    division than the stored one), division year (the newest), historic mark (cleared when
    this file is the newest division holding the area) and the current figures."""
    stored = _stored_areas(level, rows)
    frame = rows.select("code", "name", "parent_code", "gemeente_code").join(
        stored.drop("gemeente_code"), on="code", how="left"
    )
    division = pl.col("stored_division").fill_null(0)
    unnamed = pl.col("stored_name").is_null() | (pl.col("stored_name") == pl.col("code"))
    take_name = unnamed if not names_known else unnamed | (division <= year)
    name = pl.when(take_name).then(pl.col("name")).otherwise(pl.col("stored_name"))
    if not names_known:
        name = pl.coalesce(pl.col("stored_name"), pl.col("code"))
    frame = frame.with_columns(
        name.alias("name"),
        pl.max_horizontal(division, pl.lit(year)).alias("division_year"),
        pl.when(pl.col("stored_historic") > year)
        .then(pl.col("stored_historic"))
        .otherwise(None)
        .alias("historic_since"),
    )
    figures = current.rename({"area_code": "code"})
    return frame.join(figures, on="code", how="left")


# How an area of each level reaches the code of its gemeente.
GEMEENTE_OF = {
    Level.GEMEENTE: "code",
    Level.WIJK: "gemeente__code",
    Level.BUURT: "wijk__gemeente__code",
}


def _stored_areas(level: Level, rows: pl.DataFrame) -> pl.DataFrame:
    """code, gemeente_code, stored_name, stored_division, stored_historic of the stored
    areas of this level in the file's gemeenten (one query, a few hundred codes at most)."""
    path = GEMEENTE_OF[level]
    gemeente_codes = rows["gemeente_code"].unique().to_list()
    queryset = MODELS[level].objects.filter(**{f"{path}__in": gemeente_codes})
    return pl.DataFrame(
        list(queryset.values_list("code", path, "name", "division_year", "historic_since")),
        schema={
            "code": pl.String,
            "gemeente_code": pl.String,
            "stored_name": pl.String,
            "stored_division": pl.Int64,
            "stored_historic": pl.Int64,
        },
        orient="row",
    )


def _mark_historic(level: Level, rows: pl.DataFrame, year: int) -> int:
    """Areas are kept, never deleted, when CBS renumbers: figures of earlier years and what
    residents tied to them still refer to them. An area of this level in the file's gemeenten
    that the newest division of its gemeente does not hold is marked historic since the
    first division without it; the file itself may be the newer one or an older one."""
    if level is Level.GEMEENTE:
        return 0  # a national file may hold a few gemeenten only: absence says nothing
    model = MODELS[level]
    # Read after this file's areas were written, so their new division years count.
    divisions = _stored_areas(level, rows).rename(
        {"stored_division": "division", "stored_historic": "historic"}
    )
    # The divisions of each gemeente, and for each area the first one after its own.
    years = divisions.select("gemeente_code", "division").unique().drop_nulls()
    later = (
        divisions.filter(pl.col("historic").is_null())
        .join(years, on="gemeente_code", suffix="_later")
        .filter(pl.col("division_later") > pl.col("division"))
        .group_by("code")
        .agg(pl.col("division_later").min().alias("since"))
    )
    marked = 0
    for since, group in later.group_by("since"):
        for part in history.chunks(group["code"].to_list()):
            marked += model.objects.filter(code__in=part).update(historic_since=since[0])
    return marked


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
