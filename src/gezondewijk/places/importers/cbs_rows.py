"""The rows of a CBS key-figures file: what the columns mean and when a row is wrong.

Every check is a Polars expression over the whole table; Python only formats the (few)
messages. validated_rows() returns typed rows ready to write, or raises CbsImportError with
every problem it found, each naming file, line (or sheet row) and column.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.core.management.base import CommandError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gezondewijk.places.codes import PATTERN_STRINGS, Level
from gezondewijk.places.importers.tables import LINE, Table
from gezondewijk.places.models import Buurt, Gemeente, Wijk

CODE, NAME, LEVEL = "gwb_code_10", "regio", "recs"
REQUIRED_COLUMNS = (CODE, NAME, LEVEL, "a_inw")
# CBS short column name -> KeyFigures field.
FIGURE_COLUMNS: dict[str, str] = {
    "a_inw": "inhabitants",
    "a_man": "men",
    "a_vrouw": "women",
    "a_00_14": "age_0_14",
    "a_15_24": "age_15_24",
    "a_25_44": "age_25_44",
    "a_45_64": "age_45_64",
    "a_65_oo": "age_65_plus",
    "a_hh": "households",
    "a_1p_hh": "single_person_households",
    "a_hh_m_k": "households_with_children",
    "g_hhgro": "average_household_size",
    "a_nl_all": "origin_dutch",
    "a_eur_al": "origin_europe",
    "a_neu_al": "origin_outside_europe",
    "g_ink_pi": "income_per_inhabitant",
    "p_hh_li": "low_income_households_pct",
    "a_woning": "dwellings",
    "bev_dich": "population_density",
    "a_opp_ha": "area_total_ha",
    "a_lan_ha": "area_land_ha",
    "a_wat_ha": "area_water_ha",
    "ste_mvs": "urbanity",
}
# CBS writes "." for "not available" and "x" for "secret"; both are stored as NULL.
MISSING_MARKERS = ("", ".", "x", "X")
NUMBER = r"^-?\d+(\.\d+)?$"
EXAMPLES = {Level.GEMEENTE: "GM0344", Level.WIJK: "WK034401", Level.BUURT: "BU03440111"}
MODELS: dict[Level, type[Gemeente | Wijk | Buurt]] = {
    Level.GEMEENTE: Gemeente,
    Level.WIJK: Wijk,
    Level.BUURT: Buurt,
}
# A wijk's parent is a gemeente, a buurt's a wijk: (parent level, foreign-key field).
PARENT: dict[Level, tuple[Level, str]] = {
    Level.WIJK: (Level.GEMEENTE, "gemeente"),
    Level.BUURT: (Level.WIJK, "wijk"),
}
MAX_SHOWN = 20

Describe = Callable[[dict[str, Any]], str]


class CbsImportError(CommandError):
    """The file cannot be imported; the message says where and why. Nothing was written."""


@dataclass(frozen=True)
class FigureSpec:
    column: str
    field: str
    scale: int | None  # decimal places, None for a whole number
    minimum: float
    maximum: float


@functools.cache
def figure_specs() -> tuple[FigureSpec, ...]:
    """Bounds come from the model fields, so the checks and the database cannot disagree."""
    specs = []
    for column, name in FIGURE_COLUMNS.items():
        model_field = Gemeente._meta.get_field(name)
        assert isinstance(model_field, models.Field)
        if isinstance(model_field, models.DecimalField):
            scale = model_field.decimal_places or 0
            digits = (model_field.max_digits or 0) - scale
            specs.append(FigureSpec(column, name, scale, 0, 10**digits - 10**-scale))
            continue
        # The portable integer range (PostgreSQL's), not SQLite's 64 bits.
        low, high = BaseDatabaseOperations.integer_field_ranges[model_field.get_internal_type()]
        low = max(low, 0)  # no key figure is negative
        for validator in getattr(model_field, "validators", []):
            if isinstance(validator, MinValueValidator):
                low = max(low, validator.limit_value)
            elif isinstance(validator, MaxValueValidator):
                high = min(high, validator.limit_value)
        specs.append(FigureSpec(column, name, None, low, high))
    return tuple(specs)


class Problems:
    """Collects problems; keeps the first MAX_SHOWN messages per check and counts all."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.shown: list[tuple[int, str]] = []
        self.total = 0

    def add(self, bad: pl.DataFrame, describe: Describe, column: str | None = None) -> None:
        self.total += bad.height
        for row in bad.head(MAX_SHOWN).iter_rows(named=True):
            where = self.table.where(row[LINE], column or row["column"])
            self.shown.append((row[LINE], f"{where}: {describe(row)}"))

    def raise_if_any(self) -> None:
        if not self.total:
            return
        shown = [message for _line, message in sorted(self.shown, key=lambda p: p[0])]
        shown = shown[:MAX_SHOWN]
        lines = [
            ngettext(
                "%(file)s: %(count)d problem, nothing was imported:",
                "%(file)s: %(count)d problems, nothing was imported:",
                self.total,
            )
            % {"file": self.table.file_name, "count": self.total},
            *shown,
        ]
        if self.total > len(shown):
            lines.append(_("… and %(count)d more") % {"count": self.total - len(shown)})
        raise CbsImportError("\n".join(lines))


