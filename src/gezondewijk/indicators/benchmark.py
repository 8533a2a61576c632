"""Benchmark: each area against its peer group, its parent area and the whole region.

Peer groups (documented method, no clustering, so a group never changes because a far-away
area changed): areas of the same level are binned on three CBS profile figures of the latest
period, and areas in the same three bins are peers.

- urbanity: CBS's class 1–5 taken as three bins: urban (1–2), moderate (3), rural (4–5);
- income: average income per inhabitant, in terciles within the level (unknown: its own bin);
- age structure: share of inhabitants aged 65 or over, in terciles within the level.

A group with fewer than three areas is too small to compare with: its areas fall back to the
group of their urbanity bin alone, and if that is still too small, to all areas of the level.

Per indicator, level and period the engine gives:
- percentile rank among peers: the share of peers with a lower value, ties counted half (0–100);
- difference with the parent area and with the region, with a two-proportion z-test for
  proportions (|z| > 1.96 is significant; other units get no test);
- trend: the least-squares slope of the value per year over all periods, and its sign.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
import polars.selectors

from gezondewijk.indicators import cube
from gezondewijk.indicators.engine import LEVELS, Computed

MIN_PEERS = 3
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
    full = pl.concat_str(
        [
            pl.lit("u"),
            urban,
            pl.lit("-i"),
            tercile("income"),
            pl.lit("-a"),
            tercile("share_65_plus"),
        ]
    )
    coarse = pl.concat_str([pl.lit("u"), urban])
    grouped = frame.with_columns(full.alias("full"), coarse.alias("coarse"))
    # A small region has few areas per level: a group needs MIN_PEERS members, else the areas
    # fall back to urbanity alone, and then to all areas of their level.
    size = pl.col("area_code").count()
    return grouped.select(
        "area_code",
        pl.when(size.over("level", "full") >= MIN_PEERS)
        .then(pl.col("full"))
        .when(size.over("level", "coarse") >= MIN_PEERS)
        .then(pl.col("coarse"))
        .otherwise(pl.lit("all"))
        .alias("peer_group"),
    )


@dataclass
class Benchmarked:
    """Benchmark arrays aligned with the Computed cube (indicator × area × year)."""

    computed: Computed
    peer_group: np.ndarray  # (A,) str
    peer_percentile: np.ndarray  # float32
    peers: np.ndarray
    sig_parent: np.ndarray
    sig_region: np.ndarray
    trend_per_year: np.ndarray  # (I, A)
    trend_periods: np.ndarray  # (I, A)

    def frame(self) -> pl.DataFrame:
        c = self.computed
        i, a, y = np.nonzero(c.present)
        value = c.value[i, a, y]
        # The parent's and the region's values are read from the cube where a row needs
        # them, instead of keeping two more national cubes.
        has_parent = c.areas.parent[a] >= 0
        parent = np.where(has_parent, c.value[i, np.maximum(c.areas.parent[a], 0), y], np.nan)
        region = c.value[i, c.areas.region[a], y]
        proportion = ~np.isnan(c.ci_low[i, a, y])
        return pl.DataFrame(
            {
                "indicator_id": c.indicator_ids[i],
                "area_code": c.areas.codes[a],
                "level": np.array(LEVELS)[c.areas.level[a]],
                "period": c.years[y],
                "value": value,
                "peer_group": self.peer_group[a],
                "peers": self.peers[i, a, y],
                "peer_percentile": self.peer_percentile[i, a, y].astype(np.float64),
                "parent_value": parent,
                "diff_parent": value - parent,
                "sig_parent": np.where(proportion, self.sig_parent[i, a, y], False),
                "region_value": region,
                "diff_region": value - region,
                "sig_region": np.where(proportion, self.sig_region[i, a, y], False),
                "trend_per_year": self.trend_per_year[i, a],
                "trend_periods": self.trend_periods[i, a],
            }
        ).with_columns(pl.selectors.float().fill_nan(None))


def benchmark(computed: Computed, peers: pl.DataFrame) -> Benchmarked:
    """Peer percentile, difference with parent and region (z-test), trend: all areas at once."""
    areas = computed.areas
    group_of = areas.index_frame().join(peers, on="area_code", how="left")
    group_of = group_of.sort("area").with_columns(pl.col("peer_group").fill_null("?"))
    peer_group = group_of["peer_group"].to_numpy()
    # Peers share level and group; the level goes into the key so levels never mix.
    key = group_of.select(
        pl.concat_str([pl.lit(areas.level.astype(str)), pl.col("peer_group")], separator="/")
    ).to_series()
    group_ids = key.cast(pl.Categorical).to_physical().to_numpy().astype(np.int64)
    shape = computed.value.shape
    result = Benchmarked(
        computed=computed,
        peer_group=peer_group,
        peer_percentile=np.empty(shape, np.float32),
        peers=np.empty(shape, np.int32),
        sig_parent=np.empty(shape, bool),
        sig_region=np.empty(shape, bool),
        trend_per_year=np.empty(shape[:2]),
        trend_periods=np.empty(shape[:2], np.int64),
    )
    cube.in_chunks(shape[0], lambda chunk: _benchmark_chunk(result, group_ids, chunk))
    return result


def _benchmark_chunk(out: Benchmarked, group_ids: np.ndarray, chunk: slice) -> None:
    c, areas = out.computed, out.computed.areas
    value, num, den = c.value[chunk], c.num[chunk], c.den[chunk]
    percentile, count = cube.percentile_ranks(value, group_ids)
    out.peer_percentile[chunk] = percentile
    out.peers[chunk] = count
    parent = np.maximum(areas.parent, 0)
    has_parent = (areas.parent >= 0)[None, :, None]
    out.sig_parent[chunk] = has_parent & cube.z_significant(
        num, den, num[:, parent, :], den[:, parent, :]
    )
    out.sig_region[chunk] = cube.z_significant(
        num, den, num[:, areas.region, :], den[:, areas.region, :]
    )
    slope, periods = cube.trend(value, c.years)
    out.trend_per_year[chunk] = slope
    out.trend_periods[chunk] = periods
