"""Figures from many responses at once, vectorised with Polars; every cell is suppressed.

Input frames have one row per derived value of a response:
    user_id, response_id, buurt, wijk, gemeente, region, authored (datetime), key, value
A resident counts once per cell: their latest response in the period.

The work is one pass: each resident's latest response per period is picked with one window
over a single integer key, the values are summed per buurt × period × key (n, sum, sum of
squares), and coarser levels are rolled up from those buurt cells (a resident's latest
response lies in exactly one buurt), so millions of rows are grouped once whatever the level.
"""

from __future__ import annotations

import polars as pl

from gezondewijk.privacy.suppression import SUPPRESSED, min_cell_size, suppress

LEVELS = ("buurt", "wijk", "gemeente", "region")
PARENT = {"buurt": "wijk", "wijk": "gemeente", "gemeente": "region", "region": "region"}
PERIODS = ("all", "year", "quarter")
Z_95 = 1.96
# Seconds since 2000-01-01 in the high bits, the response id in the low 32: one integer that
# orders a resident's responses by time, the later stored one first within the same second.
_EPOCH_2000 = 946_684_800
_ID_BITS = 32

VALUE_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "user_id": pl.Int64,
    "response_id": pl.Int64,
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
    day = pl.col("authored").dt.date()
    if period == "quarter":
        return (day.dt.year() * 10 + day.dt.quarter()).cast(pl.Int32).alias("period")
    if period == "year":
        return day.dt.year().cast(pl.Int32).alias("period")
    return pl.lit(0, pl.Int32).alias("period")


