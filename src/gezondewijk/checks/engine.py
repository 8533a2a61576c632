"""Figures from many responses at once, vectorised with Polars; every cell is suppressed.

Input frames have one row per derived value of a response:
    user_id, buurt, wijk, gemeente, region, authored (datetime), key, value
A resident counts once per cell: their latest response in the period.
"""

from __future__ import annotations

import polars as pl

from gezondewijk.privacy.suppression import suppress

LEVELS = ("buurt", "wijk", "gemeente", "region")
PARENT = {"buurt": "wijk", "wijk": "gemeente", "gemeente": "region", "region": "region"}
PERIODS = ("all", "year", "quarter")
Z_95 = 1.96

VALUE_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "user_id": pl.Int64,
    "buurt": pl.Utf8,
    "wijk": pl.Utf8,
    "gemeente": pl.Utf8,
    "region": pl.Utf8,
    "authored": pl.Datetime("us", "UTC"),
    "key": pl.Utf8,
    "value": pl.Float64,
}


def _period_key(period: str) -> pl.Expr:
    """The period as a small integer (20252 for 2025-Q2): cheap to group millions of rows by."""
    authored = pl.col("authored")
    if period == "quarter":
        return (authored.dt.year() * 10 + authored.dt.quarter()).cast(pl.Int32).alias("period")
    if period == "year":
        return authored.dt.year().cast(pl.Int32).alias("period")
    return pl.lit(0, pl.Int32).alias("period")


def _period_label(period: str) -> pl.Expr:
    """The readable period ("2025-Q2", "2025", "all"), made on the few aggregated cells."""
    key = pl.col("period")
    if period == "quarter":
        return pl.format("{}-Q{}", key // 10, key % 10).alias("period")
    if period == "year":
        return key.cast(pl.Utf8).alias("period")
    return pl.lit("all").alias("period")


def latest_per_resident(frame: pl.DataFrame, period: str) -> pl.DataFrame:
    """The values of each resident's latest response per period (integer period key).

    A window maximum instead of a sort: one pass over millions of rows.
    """
    keyed = frame.with_columns(_period_key(period))
    latest = pl.col("authored") == pl.col("authored").max().over(["user_id", "period"])
    return keyed.filter(latest)


def area_means(
    frame: pl.DataFrame, *, level: str = "buurt", period: str = "all", k: int | None = None
) -> pl.DataFrame:
    """Mean, n and 95% confidence interval per area, period and key, suppressed.

    Sibling areas (the buurten of one wijk, ...) form a group for complementary suppression,
    because the parent's figure is published as well.
    """
    if level not in LEVELS or period not in PERIODS:
        raise ValueError(f"unknown level {level!r} or period {period!r}")
    parent = PARENT[level]
    latest = latest_per_resident(frame, period)
    by = [level, "period", "key"]
    parent_column = [] if parent == level else [pl.col(parent).first()]
    cells = (
        latest.group_by(by)
        .agg(
            *parent_column,
            pl.col("user_id").n_unique().alias("n"),
            pl.col("value").mean().alias("mean"),
            pl.col("value").std().fill_null(0.0).alias("sd"),
        )
        .with_columns(half=Z_95 * pl.col("sd") / pl.col("n").cast(pl.Float64).sqrt())
        .with_columns(
            _period_label(period),
            ci_low=(pl.col("mean") - pl.col("half")).round(2),
            ci_high=(pl.col("mean") + pl.col("half")).round(2),
            mean=pl.col("mean").round(2),
        )
        .select(*dict.fromkeys([parent, *by]), "n", "mean", "ci_low", "ci_high")
        .sort(list(dict.fromkeys([parent, *by])))
    )
    groups = [parent, "period", "key"] if parent != level else None
    return suppress(cells, count="n", values=["mean", "ci_low", "ci_high"], groups=groups, k=k)


def response_counts(
    frame: pl.DataFrame, *, level: str = "buurt", period: str = "all", k: int | None = None
) -> pl.DataFrame:
    """How many residents answered per area and period, suppressed."""
    parent = PARENT[level]
    by = list(dict.fromkeys([parent, level, "period"]))
    cells = (
        frame.with_columns(_period_key(period))
        .group_by(by)
        .agg(pl.col("user_id").n_unique().alias("n"))
        .with_columns(_period_label(period))
        .sort(by)
    )
    groups = list(dict.fromkeys([parent, "period"])) if parent != level else None
    return suppress(cells, count="n", values=[], groups=groups, k=k)


def response_rate(
    invited: pl.DataFrame, answered: pl.DataFrame, *, k: int | None = None
) -> pl.DataFrame:
    """Response rate per buurt: `invited` and `answered` have columns buurt, user_id.

    A buurt with fewer than k panel members shows no figures at all.
    """
    counts = (
        invited.group_by("buurt")
        .agg(pl.len().alias("invited"))
        .join(
            answered.group_by("buurt").agg(pl.col("user_id").n_unique().alias("answered")),
            on="buurt",
            how="left",
        )
        .with_columns(pl.col("answered").fill_null(0))
        .with_columns(rate=(pl.col("answered") / pl.col("invited") * 100).round(1))
        .sort("buurt")
    )
    return suppress(counts, count="invited", values=["answered", "rate"], k=k)