def _first_match(cases: list[tuple[pl.Expr, str]]) -> pl.Expr:
    """The label of the first case that holds, else null (a vectorised if/elif chain)."""
    return pl.coalesce([pl.when(condition).then(pl.lit(label)) for condition, label in cases])


def _code_level(code: pl.Expr) -> pl.Expr:
    return _first_match(
        [(code.str.contains(PATTERN_STRINGS[level]), level.value) for level in Level]
    )


def _number_text(column: str) -> pl.Expr:
    # Comma or dot decimals: "1,9" and "1.9" are the same figure.
    return pl.col(column).str.strip_chars().str.replace(",", ".", literal=True)


def _figure_problem(spec: FigureSpec) -> pl.Expr:
    """The kind of problem with each value of one figure column, or null if it is fine."""
    text = _number_text(spec.column)
    if spec.scale is None:
        value = text.cast(pl.Float64, strict=False)
    else:
        # Checked after rounding to the field's decimals, as it will be stored.
        value = text.cast(pl.Decimal(38, spec.scale), strict=False).cast(pl.Float64)
    cases = [(~text.str.contains(NUMBER), "number")]
    if spec.scale is None:
        cases.append((value.round(0) != value, "whole"))
    cases += [
        (value < 0, "negative"),
        (value.is_null() | (value < spec.minimum) | (value > spec.maximum), "range"),
    ]
    is_missing = text.is_null() | text.is_in(MISSING_MARKERS)
    return pl.when(~is_missing).then(_first_match(cases)).alias(spec.column)


def _figure_value(spec: FigureSpec, present: bool) -> pl.Expr:
    dtype: pl.DataType = pl.Int64() if spec.scale is None else pl.Decimal(38, spec.scale)
    if not present:
        # A column the file lacks is a figure this release does not give.
        return pl.lit(None, dtype).alias(spec.field)
    text = _number_text(spec.column)
    parsed = (
        text.cast(pl.Float64, strict=False).cast(pl.Int64, strict=False)
        if spec.scale is None
        else text.cast(dtype, strict=False)
    )
    return pl.when(text.str.contains(NUMBER)).then(parsed).alias(spec.field)


def _describe_figure(specs: dict[str, FigureSpec]) -> Describe:
    def describe(row: dict[str, Any]) -> str:
        spec, value = specs[row["column"]], row["value"].strip()
        messages = {
            "number": _('"%(value)s" is not a number'),
            "whole": _('"%(value)s" is not a whole number'),
            "negative": _('"%(value)s" is negative'),
            "range": _('"%(value)s" is outside the range %(min)s to %(max)s'),
        }
        return messages[row["kind"]] % {
            "value": value,
            "min": f"{spec.minimum:g}",
            "max": f"{spec.maximum:.{spec.scale or 0}f}",
        }

    return describe


def _check_columns(table: Table) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in table.frame.columns]
    if missing:
        raise CbsImportError(
            _("%(where)s: required column(s) missing: %(columns)s")
            % {"where": table.where(table.header_line), "columns": ", ".join(missing)}
        )


def _check_rows(frame: pl.DataFrame, problems: Problems) -> None:
    """Level, code, duplicates and names; each check looks at all rows at once."""
    unknown_level = frame.filter(pl.col("level").is_null())
    problems.add(
        unknown_level,
        lambda r: (
            _('"%(value)s" is not a level; expected Gemeente, Wijk or Buurt')
            % {"value": r["level_text"] or ""}
        ),
        LEVEL,
    )
    bad_code = frame.filter(pl.col("code_level").is_null())

    def describe_code(row: dict[str, Any]) -> str:
        if row["level"] is None:
            return _('"%(value)s" is not a valid CBS code') % {"value": row["code"] or ""}
        return _('"%(value)s" is not a valid %(level)s code (expected e.g. %(example)s)') % {
            "value": row["code"] or "",
            "level": row["level"],
            "example": EXAMPLES[Level(row["level"])],
        }

    problems.add(bad_code, describe_code, CODE)
    mismatch = frame.filter(pl.col("level") != pl.col("code_level"))
    problems.add(
        mismatch,
        lambda r: (
            _('level "%(level)s" does not match code %(code)s, which is a %(kind)s code')
            % {"level": r["level_text"], "code": r["code"], "kind": r["code_level"]}
        ),
        LEVEL,
    )
    repeated = (
        frame.filter(pl.col("code_level").is_not_null())
        .with_columns(first=pl.col(LINE).min().over("code"))
        .filter(pl.col(LINE) != pl.col("first"))
    )
    problems.add(
        repeated,
        lambda r: (
            _("code %(code)s appears more than once (also on %(first)s)")
            % {"code": r["code"], "first": problems.table.line_label(r["first"])}
        ),
        CODE,
    )
    max_length = Gemeente._meta.get_field("name").max_length or 0
    problems.add(
        frame.filter(pl.col("name").fill_null("") == ""), lambda r: _("the name is empty"), NAME
    )
    problems.add(
        frame.filter(pl.col("name").str.len_chars() > max_length),
        lambda r: _("the name is longer than %(max)d characters") % {"max": max_length},
        NAME,
    )


