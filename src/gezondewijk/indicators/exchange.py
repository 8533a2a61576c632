"""The national benchmark exchange: a region's aggregated, suppressed values, open format.

A region exports one CSV (COLUMNS, UTF-8, comma-separated, one row per indicator, area and
year) and a JSON document with the format version, the JSON Schema of a row and the
definitions of its indicators. Suppressed cells travel as `suppressed=true` with empty value,
n and interval: an export never holds a figure below k. Another region's CSV imports as
figures of the source "exchange:<region>", checked as a whole first: a malformed file is
refused with file, line and column, and changes nothing; importing it again changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gezondewijk.indicators.importers.external import (
    AREA_CODE,
    WRITE_CHUNK,
    ExternalImportError,
    _fail,
    _numbers,
    _read,
)
from gezondewijk.indicators.models import Figure, Indicator, IndicatorValue, Level

FORMAT = "gezondewijk-indicators/1"
COLUMNS = (
    "area_code",
    "level",
    "period",
    "indicator",
    "value",
    "n",
    "ci_low",
    "ci_high",
    "suppressed",
    "basis",
)
ROW_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Gezonde Wijk indicator value (one CSV row)",
    "type": "object",
    "required": list(COLUMNS),
    "properties": {
        "area_code": {"type": "string", "pattern": r"^(GM\d{4}|WK\d{6}|BU\d{8}|RG-[a-z0-9-]+)$"},
        "level": {"enum": [lvl.value for lvl in Level]},
        "period": {"type": "integer", "minimum": 1990, "maximum": 2100},
        "indicator": {"type": "string", "pattern": r"^[a-z0-9-]+$"},
        "value": {"type": ["number", "null"]},
        "n": {"type": ["number", "null"]},
        "ci_low": {"type": ["number", "null"]},
        "ci_high": {"type": ["number", "null"]},
        "suppressed": {"type": "boolean"},
        "basis": {"enum": ["published", "sum"]},
    },
    "if": {"properties": {"suppressed": {"const": True}}},
    "then": {"properties": {"value": {"type": "null"}, "n": {"type": "null"}}},
}


def export_csv() -> str:
    rows = IndicatorValue.objects.select_related("indicator").values_list(
        "area_code",
        "level",
        "period",
        "indicator__code",
        "value",
        "n",
        "ci_low",
        "ci_high",
        "suppressed",
        "basis",
    )
    schema = dict.fromkeys(COLUMNS, pl.String) | {
        "period": pl.Int64,
        "value": pl.Float64,
        "n": pl.Float64,
        "ci_low": pl.Float64,
        "ci_high": pl.Float64,
        "suppressed": pl.Boolean,
    }
    frame = pl.DataFrame(list(rows), schema=schema, orient="row")
    return frame.sort("indicator", "level", "area_code", "period").write_csv()


def export_metadata() -> str:
    indicators = list(
        Indicator.objects.filter(active=True).values(
            "code",
            "name",
            "description",
            "source",
            "unit",
            "direction",
            "bronze",
            "silver",
            "gold",
        )
    )
    return json.dumps(
        {"format": FORMAT, "row_schema": ROW_SCHEMA, "indicators": indicators},
        indent=2,
        ensure_ascii=False,
    )


def import_csv(*, path: Path, region: str) -> int:
    """Import another region's export; returns the number of figures stored."""
    source = f"exchange:{slugify(region)[:30]}"
    table = _read(path)
    frame = table.frame
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ExternalImportError(
            _("%(file)s: missing column(s) %(columns)s (expected %(expected)s)")
            % {
                "file": table.file_name,
                "columns": ", ".join(missing),
                "expected": ", ".join(COLUMNS),
            }
        )
    text = {c: pl.col(c).fill_null("").str.strip_chars() for c in COLUMNS}
    frame = frame.with_columns(**text)
    checks = [
        (
            "area_code",
            ~pl.col("area_code").str.contains(AREA_CODE + "|^RG-[a-z0-9-]+$"),
            _("not an area code"),
        ),
        ("level", ~pl.col("level").is_in([lvl.value for lvl in Level]), _("not a level")),
        ("period", ~pl.col("period").str.contains(r"^(19|20|21)\d{2}$"), _("not a year")),
        (
            "indicator",
            ~pl.col("indicator").str.contains(r"^[a-z0-9-]+$"),
            _("not an indicator code"),
        ),
        (
            "suppressed",
            ~pl.col("suppressed").str.to_lowercase().is_in(["true", "false"]),
            _("must be true or false"),
        ),
    ]
    for column, bad, reason in checks:
        _fail(
            table, frame.filter(bad).with_columns(pl.col(column).alias("__raw__")), column, reason
        )
    for column in ("value", "n", "ci_low", "ci_high"):
        frame = _numbers(table, frame, column)
    hidden = pl.col("suppressed").str.to_lowercase() == "true"
    leak = frame.filter(hidden & pl.col("value").is_not_null()).with_columns(
        pl.col("value").cast(pl.String).alias("__raw__")
    )
    _fail(table, leak, "value", _("a suppressed cell must have no value"))
    absent = frame.filter(~hidden & pl.col("value").is_null()).with_columns(
        pl.lit("").alias("__raw__")
    )
    _fail(table, absent, "value", _("a value is required"))
    rows = frame.filter(~hidden).select(
        pl.lit(source).alias("source"),
        pl.col("indicator").alias("figure"),
        "area_code",
        "level",
        pl.col("period").cast(pl.Int64),
        "value",
    )
    with transaction.atomic():
        for chunk in rows.iter_slices(WRITE_CHUNK):
            Figure.objects.bulk_create(
                [Figure(**row) for row in chunk.iter_rows(named=True)],
                update_conflicts=True,
                unique_fields=["source", "figure", "area_code", "period"],
                update_fields=["value", "level"],
            )
    return rows.height
