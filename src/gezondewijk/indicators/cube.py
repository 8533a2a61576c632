"""The dense core of the engine: figures as cubes (figure × area × year) in NumPy.

Areas are ordered region → gemeente → wijk → buurt so that the children of every parent lie
next to each other; a sum over children is then one `np.add.reduceat` per level, and every
indicator, interval, difference and trend is arithmetic on aligned arrays. No joins, no loop
over rows; the only Python loops run over levels (4) and peer groups (a few dozen).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import polars as pl

LEVELS = ("buurt", "wijk", "gemeente", "region")
Z95 = 1.959964  # two-sided 95 %


@dataclass
class Areas:
    """All areas in cube order: buurten first (grouped by wijk), then wijken, gemeenten,
    regions; `children[level]` gives reduceat starts of the level below, in that order."""

    codes: np.ndarray  # (A,) str
    level: np.ndarray  # (A,) int8, index into LEVELS
    parent: np.ndarray  # (A,) int64, -1 for a region
    region: np.ndarray  # (A,) int64
    offset: dict[int, int]  # first area index of each level
    count: dict[int, int]
    starts: dict[int, np.ndarray]  # level -> reduceat starts over the level below

    @property
    def size(self) -> int:
        return int(self.codes.size)

    def slice(self, level: int) -> slice:
        return slice(self.offset[level], self.offset[level] + self.count[level])

    def index_frame(self) -> pl.DataFrame:
        return pl.DataFrame({"area_code": self.codes, "area": np.arange(self.size)})


def areas_of(hierarchy: pl.DataFrame) -> Areas:
    h = hierarchy.sort("region_code", "gemeente_code", "wijk_code", "buurt_code")
    columns = ["buurt_code", "wijk_code", "gemeente_code", "region_code"]
    codes, level, parent, starts = [], [], [], {}
    offset: dict[int, int] = {}
    count: dict[int, int] = {}
    # Per level, the frame of its areas (unique, in order) with the id of its parent run.
    frame = h
    total = 0
    parent_ids: list[np.ndarray] = []
    for lvl, column in enumerate(columns):
        frame = frame.unique(column, maintain_order=True) if lvl else frame
        n = frame.height
        offset[lvl], count[lvl] = total, n
        codes.append(frame[column].to_numpy())
        level.append(np.full(n, lvl, np.int8))
        if lvl + 1 < len(columns):
            run = frame[columns[lvl + 1]].rle_id().to_numpy().astype(np.int64)
            parent_ids.append(run)
            starts[lvl + 1] = np.flatnonzero(np.diff(run, prepend=-1))
        total += n
    for lvl in range(len(columns)):
        if lvl + 1 < len(columns):
            parent.append(parent_ids[lvl] + offset[lvl + 1] + total * 0)
        else:
            parent.append(np.full(count[lvl], -1, np.int64))
    parent_all = np.concatenate(parent)
    region = np.arange(total)
    for _ in range(len(columns) - 1):
        region = np.where(parent_all[region] >= 0, parent_all[region], region)
    return Areas(
        codes=np.concatenate(codes).astype(str),
        level=np.concatenate(level),
        parent=parent_all,
        region=region,
        offset=offset,
        count=count,
        starts=starts,
    )


def fill_parents(published: np.ndarray, areas: Areas) -> tuple[np.ndarray, np.ndarray]:
    """(values, parts) over axis 1: each parent gets its published value where there is one,
    else the sum of its children's parts; `parts` is the sum of the buurten (NaN at buurt)."""
    values = published.copy()
    parts = np.full_like(published, np.nan)
    below = published[:, areas.slice(0)]  # the buurten's own figures
    for lvl in range(1, len(LEVELS)):
        present = ~np.isnan(below)
        sums = np.add.reduceat(np.where(present, below, 0.0), areas.starts[lvl], axis=1)
        seen = np.add.reduceat(present, areas.starts[lvl], axis=1) > 0
        level_parts = np.where(seen, sums, np.nan)
        here = areas.slice(lvl)
        parts[:, here] = level_parts
        values[:, here] = np.where(np.isnan(published[:, here]), level_parts, published[:, here])
        below = level_parts
    return values, parts


