"""Computing every indicator for every area and period, in Polars, without a loop over rows.

Inputs are plain frames, so the engine runs the same on the region's database rows and on a
synthetic country in the benchmark:

- figures: source, figure, area_code, level, period, value (published figures at any level);
- hierarchy: one row per buurt with buurt, wijk, gemeente and region codes;
- definitions: one row per indicator (see DEFINITION_SCHEMA).

Aggregation rule (the validity test checks it against CBS's own tables): a parent's figure is
the figure CBS (or another source) published for it where one exists, and the sum of its
buurten otherwise. Where both exist, `parts_gap` keeps the relative difference, because CBS
rounds buurt counts to 5 and leaves a few residents unassigned, so parts do not add up exactly.
"""

from __future__ import annotations

import polars as pl

Z95 = 1.959964  # two-sided 95 %
LEVELS = ("buurt", "wijk", "gemeente", "region")
PARENT_LEVEL = {"buurt": "wijk", "wijk": "gemeente", "gemeente": "region"}
FIGURE_KEYS = ["source", "figure", "area_code", "period"]

DEFINITION_SCHEMA: dict[str, type[pl.DataType] | pl.DataType] = {
    "indicator_id": pl.Int64,
    "source": pl.String,
    "numerator": pl.String,
    "denominator": pl.String,  # "" for a figure shown as it is
    "scale": pl.Float64,
    "proportion": pl.Boolean,  # numerator counts part of the denominator: Wilson interval
    "additive": pl.Boolean,  # numerator (and denominator) may be summed over buurten
    "resident_based": pl.Boolean,
    "levels": pl.List(pl.String),
    "higher_is_better": pl.Boolean,
    "bronze": pl.Float64,
    "silver": pl.Float64,
    "gold": pl.Float64,
}


def parent_codes(hierarchy: pl.DataFrame) -> pl.DataFrame:
    """area_code → (level, parent_code) for every area in the hierarchy."""
    frames = [
        hierarchy.select(
            pl.col(f"{level}_code").alias("area_code"),
            pl.lit(level).alias("level"),
            pl.col(f"{PARENT_LEVEL[level]}_code").alias("parent_code")
            if level in PARENT_LEVEL
            else pl.lit("").alias("parent_code"),
        ).unique("area_code")
        for level in LEVELS
    ]
    return pl.concat(frames)


def aggregate(figures: pl.DataFrame, hierarchy: pl.DataFrame) -> pl.DataFrame:
    """Figures at every level: published where published, else the sum of the buurten.

    Returns FIGURE_KEYS + level, value, parts (the sum of the buurten, or null), basis
    ("published" or "sum") and parts_gap ((published - parts) / published).
    """
    buurt = figures.filter(pl.col("level") == "buurt").join(
        hierarchy, left_on="area_code", right_on="buurt_code", how="inner"
    )
    out = [
        figures.filter(pl.col("level") == "buurt").select(
            *FIGURE_KEYS,
            "level",
            "value",
            pl.lit(None, pl.Float64).alias("parts"),
            pl.lit("published").alias("basis"),
        )
    ]
    for level in LEVELS[1:]:
        parts = (
            buurt.group_by("source", "figure", f"{level}_code", "period")
            .agg(pl.col("value").sum().alias("parts"))
            .rename({f"{level}_code": "area_code"})
        )
        published = figures.filter(pl.col("level") == level).select(*FIGURE_KEYS, "value")
        both = published.join(parts, on=FIGURE_KEYS, how="full", coalesce=True)
        out.append(
            both.select(
                *FIGURE_KEYS,
                pl.lit(level).alias("level"),
                pl.coalesce("value", "parts").alias("value"),
                "parts",
                pl.when(pl.col("value").is_not_null())
                .then(pl.lit("published"))
                .otherwise(pl.lit("sum"))
                .alias("basis"),
            )
        )
    result = pl.concat(out, how="vertical_relaxed")
    gap = (pl.col("value") - pl.col("parts")) / pl.col("value")
    return result.with_columns(
        pl.when((pl.col("basis") == "published") & (pl.col("value") != 0))
        .then(gap)
        .otherwise(None)
        .alias("parts_gap")
    )


