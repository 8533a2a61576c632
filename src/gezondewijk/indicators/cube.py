"""The dense core of the engine: figures as cubes (figure × area × year) in NumPy.

Areas are ordered region → gemeente → wijk → buurt so that the children of every parent lie
next to each other; a sum over children is then one `np.add.reduceat` per level (over the
parents that have children: a level may be missing under some parents, or everywhere), and every
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


HIERARCHY_COLUMNS = ("buurt_code", "wijk_code", "gemeente_code", "region_code")


@dataclass
class Areas:
    """All areas in cube order: buurten first (grouped by wijk), then wijken (grouped by
    gemeente), gemeenten (grouped by region), regions.

    A parent may have no children (a wijk without buurten, a gemeente without wijken): then it
    is in no group. `starts[level]` cuts the level below into its groups of siblings (as
    `np.add.reduceat` takes them), and `groups[level]` says which area of `level` (counted
    within the level) each group belongs to; both are empty when the level below is.
    """

    codes: np.ndarray  # (A,) str
    level: np.ndarray  # (A,) int8, index into LEVELS
    parent: np.ndarray  # (A,) int64, -1 for a region
    region: np.ndarray  # (A,) int64
    offset: dict[int, int]  # first area index of each level
    count: dict[int, int]
    starts: dict[int, np.ndarray]  # level -> reduceat starts over the level below
    groups: dict[int, np.ndarray]  # level -> the parent (within its level) of each group

    @property
    def size(self) -> int:
        return int(self.codes.size)

    def slice(self, level: int) -> slice:
        return slice(self.offset[level], self.offset[level] + self.count[level])

    def index_frame(self) -> pl.DataFrame:
        return pl.DataFrame({"area_code": self.codes, "area": np.arange(self.size)})


def check_hierarchy(hierarchy: pl.DataFrame) -> pl.DataFrame:
    """The hierarchy's four code columns (String), after checking that every area names all
    the levels above it and lies in one parent only; raises ValueError otherwise."""
    h = hierarchy.select(pl.col(c).cast(pl.String) for c in HIERARCHY_COLUMNS)
    for lvl, column in enumerate(HIERARCHY_COLUMNS[:-1]):
        above = HIERARCHY_COLUMNS[lvl + 1]
        orphans = h.filter(pl.col(column).is_not_null() & pl.col(above).is_null())
        if orphans.height:
            raise ValueError(f"{orphans[column][0]} has no {above}")
        parents = h.drop_nulls(column).group_by(column).agg(pl.col(above).n_unique())
        split = parents.filter(pl.col(above) > 1)
        if split.height:
            raise ValueError(f"{split[column][0]} lies in more than one {above}")
    return h


def areas_of(hierarchy: pl.DataFrame) -> Areas:
    """The cube's areas from the hierarchy: one row per leaf area (a buurt, a wijk without
    buurten, a gemeente without wijken, or a region without gemeenten) with the codes of the
    levels above it, and null below it."""
    h = check_hierarchy(hierarchy).sort(
        list(reversed(HIERARCHY_COLUMNS)), nulls_last=True, maintain_order=True
    )
    # Sorted from the region down, each level's areas come grouped by parent, and the groups
    # in the order of the parents: the areas of a level are its column's codes, once each.
    frames = [
        h.filter(pl.col(column).is_not_null()).unique(column, keep="first", maintain_order=True)
        for column in HIERARCHY_COLUMNS
    ]
    offset: dict[int, int] = {}
    count: dict[int, int] = {}
    total = 0
    for lvl, frame in enumerate(frames):
        offset[lvl], count[lvl] = total, frame.height
        total += frame.height
    parent = np.full(total, -1, np.int64)
    starts: dict[int, np.ndarray] = {}
    groups: dict[int, np.ndarray] = {}
    for lvl in range(len(frames) - 1):
        above = HIERARCHY_COLUMNS[lvl + 1]
        codes_above = frames[lvl + 1][above]
        # Each area's parent, counted within the parent's level (codes are unique there).
        position = (
            frames[lvl][above]
            .replace_strict(codes_above, np.arange(codes_above.len()), return_dtype=pl.Int64)
            .to_numpy()
        )
        parent[offset[lvl] : offset[lvl] + count[lvl]] = position + offset[lvl + 1]
        starts[lvl + 1] = np.flatnonzero(np.diff(position, prepend=-1)).astype(np.int64)
        groups[lvl + 1] = position[starts[lvl + 1]]
    region = np.arange(total)
    for _ in range(len(frames) - 1):
        region = np.where(parent[region] >= 0, parent[region], region)
    codes = [
        frame[column].to_numpy() for frame, column in zip(frames, HIERARCHY_COLUMNS, strict=True)
    ]
    return Areas(
        codes=np.concatenate(codes).astype(str) if total else np.array([], str),
        level=np.repeat(np.arange(len(frames), dtype=np.int8), [f.height for f in frames]),
        parent=parent,
        region=region,
        offset=offset,
        count=count,
        starts=starts,
        groups=groups,
    )


def sum_children(below: np.ndarray, areas: Areas, level: int) -> np.ndarray:
    """Per area of `level`, the sum over axis 1 of its children's values in `below` (the
    level under it, NaN: no value), ignoring children without a value; NaN for an area
    without children or none with a value."""
    shape = (below.shape[0], areas.count[level], *below.shape[2:])
    sums = np.full(shape, np.nan)
    starts = areas.starts[level]
    if starts.size:
        present = ~np.isnan(below)
        total = np.add.reduceat(np.where(present, below, 0.0), starts, axis=1)
        seen = np.add.reduceat(present, starts, axis=1, dtype=np.int32) > 0
        sums[:, areas.groups[level]] = np.where(seen, total, np.nan)
    return sums


def fill_parents(published: np.ndarray, areas: Areas) -> tuple[np.ndarray, np.ndarray]:
    """(values, parts) over axis 1, level by level from the buurten up: each parent's value
    is its published one where there is one, else its parts; its parts are the sum of its
    children's values (published or summed themselves), NaN without children with a value.
    A buurt has no parts (NaN)."""
    values = published.copy()
    parts = np.empty_like(published)

    def fill(chunk: slice) -> None:
        parts[chunk, areas.slice(0)] = np.nan
        for lvl in range(1, len(LEVELS)):
            level_parts = sum_children(values[chunk, areas.slice(lvl - 1)], areas, lvl)
            here = areas.slice(lvl)
            parts[chunk, here] = level_parts
            own = published[chunk, here]
            values[chunk, here] = np.where(np.isnan(own), level_parts, own)

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
    if areas == 0 or values.size == 0:
        return np.full(values.shape, np.nan, np.float32), np.zeros(values.shape, np.int32)
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
