"""Reading the database into the engine's frames: hierarchy, figures, definitions, profiles.

Each read is one query turned into a Polars frame; derived figures are computed on the whole
frame at once.
"""

from __future__ import annotations

import polars as pl
from django.conf import settings

from gezondewijk.indicators import providers
from gezondewijk.indicators.engine import DEFINITION_SCHEMA
from gezondewijk.indicators.models import PROPORTIONS, SCALE, Direction, Figure, Indicator, Unit
from gezondewijk.places import key_figure_history
from gezondewijk.places.models import KEY_FIGURE_FIELDS, Buurt, Gemeente, Wijk

CBS = "cbs"
EXTERNAL = "external"
NON_COUNTS = (
    "average_household_size",
    "income_per_inhabitant",
    "low_income_households_pct",
    "population_density",
    "urbanity",
)
CBS_COUNTS = tuple(f for f in KEY_FIGURE_FIELDS if f not in NON_COUNTS)
CBS_FIGURES = (*CBS_COUNTS, "low_income_households_pct", "income_per_inhabitant")
# Shares and means: replaced by the counts derived from them (see with_derived_cbs).
NOT_SUMMABLE = ["low_income_households_pct", "income_per_inhabitant"]


def region_code(slug: str | None) -> str:
    return f"RG-{slug}" if slug else "RG-none"


def hierarchy() -> pl.DataFrame:
    """One row per buurt: buurt, wijk, gemeente and region codes."""
    rows = Buurt.objects.values_list(
        "code", "wijk__code", "wijk__gemeente__code", "wijk__gemeente__region__slug"
    )
    frame = pl.DataFrame(
        list(rows),
        schema=dict.fromkeys(
            ["buurt_code", "wijk_code", "gemeente_code", "region_slug"], pl.String
        ),
        orient="row",
    )
    return frame.select(
        "buurt_code",
        "wijk_code",
        "gemeente_code",
        pl.when(pl.col("region_slug").is_null())
        .then(pl.lit("RG-none"))
        .otherwise(pl.lit("RG-") + pl.col("region_slug"))
        .alias("region_code"),
    )


def _level_of_code() -> pl.Expr:
    prefix = pl.col("area_code").str.slice(0, 2)
    return (
        pl.when(prefix == "BU")
        .then(pl.lit("buurt"))
        .when(prefix == "WK")
        .then(pl.lit("wijk"))
        .when(prefix == "GM")
        .then(pl.lit("gemeente"))
        .otherwise(pl.lit("region"))
        .alias("level")
    )


def _area_key_figures() -> pl.DataFrame:
    """CBS key figures of every year, long: the merged history (places.KeyFigureSet, one
    value per area, year and figure), and for areas without a history (the fictional demo
    region) the newest year kept on the area itself."""
    merged = key_figure_history.merged(key_figure_history.figures_long())
    history = merged.filter(pl.col("figure").is_in(CBS_FIGURES)).select(
        "area_code", pl.col("year").alias("period"), "figure", "value"
    )
    fields = ["code", "figures_year", *CBS_FIGURES]
    frames = []
    for model in (Gemeente, Wijk, Buurt):
        rows = list(model.objects.filter(figures_year__isnull=False).values_list(*fields))
        schema = {"code": pl.String, "figures_year": pl.Int64}
        schema |= dict.fromkeys(CBS_FIGURES, pl.Float64)
        frames.append(pl.DataFrame(rows, schema=schema, orient="row", strict=False))
    wide = pl.concat(frames).rename({"code": "area_code", "figures_year": "period"})
    wide = wide.filter(~pl.col("area_code").is_in(history["area_code"].unique().implode()))
    kept = wide.unpivot(index=["area_code", "period"], variable_name="figure").drop_nulls("value")
    return pl.concat([history, kept.select(history.columns)], how="vertical_relaxed")


def _stored(source: str | None = None) -> pl.DataFrame:
    qs = Figure.objects.all()
    if source is not None:
        qs = qs.filter(source=source)
    rows = list(qs.values_list("source", "figure", "area_code", "period", "value"))
    return pl.DataFrame(
        rows,
        schema={
            "source": pl.String,
            "figure": pl.String,
            "area_code": pl.String,
            "period": pl.Int64,
            "value": pl.Float64,
        },
        orient="row",
    )


