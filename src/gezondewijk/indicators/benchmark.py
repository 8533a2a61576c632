"""Benchmark: each area against its peer group, its parent area and the whole region.

Peer groups (documented method, no clustering, so a group never changes because a far-away
area changed): areas of the same level are binned on three CBS profile figures of the latest
period, and areas in the same three bins are peers.

- urbanity: CBS's class 1–5 taken as three bins: urban (1–2), moderate (3), rural (4–5);
- income: average income per inhabitant, in terciles within the level (unknown: its own bin);
- age structure: share of inhabitants aged 65 or over, in terciles within the level.

Per indicator, level and period the engine gives:
- percentile rank among peers: the share of peers with a lower value, ties counted half (0–100);
- difference with the parent area and with the region, with a two-proportion z-test for
  proportions (|z| > 1.96 is significant; other units get no test);
- trend: the least-squares slope of the value per year over all periods, and its sign.
"""

from __future__ import annotations

import polars as pl

from gezondewijk.indicators.engine import LEVELS, Z95

PEER_PROFILE_SCHEMA = {
    "area_code": pl.String,
    "urbanity": pl.Int64,
    "income": pl.Float64,
    "share_65_plus": pl.Float64,
}


def peer_groups(profile: pl.DataFrame, levels: pl.DataFrame) -> pl.DataFrame:
    """area_code → peer_group, from a profile (PEER_PROFILE_SCHEMA) and area levels."""
    frame = profile.join(levels.select("area_code", "level"), on="area_code", how="inner")

    def tercile(column: str) -> pl.Expr:
        rank = pl.col(column).rank("ordinal").over("level")
        count = pl.col(column).count().over("level")
        return (
            pl.when(pl.col(column).is_null())
            .then(pl.lit("?"))
            .otherwise(((rank - 1) * 3 // count.clip(1, None) + 1).cast(pl.String))
        )

    urban = (
        pl.when(pl.col("urbanity").is_null())
        .then(pl.lit("?"))
        .when(pl.col("urbanity") <= 2)
        .then(pl.lit("1"))
        .when(pl.col("urbanity") == 3)
        .then(pl.lit("2"))
        .otherwise(pl.lit("3"))
    )
    return frame.select(
        "area_code",
        pl.concat_str(
            [pl.lit("u"), urban, pl.lit("-i"), tercile("income"), pl.lit("-a"), tercile("share_65_plus")]
        ).alias("peer_group"),
    )


def region_of(hierarchy: pl.DataFrame) -> pl.DataFrame:
    return pl.concat(
        [
            hierarchy.select(pl.col(f"{lvl}_code").alias("area_code"), "region_code").unique()
            for lvl in LEVELS
        ]
    )


def _z_test(p1: pl.Expr, n1: pl.Expr, p2: pl.Expr, n2: pl.Expr) -> pl.Expr:
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    se = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).sqrt()
    return pl.when(se > 0).then((p1 - p2) / se).otherwise(None)


def benchmark(
    values: pl.DataFrame, hierarchy: pl.DataFrame, peers: pl.DataFrame
) -> pl.DataFrame:
    """values: the engine's compute() output (suppressed rows have null values)."""
    base = values.select(
        "indicator_id",
        "area_code",
        "level",
        "parent_code",
        "period",
        "value",
        "numerator",
        "denominator",
        pl.col("ci_low").is_not_null().alias("proportion"),
    )
    base = base.join(peers, on="area_code", how="left").join(
        region_of(hierarchy), on="area_code", how="left"
    )
    keys = ["indicator_id", "period"]
    other = base.select(
        *keys,
        "area_code",
        pl.col("value").alias("o_value"),
        pl.col("numerator").alias("o_num"),
        pl.col("denominator").alias("o_den"),
    )
    base = base.join(
        other.rename({"area_code": "parent_code", "o_value": "parent_value", "o_num": "p_num", "o_den": "p_den"}),
        on=[*keys, "parent_code"],
        how="left",
    ).join(
        other.rename({"area_code": "region_code", "o_value": "region_value", "o_num": "r_num", "o_den": "r_den"}),
        on=[*keys, "region_code"],
        how="left",
    )
    group = ["indicator_id", "level", "period", "peer_group"]
    valid = pl.col("value").is_not_null()
    rank = pl.col("value").rank("average").over(group)
    count = pl.col("value").count().over(group)
    p = pl.col("numerator") / pl.col("denominator")
    n = pl.col("denominator")
    z_parent = _z_test(p, n, pl.col("p_num") / pl.col("p_den"), pl.col("p_den"))
    z_region = _z_test(p, n, pl.col("r_num") / pl.col("r_den"), pl.col("r_den"))
    out = base.with_columns(
        pl.when(valid & (count > 1))
        .then((rank - 1) / (count - 1) * 100)
        .otherwise(None)
        .alias("peer_percentile"),
        count.alias("peers"),
        (pl.col("value") - pl.col("parent_value")).alias("diff_parent"),
        (pl.col("value") - pl.col("region_value")).alias("diff_region"),
        pl.when(pl.col("proportion")).then(z_parent.abs() > Z95).alias("sig_parent"),
        pl.when(pl.col("proportion")).then(z_region.abs() > Z95).alias("sig_region"),
    )
    return out.join(trends(values), on=["indicator_id", "area_code"], how="left").select(
        "indicator_id",
        "area_code",
        "level",
        "period",
        "value",
        "peer_group",
        "peers",
        "peer_percentile",
        "parent_value",
        "diff_parent",
        "sig_parent",
        "region_value",
        "diff_region",
        "sig_region",
        "trend_per_year",
        "trend_periods",
    )


def trends(values: pl.DataFrame) -> pl.DataFrame:
    """Least-squares slope per year of each area's value over all its periods."""
    keys = ["indicator_id", "area_code"]
    known = values.filter(pl.col("value").is_not_null()).select(*keys, "period", "value")
    t = pl.col("period").cast(pl.Float64)
    centred = known.with_columns(
        (t - t.mean().over(keys)).alias("dt"),
        (pl.col("value") - pl.col("value").mean().over(keys)).alias("dv"),
    )
    return (
        centred.group_by(keys)
        .agg(
            (pl.col("dt") * pl.col("dv")).sum().alias("sxy"),
            (pl.col("dt") * pl.col("dt")).sum().alias("sxx"),
            pl.len().alias("trend_periods"),
        )
        .select(
            *keys,
            pl.when(pl.col("sxx") > 0)
            .then(pl.col("sxy") / pl.col("sxx"))
            .otherwise(None)
            .alias("trend_per_year"),
            "trend_periods",
        )
    )
