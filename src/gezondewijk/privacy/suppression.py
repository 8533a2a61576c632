"""The one suppression rule every aggregate goes through.

A cell that counts fewer than k residents is hidden. Hiding one cell is not enough when the
total of its group is shown too: the hidden value would follow by subtraction ("differencing").
So in every group where exactly one cell is hidden, the next smallest cell is hidden as well.
A table can have several margins (areas under their parent, and periods under a longer
period): then the rule is applied along each in turn until no group has a lone hidden cell.
"""

import numpy as np
import polars as pl
from django.conf import settings

SUPPRESSED = "suppressed"


def min_cell_size() -> int:
    return int(settings.PRIVACY_MIN_CELL_SIZE)


def is_publishable(count: int | None) -> bool:
    return count is not None and count >= min_cell_size()


def suppress(
    frame: pl.DataFrame,
    *,
    count: str = "n",
    values: list[str] | None = None,
    groups: list[str] | list[list[str]] | None = None,
    k: int | None = None,
) -> pl.DataFrame:
    """Return `frame` with small cells hidden.

    `count` names the column with the number of residents behind each cell; `values` the
    columns to blank out (default: every column except `count` and `groups`). `groups` names
    the columns whose combinations form sibling sets whose total is published elsewhere; within
    each, secondary suppression stops recovery by subtraction. The count of a hidden cell is
    blanked too. A boolean column `suppressed` tells which cells were hidden.

    `groups` may also be a list of such lists, one per margin whose totals are published
    (e.g. `[["wijk", "year"], ["buurt"]]`: buurten under their wijk, years under all time).
    A cell whose `count` is null is hidden (callers use this to hide a cell for a reason of
    their own, such as a published overlapping figure, and still have it protected here).
    """
    k = min_cell_size() if k is None else k
    margins = _margins(groups)
    if values is None:
        grouped = {c for margin in margins for c in margin}
        values = [c for c in frame.columns if c not in {count, *grouped}]

    primary = pl.col(count).is_null() | (pl.col(count) < k)
    marked = frame.with_columns(primary.alias(SUPPRESSED))
    # Each pass hides at least one more cell or stops, so this ends within the frame's height.
    before = -1
    while margins and before != marked[SUPPRESSED].sum():
        before = int(marked[SUPPRESSED].sum())
        for margin in margins:
            marked = _suppress_complementary(marked, count=count, groups=margin)

    hidden = pl.col(SUPPRESSED)
    return marked.with_columns(
        [
            pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c)
            for c in [*values, count]
            if c in marked.columns
        ]
    )


def _margins(groups: list[str] | list[list[str]] | None) -> list[list[str]]:
    if not groups:
        return []
    if all(isinstance(g, str) for g in groups):
        return [[str(g) for g in groups]]
    return [list(g) for g in groups if g]


def _suppress_complementary(frame: pl.DataFrame, *, count: str, groups: list[str]) -> pl.DataFrame:
    # Rank visible cells within each group by count, so the smallest one can be picked without
    # a loop. Hidden cells rank last.
    hidden_in_group = pl.col(SUPPRESSED).sum().over(groups)
    size_of_group = pl.len().over(groups)
    visible_rank = (
        pl.when(pl.col(SUPPRESSED))
        .then(None)
        .otherwise(pl.col(count))
        .rank(method="ordinal")
        .over(groups)
    )
    return frame.with_columns(
        (
            pl.col(SUPPRESSED)
            | ((hidden_in_group == 1) & (size_of_group > 1) & (visible_rank == 1))
        ).alias(SUPPRESSED)
    )


def suppress_runs(
    counts: np.ndarray, present: np.ndarray, starts: np.ndarray, *, k: int
) -> np.ndarray:
    """The same rule as `suppress`, on arrays instead of a frame: which cells to hide.

    `counts` and `present` are (…, cells, …) arrays whose axis 1 is cut into sibling groups of
    consecutive cells starting at `starts` (as `np.add.reduceat` takes them); every other axis
    keeps groups apart. Only present cells take part; with no groups (`starts` empty, as for an
    empty level) only the small cells themselves are hidden. The indicator engine holds its values
    this way (children of a parent lie next to each other), so it hides small cells of a whole
    country without building a frame row per cell; a test checks both forms agree.
    """
    with np.errstate(invalid="ignore"):
        primary = present & ~(counts >= k)  # a missing count is hidden too
    if starts.size == 0 or counts.shape[1] == 0:  # no groups (an empty level): nothing to add
        return primary
    visible = present & ~primary
    hidden_in_group = np.add.reduceat(primary, starts, axis=1, dtype=np.int32)
    size_of_group = np.add.reduceat(present, starts, axis=1, dtype=np.int32)
    lengths = np.diff(np.append(starts, counts.shape[1]))
    group_of = np.repeat(np.arange(starts.size), lengths)
    needs_second = ((hidden_in_group == 1) & (size_of_group > 1))[:, group_of]
    if not needs_second.any():
        return primary
    masked = np.where(visible, counts, np.inf)
    smallest = np.minimum.reduceat(masked, starts, axis=1)[:, group_of]
    candidate = needs_second & visible & (masked == smallest)
    # Ties go to the first cell of the group, as an ordinal rank over the frame's rows does.
    running = np.cumsum(candidate, axis=1, dtype=np.int32)
    before = np.zeros_like(running[:, : starts.size])
    inner = starts > 0
    before[:, inner] = running[:, starts[inner] - 1]
    second = candidate & (running - before[:, group_of] == 1)
    return primary | second