def _check_figures(frame: pl.DataFrame, specs: list[FigureSpec], problems: Problems) -> None:
    if not specs:
        return
    columns = [spec.column for spec in specs]
    kinds = frame.select(LINE, *[_figure_problem(spec) for spec in specs])
    bad = kinds.unpivot(index=LINE, on=columns, variable_name="column", value_name="kind")
    bad = bad.drop_nulls("kind")
    if bad.is_empty():
        return
    values = frame.unpivot(index=LINE, on=columns, variable_name="column", value_name="value")
    bad = bad.join(values, on=[LINE, "column"], how="left").sort(LINE)
    problems.add(bad, _describe_figure({spec.column: spec for spec in specs}))


def validated_rows(table: Table, *, on_step: Callable[[int, int], None]) -> pl.DataFrame:
    """Typed rows: LINE, code, name, level, parent_code, gemeente_code and the figure fields."""
    steps = 4
    _check_columns(table)
    on_step(1, steps)
    level_text = pl.col(LEVEL).str.strip_chars()
    level = level_text.str.to_lowercase()
    code = pl.col(CODE).str.strip_chars().str.to_uppercase()
    known_levels = [lvl.value for lvl in Level]
    frame = table.frame.filter(
        level.fill_null("") != "land"
    ).with_columns(  # the country row is not an area
        code=code,
        name=pl.col(NAME).str.strip_chars(),
        level_text=level_text,
        level=pl.when(level.is_in(known_levels)).then(level),
        code_level=_code_level(code),
    )
    problems = Problems(table)
    _check_rows(frame, problems)
    on_step(2, steps)
    specs = [spec for spec in figure_specs() if spec.column in frame.columns]
    _check_figures(frame, specs, problems)
    on_step(3, steps)
    problems.raise_if_any()
    present = {spec.column for spec in specs}
    digits = pl.col("code").str.slice(2)
    rows = frame.select(
        LINE,
        "code",
        "name",
        "level",
        pl.when(pl.col("level") == Level.WIJK.value)
        .then("GM" + digits.str.slice(0, 4))
        .when(pl.col("level") == Level.BUURT.value)
        .then("WK" + digits.str.slice(0, 6))
        .alias("parent_code"),
        ("GM" + digits.str.slice(0, 4)).alias("gemeente_code"),
        *[_figure_value(spec, spec.column in present) for spec in figure_specs()],
    )
    on_step(4, steps)
    return rows


def _describe_orphan(parent_level: Level) -> Describe:
    def describe(row: dict[str, Any]) -> str:
        return _("%(level)s %(parent)s of %(code)s is neither in the file nor in the database") % {
            "level": parent_level.value,
            "parent": row["parent_code"],
            "code": row["code"],
        }

    return describe


def check_parents_exist(table: Table, rows: pl.DataFrame) -> None:
    """Every wijk needs its gemeente and every buurt its wijk, in the file or the database."""
    problems = Problems(table)
    for level, (parent_level, _field) in PARENT.items():
        in_file = rows.filter(pl.col("level") == parent_level.value)["code"]
        orphans = rows.filter(
            (pl.col("level") == level.value) & ~pl.col("parent_code").is_in(in_file.implode())
        )
        if orphans.is_empty():
            continue
        wanted = orphans["parent_code"].unique().to_list()
        stored = MODELS[parent_level].objects.filter(code__in=wanted)
        known = pl.Series(list(stored.values_list("code", flat=True)), dtype=pl.String)
        missing = orphans.filter(~pl.col("parent_code").is_in(known.implode()))
        problems.add(missing, _describe_orphan(parent_level), CODE)
    problems.raise_if_any()
