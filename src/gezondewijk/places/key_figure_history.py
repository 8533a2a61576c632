"""Reading the key-figure history: every year and source side by side, merged per figure.

Merge rule, the one every reader uses: for an area, year and figure, the value comes from the
most recently imported source that gives it. A source that leaves a figure empty ("." in CBS
files: an early release, a table with fewer columns) never blanks what another source of the
same year gave. An area's own fields hold, per figure, the merged value of the newest year
that has one (`current_figures`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import polars as pl
from django.db.models import QuerySet

from gezondewijk.places.models import KEY_FIGURE_FIELDS, KeyFigureSet

# Codes per query: well under every database's limit on parameters.
CODES_PER_QUERY = 5_000
LONG_SCHEMA = {
    "area_code": pl.String,
    "year": pl.Int64,
    "source": pl.String,
    "imported_at": pl.Datetime("us"),
    "figure": pl.String,
    "value": pl.Float64,
}


def chunks(codes: list[str], size: int = CODES_PER_QUERY) -> Iterator[list[str]]:
    for start in range(0, len(codes), size):
        yield codes[start : start + size]


def _sets(codes: Iterable[str] | None) -> Iterator[QuerySet[KeyFigureSet]]:
    if codes is None:
        yield KeyFigureSet.objects.all()
        return
    for part in chunks(sorted(set(codes))):
        yield KeyFigureSet.objects.filter(area_code__in=part)


def figures_long(codes: Iterable[str] | None = None, *, year: int | None = None) -> pl.DataFrame:
    """Every stored figure (nulls included) of these areas (all when None): LONG_SCHEMA."""
    fields = ["area_code", "year", "source", "imported_at", *KEY_FIGURE_FIELDS]
    rows: list[tuple[object, ...]] = []
    for queryset in _sets(codes):
        if year is not None:
            queryset = queryset.filter(year=year)
        rows += list(queryset.values_list(*fields))
    schema: dict[str, pl.DataType | type[pl.DataType]] = {
        "area_code": pl.String,
        "year": pl.Int64,
        "source": pl.String,
        "imported_at": pl.Datetime("us", time_zone="UTC"),
    }
    schema |= dict.fromkeys(KEY_FIGURE_FIELDS, pl.Float64)
    wide = pl.DataFrame(rows, schema=schema, orient="row", strict=False)
    wide = wide.with_columns(pl.col("imported_at").dt.replace_time_zone(None))
    return wide.unpivot(
        index=["area_code", "year", "source", "imported_at"],
        variable_name="figure",
        value_name="value",
    ).cast(LONG_SCHEMA)  # type: ignore[arg-type]


def merged(long: pl.DataFrame) -> pl.DataFrame:
    """area_code, year, figure, value, source: per area, year and figure, the value of the
    most recently imported source that gives one."""
    return (
        long.drop_nulls("value")
        .sort("imported_at", "source", descending=True)
        .group_by("area_code", "year", "figure", maintain_order=True)
        .first()
        .select("area_code", "year", "figure", "value", "source")
    )


def current_figures(long: pl.DataFrame) -> pl.DataFrame:
    """area_code, figures_year and one column per key figure: per figure the merged value of
    the newest year that has one; figures_year is the newest year of any figure."""
    values = merged(long)
    newest = values.sort("year", descending=True).group_by("area_code", "figure").first()
    wide = newest.pivot(on="figure", index="area_code", values="value")
    missing = [f for f in KEY_FIGURE_FIELDS if f not in wide.columns]
    wide = wide.with_columns(pl.lit(None, pl.Float64).alias(f) for f in missing)
    years = long.group_by("area_code").agg(pl.col("year").max().alias("figures_year"))
    return years.join(wide, on="area_code", how="left").select(
        "area_code", "figures_year", *KEY_FIGURE_FIELDS
    )


def history_of(code: str) -> pl.DataFrame:
    """One area's merged figures per year, with the source of each: for the area pages."""
    return merged(figures_long([code])).sort("figure", "year")