def _period_label(period: str) -> pl.Expr:
    """The readable period ("2025-Q2", "2025", "all"), made on the few aggregated cells."""
    key = pl.col("period")
    if period == "quarter":
        return pl.format("{}-Q{}", key // 10, key % 10).alias("period")
    if period == "year":
        return key.cast(pl.Utf8).alias("period")
    return pl.lit("all").alias("period")


def _has_response_ids(frame: pl.DataFrame) -> bool:
    return "response_id" in frame.columns and frame["response_id"].null_count() == 0


def latest_per_resident(frame: pl.DataFrame, period: str) -> pl.DataFrame:
    """The values of each resident's latest response per period (integer period key).

    A window maximum instead of a sort: one pass over millions of rows. With response ids
    exactly one response per resident and period remains; without them, responses with the
    same timestamp all remain (and a resident is still counted once, see area_means).
    """
    keyed = frame.lazy().with_columns(_period_key(period))
    if not _has_response_ids(frame):
        latest = pl.col("authored") == pl.col("authored").max().over(["user_id", "period"])
        return keyed.filter(latest).collect()
    seconds = pl.col("authored").dt.epoch("s") - _EPOCH_2000
    order = (seconds * (1 << _ID_BITS)) + (pl.col("response_id") % (1 << _ID_BITS))
    resident_period = pl.col("user_id") * 100_000 + pl.col("period")
    return (
        keyed.with_columns(order=order, resident_period=resident_period)
        .filter(pl.col("order") == pl.col("order").max().over("resident_period"))
        .drop("order", "resident_period")
        .collect()
    )


def _buurt_cells(frame: pl.DataFrame, period: str, areas: list[str]) -> pl.LazyFrame:
    """n, sum and sum of squares per buurt × period × key, with the buurt's larger areas."""
    needed = ["user_id", "authored", "key", "value", *areas]
    if _has_response_ids(frame):
        needed.append("response_id")
    latest = latest_per_resident(frame.select(needed), period).lazy()
    # With response ids one response per resident and period remains: a row is a resident.
    n = pl.len() if _has_response_ids(frame) else pl.col("user_id").n_unique()
    return latest.group_by(["buurt", "period", "key"]).agg(
        *[pl.col(a).first() for a in areas if a != "buurt"],
        n.cast(pl.Int64).alias("n"),
        pl.len().cast(pl.Int64).alias("values"),
        pl.col("value").sum().alias("sum"),
        (pl.col("value") * pl.col("value")).sum().alias("squares"),
    )


# A longer period's figure overlaps the figures of the periods inside it: all time holds each
# resident's latest answer, and so does the last year with answers for those who answered then.
FINER = {"all": "year", "year": "quarter"}


def area_means(
    frame: pl.DataFrame, *, level: str = "buurt", period: str = "all", k: int | None = None
) -> pl.DataFrame:
    """Mean, n and 95% confidence interval per area, period and key, suppressed.

    Sibling areas (the buurten of one wijk, ...) form a group for complementary suppression,
    because the parent's figure is published as well; so do the years of an area (under all
    time) and the quarters of a year. See `_suppressed` for the guard between periods.
    """
    if level not in LEVELS or period not in PERIODS:
        raise ValueError(f"unknown level {level!r} or period {period!r}")
    parent = PARENT[level]
    columns = list(dict.fromkeys([parent, level, "period", "key"]))
    return _suppressed(frame, level=level, period=period, k=k).select(
        *columns, "n", "mean", "ci_low", "ci_high", SUPPRESSED
    )


def _cells(frame: pl.DataFrame, *, level: str, period: str) -> pl.LazyFrame:
    """n, number of values, sum and sum of squares per area × period × key."""
    parent = PARENT[level]
    areas = list(LEVELS[: LEVELS.index(parent) + 1])
    by = [level, "period", "key"]
    if level != "buurt" and not _has_response_ids(frame):
        # Without response ids a resident could sit in two buurten at one timestamp;
        # count them once, from the rows themselves.
        return (
            latest_per_resident(frame, period)
            .lazy()
            .group_by(by)
            .agg(
                *([] if parent == level else [pl.col(parent).first()]),
                pl.col("user_id").n_unique().cast(pl.Int64).alias("n"),
                pl.len().cast(pl.Int64).alias("values"),
                pl.col("value").sum().alias("sum"),
                (pl.col("value") * pl.col("value")).sum().alias("squares"),
            )
        )
    cells = _buurt_cells(frame, period, areas)
    if level == "buurt":
        return cells
    return cells.group_by(by).agg(
        *([] if parent == level else [pl.col(parent).first()]),
        pl.col("n").sum(),
        pl.col("values").sum(),
        pl.col("sum").sum(),
        pl.col("squares").sum(),
    )


def _table(cells: pl.LazyFrame, *, level: str, period: str) -> pl.DataFrame:
    """Mean, standard deviation and interval from the sums, labels and order; not suppressed.

    `_pk` keeps the period as an integer (20252, 2025, 0) for the guard between periods.
    """
    parent = PARENT[level]
    by = [level, "period", "key"]
    count = pl.col("values").cast(pl.Float64)
    mean = pl.col("sum") / count
    variance = ((pl.col("squares") - count * mean * mean) / (count - 1)).clip(lower_bound=0.0)
    sd = pl.when(pl.col("values") > 1).then(variance.sqrt()).otherwise(0.0)
    columns = list(dict.fromkeys([parent, *by]))
    return (
        cells.with_columns(mean=mean, sd=sd, _pk=pl.col("period"))
        .with_columns(half=Z_95 * pl.col("sd") / pl.col("n").cast(pl.Float64).sqrt())
        .with_columns(
            _period_label(period),
            ci_low=(pl.col("mean") - pl.col("half")).round(2),
            ci_high=(pl.col("mean") + pl.col("half")).round(2),
            mean=pl.col("mean").round(2),
            n=pl.col("n").cast(pl.UInt32),
        )
        .select(
            *[pl.col(c) if c == "period" else pl.col(c).cast(pl.Utf8) for c in columns],
            "n",
            "mean",
            "ci_low",
            "ci_high",
            "_pk",
        )
        .sort(columns)
        .collect()
    )


def _suppressed(frame: pl.DataFrame, *, level: str, period: str, k: int | None) -> pl.DataFrame:
    """The table with small cells hidden, safe against differencing between periods too.

    A longer period's cell minus the cell of its last shorter period (all time minus the last
    year, a year minus its last quarter) leaves the residents whose latest answer came before:
    when they are fewer than k the longer cell is hidden, with the next smallest such remainder
    among its sibling areas. A longer cell is also hidden when that last shorter cell is, so
    the two tables never show a hidden cell's complement. The raw count stays in `_n`.
    """
    parent = PARENT[level]
    k = min_cell_size() if k is None else k
    table = _table(_cells(frame, level=level, period=period), level=level, period=period)
    table = table.with_columns(_n=pl.col("n").cast(pl.Int64), _year=pl.col("_pk") // 10)
    areas = [[parent, "_pk", "key"]] if parent != level else []
    held_back = pl.lit(False)
    if period in FINER:
        finer = FINER[period]
        fine = _suppressed(frame, level=level, period=finer, k=k)
        outer = "_year" if finer == "quarter" else None
        fine = fine.with_columns(_outer=pl.col(outer) if outer else pl.lit(0, pl.Int32))
        last = fine.filter(pl.col("_pk") == pl.col("_pk").max().over([level, "key", "_outer"]))
        table = table.join(
            last.select(
                level,
                "key",
                pl.col("_outer").cast(pl.Int32).alias("_pk"),
                pl.col("_n").alias("_n_last"),
                pl.col(SUPPRESSED).alias("_hidden_last"),
            ),
            on=[level, "key", "_pk"],
            how="left",
        ).with_columns(_remainder=pl.col("_n") - pl.col("_n_last").fill_null(0))
        remainders = suppress(
            table.filter(pl.col("_remainder") > 0).select(
                *{parent, level, "_pk", "key"}, "_remainder"
            ),
            count="_remainder",
            values=[],
            groups=areas or None,
            k=k,
        ).filter(pl.col(SUPPRESSED))
        table = table.join(
            remainders.select(level, "_pk", "key", _remainder_hidden=pl.lit(True)),
            on=[level, "_pk", "key"],
            how="left",
        )
        held_back = pl.col("_remainder_hidden").fill_null(False) | pl.col("_hidden_last").fill_null(
            False
        )
    periods = {"year": [[level, "key"]], "quarter": [[level, "key", "_year"]]}.get(period, [])
    return suppress(
        table.with_columns(_rule=pl.when(held_back).then(None).otherwise(pl.col("_n"))),
        count="_rule",
        values=["n", "mean", "ci_low", "ci_high"],
        groups=[*areas, *periods] or None,
        k=k,
    )


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