def wilson(num: np.ndarray, den: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """95 % Wilson score interval of num/den, in float32 (an interval needs no more)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        n = den.astype(np.float32)
        p = np.clip(num.astype(np.float32) / n, 0.0, 1.0)
        z2n = np.float32(Z95 * Z95) / n
        denom = 1 + z2n
        centre = (p + z2n / 2) / denom
        half = p * (1 - p)
        half /= n
        half += z2n / (4 * n)
        np.sqrt(half, out=half)
        half *= np.float32(Z95)
        half /= denom
    return centre - half, centre + half


def z_significant(n1: np.ndarray, d1: np.ndarray, n2: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """Two-proportion z-test, |z| > 1.96; False where it cannot be computed (float32)."""
    n1, d1, n2, d2 = (a.astype(np.float32) for a in (n1, d1, n2, d2))
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (n1 + n2) / (d1 + d2)
        variance = pooled * (1 - pooled)
        variance *= 1 / d1 + 1 / d2
        diff = n1 / d1
        diff -= n2 / d2
        return diff * diff > np.float32(Z95 * Z95) * variance


def trend(values: np.ndarray, years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Least-squares slope per year along the last axis, ignoring NaN; (slope, periods)."""
    known = ~np.isnan(values)
    n = known.sum(axis=-1)
    t = np.broadcast_to(years.astype(np.float64), values.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        t_mean = np.where(known, t, 0).sum(-1) / n
        v_mean = np.where(known, values, 0).sum(-1) / n
        dt = np.where(known, t - t_mean[..., None], 0)
        dv = np.where(known, values - v_mean[..., None], 0)
        sxx = (dt * dt).sum(-1)
        slope = np.where(sxx > 0, (dt * dv).sum(-1) / sxx, np.nan)
    return slope, n


def percentile_ranks(values: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Percentile rank (0–100, ties counted half) of each value among the areas (axis 1)
    with the same `group`, per indicator and year; and the number of valid peers.

    One argsort per peer group; ties get the mean of their ordinal ranks, found with running
    maxima over the sorted rows (no per-value search).
    """
    out = np.full(values.shape, np.nan)
    peers = np.zeros(values.shape, np.int32)
    order = np.argsort(group, kind="stable")
    bounds = np.flatnonzero(np.diff(group[order], prepend=-1, append=-2))
    for start, end in itertools.pairwise(bounds):
        members = order[start:end]
        block = np.moveaxis(values[:, members, :], 1, -1).reshape(-1, members.size)
        valid = ~np.isnan(block)
        count = valid.sum(-1, keepdims=True)
        sort = np.argsort(block, axis=-1, kind="stable")  # NaN last
        ranked = np.take_along_axis(block, sort, axis=-1)
        m = members.size
        position = np.broadcast_to(np.arange(m), ranked.shape)
        new = np.ones(ranked.shape, bool)
        new[:, 1:] = ranked[:, 1:] != ranked[:, :-1]
        first = np.maximum.accumulate(np.where(new, position, 0), axis=-1)
        last_new = np.ones(ranked.shape, bool)
        last_new[:, :-1] = new[:, 1:]
        last = (
            m
            - 1
            - np.maximum.accumulate(np.where(last_new, m - 1 - position, 0)[:, ::-1], axis=-1)[
                :, ::-1
            ]
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            pct_sorted = (first + last) / 2 / (count - 1) * 100
        pct = np.empty_like(pct_sorted)
        np.put_along_axis(pct, sort, pct_sorted, axis=-1)
        pct = np.where(valid & (count > 1), pct, np.nan)
        shape = (values.shape[0], values.shape[2], m)
        out[:, members, :] = np.moveaxis(pct.reshape(shape), -1, 1)
        peers[:, members, :] = np.moveaxis(
            np.broadcast_to(count, block.shape).reshape(shape), -1, 1
        )
    return out, peers
