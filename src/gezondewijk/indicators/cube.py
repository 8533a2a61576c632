"""The dense core of the engine: figures as cubes (figure × area × year) in NumPy.

Areas are ordered region → gemeente → wijk → buurt so that the children of every parent lie
next to each other; a sum over children is then one `np.add.reduceat` per level, and every
indicator, interval, difference and trend is arithmetic on aligned arrays. No joins, no loop
over rows; the only Python loops run over levels (4) and peer groups (a few dozen).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import polars as pl

LEVELS = ("buurt", "wijk", "gemeente", "region")
Z95 = 1.959964  # two-sided 95 %
# Indicators are computed a few at a time: one indicator of a national cube is about 1.4 MB a
# float array, so a chunk's temporaries stay in cache instead of streaming 150 MB arrays
# through memory for every arithmetic step.
CHUNK_INDICATORS = 2


def in_chunks(count: int, work: Callable[[slice], None], *, size: int = CHUNK_INDICATORS) -> None:
    """Run `work` on consecutive slices of `size` out of `count` (indicators, figures or rows),
    on all processor cores.

    NumPy releases the GIL inside its loops, so threads run chunks side by side; each chunk
    writes only its own slice of the output arrays.
    """
    chunks = [slice(i, min(i + size, count)) for i in range(0, count, size)]
    workers = min(os.cpu_count() or 1, 8, max(len(chunks), 1))
    if workers <= 1:
        for chunk in chunks:
            work(chunk)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for _ in pool.map(work, chunks):  # re-raises a chunk's error here
            pass


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
    parts = np.empty_like(published)

    def fill(chunk: slice) -> None:
        parts[chunk, areas.slice(0)] = np.nan
        below = published[chunk, areas.slice(0)]  # the buurten's own figures
        for lvl in range(1, len(LEVELS)):
            present = ~np.isnan(below)
            sums = np.add.reduceat(np.where(present, below, 0.0), areas.starts[lvl], axis=1)
            seen = np.add.reduceat(present, areas.starts[lvl], axis=1) > 0
            level_parts = np.where(seen, sums, np.nan)
            here = areas.slice(lvl)
            parts[chunk, here] = level_parts
            own = published[chunk, here]
            values[chunk, here] = np.where(np.isnan(own), level_parts, own)
            below = level_parts

    in_chunks(published.shape[0], fill)
    return values, parts


def wilson(
    num: np.ndarray, den: np.ndarray, *, out: tuple[np.ndarray, np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """95 % Wilson score interval of num/den, in float32 (an interval needs no more);
    written into `out` (low, high) when given."""
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
    low, high = out if out is not None else (np.empty_like(half), np.empty_like(half))
    np.subtract(centre, half, out=low)
    np.add(centre, half, out=high)
    return low, high


def z_significant(n1: np.ndarray, d1: np.ndarray, n2: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """Two-proportion z-test, |z| > 1.96; False where it cannot be computed."""
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = n1 + n2
        pooled /= d1 + d2
        variance = pooled * (1 - pooled)
        variance *= 1 / d1 + 1 / d2
        diff = n1 / d1
        diff -= n2 / d2
        diff *= diff
        variance *= Z95 * Z95
        return diff > variance


def trend(values: np.ndarray, years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Least-squares slope per year along the last axis, ignoring NaN; (slope, periods).

    From the four sums of the normal equations (over known values only), with the years
    centred so the sums stay small: one pass per sum instead of a pass per step.
    """
    known = ~np.isnan(values)
    weight = known.astype(values.dtype)
    t = (years - years.mean()).astype(values.dtype)
    v = np.where(known, values, 0.0)
    n = weight.sum(-1)
    st = weight @ t
    stt = weight @ (t * t)
    sv = v.sum(-1)
    stv = v @ t
    with np.errstate(divide="ignore", invalid="ignore"):
        sxx = n * stt - st * st
        slope = np.where(sxx > 1e-9, (n * stv - st * sv) / sxx, np.nan)
    return slope, n.astype(np.int64)


def percentile_ranks(values: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Percentile rank (0–100, ties counted half) of each value among the areas (axis 1)
    of the same peer `group`, per indicator and year; and the number of valid peers.

    No loop over groups: each (indicator, year) row is sorted by value, then stably by group
    (a radix sort on small integers), so every group becomes a run of sorted values at the
    same place in every row. A tie's rank is the mean of its first and last position in its
    run, found with running maxima; NaN sorts last and counts for nothing.
    """
    indicators, areas, years = values.shape
    _, dense = np.unique(group, return_inverse=True)
    dense = dense.astype(np.int16 if dense.max(initial=0) < 2**15 else np.int64)
    sizes = np.bincount(dense)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    run_of = np.repeat(np.arange(sizes.size), sizes)  # sorted position -> group
    rows = np.ascontiguousarray(values.transpose(0, 2, 1)).reshape(-1, areas)
    by_value = np.argsort(rows, axis=1)
    order = np.take_along_axis(by_value, np.argsort(dense[by_value], axis=1, kind="stable"), axis=1)
    ranked = np.take_along_axis(rows, order, axis=1)
    valid = ~np.isnan(ranked)
    count = np.add.reduceat(valid, starts, axis=1, dtype=np.int32)  # (rows, groups)
    position = np.arange(areas)
    new = np.ones(ranked.shape, bool)
    new[:, 1:] = ranked[:, 1:] != ranked[:, :-1]
    new[:, starts] = True
    first = np.maximum.accumulate(np.where(new, position, 0), axis=1)
    ends = np.ones(ranked.shape, bool)
    ends[:, :-1] = new[:, 1:]
    flipped = np.where(ends, areas - 1 - position, 0)[:, ::-1]
    last = areas - 1 - np.maximum.accumulate(flipped, axis=1)[:, ::-1]
    peers_sorted = count[:, run_of]
    with np.errstate(divide="ignore", invalid="ignore"):
        pct_sorted = ((first + last) / 2 - starts[run_of]) / (peers_sorted - 1) * 100
    pct_sorted[~valid | (peers_sorted < 2)] = np.nan
    pct = np.empty(rows.shape, np.float32)
    np.put_along_axis(pct, order, pct_sorted.astype(np.float32), axis=1)
    peers = count[:, dense]

    def back(array: np.ndarray) -> np.ndarray:
        return array.reshape(indicators, years, areas).transpose(0, 2, 1)

    return back(pct), back(peers)
