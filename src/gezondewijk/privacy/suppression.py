"""The one suppression rule every aggregate goes through.

A cell that counts fewer than k residents is hidden. Hiding one cell is not enough when the
total of its group is shown too: the hidden value would follow by subtraction ("differencing").
So in every group where exactly one cell is hidden, the next smallest cell is hidden as well.
"""

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
    groups: list[str] | None = None,
    k: int | None = None,
) -> pl.DataFrame:
    """Return `frame` with small cells hidden.

    `count` names the column with the number of residents behind each cell; `values` the
    columns to blank out (default: every column except `count` and `groups`). `groups` names
    the columns whose combinations form sibling sets whose total is published elsewhere; within
    each, secondary suppression stops recovery by subtraction. The count of a hidden cell is
    blanked too. A boolean column `suppressed` tells which cells were hidden.
    """
    k = min_cell_size() if k is None else k
    groups = groups or []
    if values is None:
        values = [c for c in frame.columns if c not in {count, *groups}]

    primary = pl.col(count).is_null() | (pl.col(count) < k)
    marked = frame.with_columns(primary.alias(SUPPRESSED))
    if groups:
        marked = _suppress_complementary(marked, count=count, groups=groups)

    hidden = pl.col(SUPPRESSED)
    return marked.with_columns(
        [
            pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c)
            for c in [*values, count]
            if c in marked.columns
        ]
    )


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
