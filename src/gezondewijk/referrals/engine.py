"""Computation over many referrals, vectorised with Polars: proposals and suppressed figures.

No Django request and no query here; selectors hand in frames, this module returns frames.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from gezondewijk.privacy.suppression import SUPPRESSED, suppress

# -- proposals ---------------------------------------------------------------------------------

CANDIDATE_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "kind": pl.Utf8,  # "activity" or "initiative"
    "initiative_id": pl.Int64,
    "activity_id": pl.Int64,
    "title": pl.Utf8,
    "initiative": pl.Utf8,
    "date": pl.Date,
    "location_id": pl.Int64,
    "location": pl.Utf8,
    "buurt_id": pl.Int64,
    "in_wijk": pl.Boolean,
}
THEME_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "initiative_id": pl.Int64,
    "theme_id": pl.Int64,
}

# Why a proposal fits, weighted: the reason's themes first, then a place the resident already
# goes to (the strongest practical bridge), then nearness.
WEIGHT_THEME = 3
WEIGHT_VISITED = 3
WEIGHT_BUURT = 2
WEIGHT_WIJK = 1


@dataclass(frozen=True)
class Needs:
    theme_ids: frozenset[int]
    buurt_id: int
    visited_location_ids: frozenset[int]
    time_preference: str  # "", "doordeweeks" or "weekend"
    close_to_home: bool


def rank_proposals(
    candidates: pl.DataFrame, themes: pl.DataFrame, needs: Needs, *, limit: int = 8
) -> pl.DataFrame:
    """The candidates that share a theme with the reason and fit the needs, best first, with
    boolean columns saying why (`theme_matches`, `at_visited_place`, `in_buurt`, `in_wijk`).
    At most one activity per initiative, the soonest, so proposals are varied."""
    if candidates.is_empty() or not needs.theme_ids:
        return candidates.clear().with_columns(
            pl.lit(0).alias("theme_matches"),
            pl.lit(False).alias("at_visited_place"),
            pl.lit(False).alias("in_buurt"),
            pl.lit(0).alias("score"),
        )
    matches = (
        themes.filter(pl.col("theme_id").is_in(list(needs.theme_ids)))
        .group_by("initiative_id")
        .agg(pl.len().cast(pl.Int64).alias("theme_matches"))
    )
    weekday = pl.col("date").dt.weekday()  # 1 = Monday … 7 = Sunday
    time_fits = {
        "doordeweeks": pl.col("date").is_null() | (weekday <= 5),
        "weekend": pl.col("date").is_null() | (weekday >= 6),
    }.get(needs.time_preference, pl.lit(True))
    ranked = (
        candidates.join(matches, on="initiative_id", how="inner")
        .with_columns(
            pl.col("location_id")
            .is_in(list(needs.visited_location_ids))
            .fill_null(False)
            .alias("at_visited_place"),
            (pl.col("buurt_id") == needs.buurt_id).fill_null(False).alias("in_buurt"),
            pl.col("in_wijk").fill_null(False),
        )
        .filter(time_fits)
    )
    if needs.close_to_home:
        ranked = ranked.filter(pl.col("in_buurt") | pl.col("at_visited_place"))
    return (
        ranked.with_columns(
            (
                pl.col("theme_matches") * WEIGHT_THEME
                + pl.col("at_visited_place").cast(pl.Int64) * WEIGHT_VISITED
                + pl.col("in_buurt").cast(pl.Int64) * WEIGHT_BUURT
                + pl.col("in_wijk").cast(pl.Int64) * WEIGHT_WIJK
            ).alias("score")
        )
        .sort(["score", "date", "title"], descending=[True, False, False], nulls_last=True)
        .unique(subset=["kind", "initiative_id"], keep="first", maintain_order=True)
        .head(limit)
    )


# -- figures -----------------------------------------------------------------------------------

REFERRAL_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "referral_id": pl.Int64,
    "resident_id": pl.Int64,
    "practice": pl.Utf8,
    "wijk": pl.Utf8,
    "buurt": pl.Utf8,
    "theme": pl.Utf8,  # the reason category
    "created_at": pl.Datetime("us", "UTC"),
    "first_activity_on": pl.Date,
}
CHECK_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "user_id": pl.Int64,
    "response_id": pl.Int64,
    "authored": pl.Datetime("us", "UTC"),
    "value": pl.Float64,
}
LEVELS = ("practice", "wijk", "theme")
FIGURE_VALUES = [
    "referrals",
    "participation_pct",
    "median_days_to_activity",
    "health_change",
    "n_health",
]


def health_change(referrals: pl.DataFrame, checks: pl.DataFrame) -> pl.DataFrame:
    """Per referral: the mean Positive Health score of the last check before the referral,
    of the latest check after it, and the change between them (null without both)."""
    per_check = checks.group_by(["user_id", "response_id", "authored"]).agg(
        pl.col("value").mean().alias("score")
    )
    paired = referrals.select("referral_id", "resident_id", "created_at").join(
        per_check, left_on="resident_id", right_on="user_id", how="inner"
    )
    before = (
        paired.filter(pl.col("authored") <= pl.col("created_at"))
        .sort("authored")
        .group_by("referral_id")
        .agg(pl.col("score").last().alias("before"))
    )
    after = (
        paired.filter(pl.col("authored") > pl.col("created_at"))
        .sort("authored")
        .group_by("referral_id")
        .agg(pl.col("score").last().alias("after"))
    )
    return (
        referrals.select("referral_id")
        .join(before, on="referral_id", how="left")
        .join(after, on="referral_id", how="left")
        .with_columns((pl.col("after") - pl.col("before")).alias("change"))
    )


def figures(
    referrals: pl.DataFrame, checks: pl.DataFrame, *, level: str, k: int | None = None
) -> pl.DataFrame:
    """Referrals per `level` (practice, wijk or theme) with the share that led to taking part,
    the median days to the first activity and the mean change in health-check score.

    Cells count distinct residents (`n`) and go through the one suppression rule, with
    complementary suppression among the cells of the level (a total is shown beside them).
    The health change is its own cell: shown only when at least k residents have both checks.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    changes = health_change(referrals, checks)
    frame = referrals.join(changes.select("referral_id", "change"), on="referral_id", how="left")
    days = (pl.col("first_activity_on") - pl.col("created_at").dt.date()).dt.total_days()
    grouped = (
        frame.with_columns(pl.lit("all").alias("_all"), days.alias("days"))
        .group_by(level, "_all")
        .agg(
            pl.col("resident_id").n_unique().alias("n"),
            pl.len().alias("referrals"),
            (pl.col("first_activity_on").is_not_null().mean() * 100)
            .round(1)
            .alias("participation_pct"),
            pl.col("days").median().alias("median_days_to_activity"),
            pl.col("change").mean().round(2).alias("health_change"),
            pl.col("resident_id")
            .filter(pl.col("change").is_not_null())
            .n_unique()
            .alias("n_health"),
        )
        .sort(level)
    )
    shown = suppress(
        grouped.with_columns(pl.col("n_health").alias("_n_health")),
        count="n",
        values=FIGURE_VALUES,
        groups=["_all"],
        k=k,
    )
    return _suppress_health_change(shown, level=level, k=k).drop("_all")