def compute(
    definitions: pl.DataFrame, figures: pl.DataFrame, hierarchy: pl.DataFrame, *, k: int
) -> pl.DataFrame:
    """One row per indicator, area and period: value, numerator, denominator, n, ci_low,
    ci_high, suppressed, basis, parts_gap, bloom, level and parent_code."""
    all_levels = aggregate(figures, hierarchy)
    defs = definitions.with_columns(pl.col("denominator").fill_null(""))
    numerators = defs.join(
        all_levels.rename({"figure": "numerator"}), on=["source", "numerator"], how="inner"
    )
    # A figure that is not additive exists only where it is published.
    numerators = numerators.filter(pl.col("additive") | (pl.col("basis") == "published"))
    denominators = all_levels.select(
        "source",
        pl.col("figure").alias("denominator"),
        "area_code",
        "period",
        pl.col("value").alias("den"),
        pl.col("basis").alias("den_basis"),
    )
    rows = (
        numerators.join(
            denominators, on=["source", "denominator", "area_code", "period"], how="left"
        )
        .filter(pl.col("levels").list.contains(pl.col("level")))
        .filter((pl.col("denominator") == "") | (pl.col("den") > 0))
        .rename({"value": "num"})
    )
    has_den = pl.col("denominator") != ""
    p = (pl.col("num") / pl.col("den")).clip(0.0, 1.0)
    n = pl.col("den")
    z2n = Z95 * Z95 / n
    centre = (p + z2n / 2) / (1 + z2n)
    half = Z95 * (p * (1 - p) / n + z2n / (4 * n)).sqrt() / (1 + z2n)
    proportion = pl.col("proportion") & has_den
    rows = rows.with_columns(
        pl.when(has_den)
        .then(pl.col("num") / pl.col("den") * pl.col("scale"))
        .otherwise(pl.col("num"))  # a figure without denominator is shown as published
        .alias("value"),
        pl.when(has_den).then(pl.col("den")).otherwise(None).alias("n"),
        pl.when(proportion).then((centre - half) * pl.col("scale")).alias("ci_low"),
        pl.when(proportion).then((centre + half) * pl.col("scale")).alias("ci_high"),
        pl.when(has_den & (pl.col("den_basis") != pl.col("basis")))
        .then(pl.lit("sum"))
        .otherwise(pl.col("basis"))
        .alias("basis"),
    ).join(parent_codes(hierarchy).drop("level"), on="area_code", how="left")
    rows = rows.with_columns(pl.col("parent_code").fill_null(""))
    rows = _suppress(rows, k=k)
    rows = rows.with_columns(bloom_level().alias("bloom"))
    return rows.select(
        "indicator_id",
        "area_code",
        "level",
        "parent_code",
        "period",
        "value",
        pl.col("num").alias("numerator"),
        pl.col("den").alias("denominator"),
        "n",
        "ci_low",
        "ci_high",
        "suppressed",
        "basis",
        "parts_gap",
        "bloom",
    )


def _suppress(rows: pl.DataFrame, *, k: int) -> pl.DataFrame:
    """Resident-based values below k are hidden, with their siblings where differencing
    would reveal them; public figures are never suppressed."""
    from gezondewijk.privacy.suppression import suppress

    public = rows.filter(~pl.col("resident_based")).with_columns(
        pl.lit(False).alias("suppressed")
    )
    residents = rows.filter(pl.col("resident_based")).with_columns(
        pl.lit(False).alias("suppressed")
    )
    if residents.height:
        residents = suppress(
            residents.with_columns(pl.col("n").fill_null(pl.col("num"))),
            count="n",
            values=["value", "num", "den", "ci_low", "ci_high", "parts_gap"],
            groups=["indicator_id", "period", "parent_code"],
            k=k,
        )
    return pl.concat([public, residents.select(public.columns)], how="vertical_relaxed")


def bloom_level() -> pl.Expr:
    """0 none, 1 bronze, 2 silver, 3 gold: the highest threshold the value reaches, in the
    indicator's direction (for "lower is better" a value at or below the threshold)."""
    value = pl.col("value")
    higher = pl.col("higher_is_better")

    def reached(threshold: str) -> pl.Expr:
        t = pl.col(threshold)
        return (
            t.is_not_null()
            & value.is_not_null()
            & pl.when(higher).then(value >= t).otherwise(value <= t)
        ).cast(pl.Int8)

    return (
        pl.when(pl.col("gold").is_null() & pl.col("silver").is_null() & pl.col("bronze").is_null())
        .then(None)
        .otherwise(pl.max_horizontal(reached("bronze"), reached("silver") * 2, reached("gold") * 3))
        .cast(pl.Int8)
    )


def overall_bloom(values: pl.DataFrame) -> pl.DataFrame:
    """The overall bloom level per area and period (documented in README "Bloom scale").

    Rule: over the indicators with thresholds and a (non-suppressed) value, the overall level
    is the highest level that at least two thirds of them reach. A wijk is gold when two
    thirds of its rated indicators are gold: growth shows in most of its figures, not one.
    """
    rated = values.filter(pl.col("bloom").is_not_null() & pl.col("value").is_not_null())
    return (
        rated.group_by("area_code", "period")
        .agg(
            pl.len().alias("rated"),
            *[(pl.col("bloom") >= lvl).sum().alias(f"at_{lvl}") for lvl in (1, 2, 3)],
        )
        .with_columns(
            pl.when(pl.col("at_3") * 3 >= pl.col("rated") * 2)
            .then(3)
            .when(pl.col("at_2") * 3 >= pl.col("rated") * 2)
            .then(2)
            .when(pl.col("at_1") * 3 >= pl.col("rated") * 2)
            .then(1)
            .otherwise(0)
            .alias("overall")
        )
        .select("area_code", "period", "rated", "overall")
        .sort("area_code", "period")
    )
