"""Import of external figures: GGD health monitor and living environment, per area.

Two formats:

- a CBS/RIVM StatLine "TypedDataSet" export (`;`-separated, UTF-8 with BOM, region codes padded
  with spaces in `RegioS`): every column named by an active external indicator's numerator is
  imported; only the totals (`Persoonskenmerken` T009002, `Marges` MW00000) are kept;
- a long CSV with the columns area_code, indicator, period, value.

The same rules as the CBS import: the file is read and checked as a whole (vectorised) before
anything is written, errors name file, line and column, nothing changes on failure, and a
re-import of the same file updates the same rows (idempotent). Areas the platform does not know
(the Netherlands, GGD regions, gemeenten outside the region) are counted and skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from gezondewijk.indicators.models import Figure, Indicator
from gezondewijk.indicators.sources import EXTERNAL
from gezondewijk.places.importers.tables import LINE, Table, TableError, read_table
from gezondewijk.places.models import Buurt, Gemeente, Wijk

AREA_CODE = r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$"
NUMBER = r"^-?\d+([.,]\d+)?$"
MISSING = ("", ".", "x", "X")
TOTAL_PERSONS, VALUE_MARGIN = "T009002", "MW00000"
LONG_COLUMNS = ("area_code", "indicator", "period", "value")
FIRST_YEAR, LAST_YEAR = 1990, 2100
WRITE_CHUNK = 2_000
MAX_SHOWN = 20
Progress = Callable[[str, int, int], None]


class ExternalImportError(CommandError):
    """The file cannot be imported; the message says where and why. Nothing was written."""


@dataclass
class ExternalImportResult:
    figures: int  # rows written (new or updated)
    areas: int
    skipped_areas: list[str]  # codes in the file the platform does not know
    columns: list[str]  # the indicators' figures that were imported


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def _read(path: Path) -> Table:
    try:
        return read_table(path)
    except TableError as error:
        raise ExternalImportError(str(error)) from error


def _fail(table: Table, bad: pl.DataFrame, column: str, reason: str) -> None:
    """Raise with one line per bad record (at most MAX_SHOWN), naming line and column."""
    if bad.is_empty():
        return
    lines = [
        f"{table.where(row[LINE], column)}: {reason} ({row['__raw__']!r})"
        for row in bad.head(MAX_SHOWN).iter_rows(named=True)
    ]
    if bad.height > MAX_SHOWN:
        lines.append(_("… and %(n)d more") % {"n": bad.height - MAX_SHOWN})
    raise ExternalImportError("\n".join(lines))


def _numbers(table: Table, frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """`column` as Float64 (null for CBS's missing markers); raises on anything else."""
    raw = pl.col(column).fill_null("").str.strip_chars()
    frame = frame.with_columns(raw.alias("__raw__"))
    missing = pl.col("__raw__").is_in(MISSING)
    bad = frame.filter(~missing & ~pl.col("__raw__").str.contains(NUMBER))
    _fail(table, bad, column, _("not a number"))
    return frame.with_columns(
        pl.when(missing)
        .then(None)
        .otherwise(pl.col("__raw__").str.replace(",", ".").cast(pl.Float64, strict=False))
        .alias(column)
    ).drop("__raw__")


def _known_areas(codes: list[str]) -> set[str]:
    known: set[str] = set()
    for model in (Gemeente, Wijk, Buurt):
        known |= set(model.objects.filter(code__in=codes).values_list("code", flat=True))
    return known


def _write(long: pl.DataFrame, report: Progress) -> ExternalImportResult:
    """long: area_code, figure, period, value. Unknown areas are skipped, the rest upserted."""
    codes = long["area_code"].unique().to_list()
    known = _known_areas(codes)
    skipped = sorted(set(codes) - known)
    rows = long.filter(pl.col("area_code").is_in(list(known))).drop_nulls("value")
    rows = rows.with_columns(
        pl.col("area_code")
        .str.slice(0, 2)
        .replace({"GM": "gemeente", "WK": "wijk", "BU": "buurt"})
        .alias("level"),
        pl.lit(EXTERNAL).alias("source"),
    )
    done = 0
    report("write", done, rows.height)
    with transaction.atomic():
        for chunk in rows.iter_slices(WRITE_CHUNK):
            Figure.objects.bulk_create(
                [Figure(**row) for row in chunk.iter_rows(named=True)],
                update_conflicts=True,
                unique_fields=["source", "figure", "area_code", "period"],
                update_fields=["value", "level"],
            )
            done += chunk.height
            report("write", done, rows.height)
    return ExternalImportResult(
        figures=rows.height,
        areas=rows["area_code"].n_unique(),
        skipped_areas=skipped,
        columns=sorted(rows["figure"].unique().to_list()),
    )


def _check_period(period: int) -> None:
    if not FIRST_YEAR <= period <= LAST_YEAR:
        raise ExternalImportError(
            _("period %(period)d is not between %(first)d and %(last)d")
            % {"period": period, "first": FIRST_YEAR, "last": LAST_YEAR}
        )


def import_statline_file(
    *, path: Path, period: int | None = None, on_progress: Progress | None = None
) -> ExternalImportResult:
    """Import a StatLine TypedDataSet export; raises ExternalImportError, writing nothing,
    if anything in it is wrong."""
    report = on_progress or _no_progress
    report("read", 0, 1)
    table = _read(path)
    frame = table.frame
    report("validate", 0, 1)
    if "regios" not in frame.columns:
        raise ExternalImportError(
            _("%(file)s: column RegioS is missing; is this a StatLine TypedDataSet export?")
            % {"file": table.file_name}
        )
    wanted = {
        n.lower(): n
        for n in Indicator.objects.filter(source=EXTERNAL, active=True).values_list(
            "numerator", flat=True
        )
    }
    columns = [c for c in frame.columns if c in wanted]
    if not columns:
        raise ExternalImportError(
            _(
                "%(file)s: no column matches an external indicator's figure "
                "(e.g. GoedErvarenGezondheid_6); define the indicator first"
            )
            % {"file": table.file_name}
        )
    if "persoonskenmerken" in frame.columns:
        frame = frame.filter(pl.col("persoonskenmerken").str.strip_chars() == TOTAL_PERSONS)
    if "marges" in frame.columns:
        frame = frame.filter(pl.col("marges").str.strip_chars() == VALUE_MARGIN)
    frame = frame.with_columns(pl.col("regios").str.strip_chars().alias("area_code"))
    frame = _with_period(table, frame, period)
    for column in columns:
        frame = _numbers(table, frame, column)
    _no_duplicates(table, frame, "regios")
    long = frame.select("area_code", "period", *columns).unpivot(
        index=["area_code", "period"], variable_name="figure"
    )
    long = long.with_columns(pl.col("figure").replace(wanted))
    return _write(long.select("area_code", "figure", "period", "value"), report)


def _with_period(table: Table, frame: pl.DataFrame, period: int | None) -> pl.DataFrame:
    """The period: --period, else StatLine's `Perioden` column (e.g. 2024JJ00)."""
    if period is not None:
        _check_period(period)
        return frame.with_columns(pl.lit(period, pl.Int64).alias("period"))
    if "perioden" not in frame.columns:
        raise ExternalImportError(
            _("%(file)s: the file has no Perioden column; give the year with --period")
            % {"file": table.file_name}
        )
    year = pl.col("perioden").str.strip_chars().str.extract(r"^(\d{4})").cast(pl.Int64)
    frame = frame.with_columns(year.alias("period"), pl.col("perioden").alias("__raw__"))
    bad = frame.filter(
        pl.col("period").is_null() | ~pl.col("period").is_between(FIRST_YEAR, LAST_YEAR)
    )
    _fail(table, bad, "perioden", _("not a year"))
    return frame.drop("__raw__")


def _no_duplicates(table: Table, frame: pl.DataFrame, column: str, keys: Any = None) -> None:
    keys = keys or ["area_code", "period"]
    dup = frame.filter(pl.struct(keys).is_duplicated()).with_columns(
        pl.col(column).alias("__raw__")
    )
    _fail(table, dup, column, _("appears more than once for the same area and period"))


def import_long_file(*, path: Path, on_progress: Progress | None = None) -> ExternalImportResult:
    """Import a long CSV (area_code, indicator, period, value); all-or-nothing."""
    report = on_progress or _no_progress
    report("read", 0, 1)
    table = _read(path)
    frame = table.frame
    report("validate", 0, 1)
    missing = [c for c in LONG_COLUMNS if c not in frame.columns]
    if missing:
        raise ExternalImportError(
            _("%(file)s: missing column(s) %(columns)s (expected %(expected)s)")
            % {
                "file": table.file_name,
                "columns": ", ".join(missing),
                "expected": ", ".join(LONG_COLUMNS),
            }
        )
    figure_of = dict(
        Indicator.objects.filter(source=EXTERNAL, active=True).values_list("code", "numerator")
    )
    frame = frame.with_columns(
        pl.col("area_code").fill_null("").str.strip_chars().str.to_uppercase(),
        pl.col("indicator").fill_null("").str.strip_chars(),
    )
    bad = frame.filter(~pl.col("area_code").str.contains(AREA_CODE)).with_columns(
        pl.col("area_code").alias("__raw__")
    )
    _fail(table, bad, "area_code", _("not a CBS area code (e.g. GM0344, WK034401)"))
    bad = frame.filter(~pl.col("indicator").is_in(list(figure_of))).with_columns(
        pl.col("indicator").alias("__raw__")
    )
    _fail(table, bad, "indicator", _("no active external indicator has this code"))
    raw_period = pl.col("period").fill_null("").str.strip_chars()
    bad = frame.with_columns(raw_period.alias("__raw__")).filter(
        ~pl.col("__raw__").str.contains(r"^\d{4}$")
        | ~pl.col("__raw__").cast(pl.Int64, strict=False).is_between(FIRST_YEAR, LAST_YEAR)
    )
    _fail(table, bad, "period", _("not a year between 1990 and 2100"))
    frame = frame.with_columns(raw_period.cast(pl.Int64).alias("period"))
    frame = _numbers(table, frame, "value")
    bad = frame.filter(pl.col("value").is_null()).with_columns(pl.lit("").alias("__raw__"))
    _fail(table, bad, "value", _("a value is required"))
    _no_duplicates(table, frame, "indicator", keys=["area_code", "indicator", "period"])
    long = frame.select(
        "area_code", pl.col("indicator").replace(figure_of).alias("figure"), "period", "value"
    )
    return _write(long, report)