def _suppress_health_change(shown: pl.DataFrame, *, level: str, k: int | None) -> pl.DataFrame:
    """Hide the health change of a cell with fewer than k residents with both checks, and
    complementary: the changes of all cells together follow from another level's table (per
    theme beside per wijk), so one hidden change would follow by subtraction. Cells without
    any change hide nothing and cannot protect one, so they take no part."""
    with_change = shown.filter(pl.col("_n_health") > 0).select(
        level,
        "_all",
        # A cell hidden as a whole keeps its change hidden and counts as hidden here.
        pl.when(pl.col(SUPPRESSED)).then(None).otherwise(pl.col("_n_health")).alias("_rule"),
    )
    hidden = suppress(with_change, count="_rule", values=[], groups=["_all"], k=k).filter(
        pl.col(SUPPRESSED)
    )
    return (
        shown.join(
            hidden.select(level, _change_hidden=pl.lit(True)),
            on=level,
            how="left",
            nulls_equal=True,
        )
        .with_columns(
            pl.when(pl.col("_change_hidden").fill_null(False))
            .then(None)
            .otherwise(pl.col("health_change"))
            .alias("health_change")
        )
        .drop("_n_health", "_change_hidden")
    )


def totals(
    referrals: pl.DataFrame, checks: pl.DataFrame, *, k: int | None = None
) -> dict[str, object]:
    """The same figures over everything, as one suppressed row."""
    whole = figures(referrals.with_columns(pl.lit("").alias("theme")), checks, level="theme", k=k)
    if whole.is_empty():
        return {"n": 0, "suppressed": True}
    return whole.row(0, named=True)


def buurt_counts(referrals: pl.DataFrame) -> pl.DataFrame:
    """Referred and taking-part residents per buurt and year, for the indicator source."""
    return (
        referrals.with_columns(pl.col("created_at").dt.year().cast(pl.Int64).alias("period"))
        .group_by("buurt", "period")
        .agg(
            pl.col("resident_id").n_unique().cast(pl.Float64).alias("referred"),
            pl.col("resident_id")
            .filter(pl.col("first_activity_on").is_not_null())
            .n_unique()
            .cast(pl.Float64)
            .alias("participating"),
        )
        .rename({"buurt": "area_code"})
        .unpivot(index=["area_code", "period"], variable_name="figure")
    )