def with_derived_cbs(long: pl.DataFrame) -> pl.DataFrame:
    """Add counts CBS publishes only as shares or per-inhabitant means, and km² of land, so
    they sum over buurten like any count."""
    keys = ["area_code", "period"]
    wide = long.pivot(on="figure", index=keys, values="value")
    for column in (
        "low_income_households_pct",
        "households",
        "area_land_ha",
        "income_per_inhabitant",
        "inhabitants",
    ):
        if column not in wide.columns:
            wide = wide.with_columns(pl.lit(None, pl.Float64).alias(column))
    derived = wide.select(
        *keys,
        (pl.col("low_income_households_pct") * pl.col("households") / 100).alias(
            "low_income_households"
        ),
        (pl.col("area_land_ha") / 100).alias("area_land_km2"),
        (pl.col("income_per_inhabitant") * pl.col("inhabitants")).alias("income_total"),
    ).unpivot(index=keys, variable_name="figure")
    return pl.concat(
        [long, derived.drop_nulls("value").select(long.columns)], how="vertical_relaxed"
    )


def cbs_figures() -> pl.DataFrame:
    """CBS figures of all years: stored years plus the newest year kept on the areas (which
    wins where both hold the same area and year)."""
    areas = _area_key_figures()
    stored = _stored(CBS).drop("source")
    long = pl.concat(
        [
            areas.select(stored.columns),
            stored.join(areas, on=["area_code", "period", "figure"], how="anti"),
        ],
        how="vertical_relaxed",
    )
    if long.height:
        long = with_derived_cbs(long).filter(~pl.col("figure").is_in(NOT_SUMMABLE))
    return long.with_columns(pl.lit(CBS).alias("source"))


def all_figures() -> pl.DataFrame:
    """Every source's figures: source, figure, area_code, level, period, value."""
    frames = [cbs_figures(), _stored().filter(pl.col("source") != CBS)]
    frames += [providers.collect(p) for p in providers.registered()]
    columns = ["source", "figure", "area_code", "period", "value"]
    frame = pl.concat([f.select(columns) for f in frames], how="vertical_relaxed")
    return frame.with_columns(_level_of_code()).unique(
        ["source", "figure", "area_code", "period"], keep="first"
    )


def definitions() -> pl.DataFrame:
    rows = []
    for ind in Indicator.objects.filter(active=True):
        rows.append(
            {
                "indicator_id": ind.pk,
                "source": ind.source,
                "numerator": ind.numerator,
                "denominator": ind.denominator,
                "scale": SCALE[Unit(ind.unit)],
                "proportion": ind.unit in PROPORTIONS,
                "additive": bool(ind.denominator) or ind.unit == Unit.COUNT,
                "resident_based": ind.resident_based,
                "levels": list(ind.levels),
                "higher_is_better": ind.direction != Direction.LOWER_IS_BETTER,
                "bronze": ind.bronze,
                "silver": ind.silver,
                "gold": ind.gold,
            }
        )
    return pl.DataFrame(rows, schema=DEFINITION_SCHEMA)


def min_cell_size() -> int:
    return int(settings.PRIVACY_MIN_CELL_SIZE)


def peer_profile() -> pl.DataFrame:
    """Urbanity, income per inhabitant and 65+ share per area, for the peer groups."""
    fields = ["code", "urbanity", "income_per_inhabitant", "age_65_plus", "inhabitants"]
    rows = []
    for model in (Gemeente, Wijk, Buurt):
        rows += list(model.objects.values_list(*fields))
    schema = {"code": pl.String, "urbanity": pl.Int64, "income_per_inhabitant": pl.Float64}
    schema |= {"age_65_plus": pl.Float64, "inhabitants": pl.Float64}
    frame = pl.DataFrame(rows, schema=schema, orient="row", strict=False)
    return frame.select(
        pl.col("code").alias("area_code"),
        pl.col("urbanity").cast(pl.Int64),
        pl.col("income_per_inhabitant").cast(pl.Float64).alias("income"),
        (pl.col("age_65_plus").cast(pl.Float64) / pl.col("inhabitants").cast(pl.Float64)).alias(
            "share_65_plus"
        ),
    )
