"""Small cells are hidden, and cannot be recovered by subtraction from a published total."""

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gezondewijk.privacy.suppression import SUPPRESSED, is_publishable, suppress, suppress_runs


def test_cells_below_k_are_hidden_with_their_count() -> None:
    frame = pl.DataFrame({"buurt": ["a", "b", "c"], "n": [3, 10, 25], "mean": [6.0, 7.0, 8.0]})

    result = suppress(frame, count="n", values=["mean"], k=10)

    assert result["mean"].to_list() == [None, 7.0, 8.0]
    assert result["n"].to_list() == [None, 10, 25]
    assert result[SUPPRESSED].to_list() == [True, False, False]


def test_k_comes_from_the_setting(settings: pytest.FixtureRequest) -> None:
    settings.PRIVACY_MIN_CELL_SIZE = 30  # type: ignore[attr-defined]
    frame = pl.DataFrame({"n": [25, 40], "share": [0.1, 0.2]})

    assert suppress(frame)["share"].to_list() == [None, 0.2]
    assert not is_publishable(29)
    assert is_publishable(30)


def test_a_lone_hidden_cell_in_a_group_takes_the_next_smallest_with_it() -> None:
    # With the wijk total published, buurt b = total - a - c; so one more cell must go.
    frame = pl.DataFrame(
        {
            "wijk": ["w1", "w1", "w1", "w2", "w2"],
            "buurt": ["a", "b", "c", "d", "e"],
            "n": [50, 4, 20, 30, 40],
        }
    )

    result = suppress(frame, count="n", values=[], groups=["wijk"], k=10)

    assert result[SUPPRESSED].to_list() == [False, True, True, False, False]


def test_missing_counts_are_treated_as_too_small() -> None:
    frame = pl.DataFrame({"n": [None, 12], "v": [1, 2]}, schema={"n": pl.Int64, "v": pl.Int64})

    assert suppress(frame, k=10)["v"].to_list() == [None, 2]


counts = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(groups=st.lists(counts, min_size=1, max_size=5), k=st.integers(min_value=1, max_value=20))
def test_no_small_cell_is_ever_published_nor_derivable(groups: list[list[int]], k: int) -> None:
    rows = [(g, i, n) for g, cells in enumerate(groups) for i, n in enumerate(cells)]
    frame = pl.DataFrame(rows, schema=["group", "cell", "n"], orient="row").with_columns(
        value=pl.col("n") * 2
    )

    result = suppress(frame, count="n", values=["value"], groups=["group"], k=k)

    shown = result.filter(~pl.col(SUPPRESSED))
    assert (shown["n"] >= k).all()
    hidden_per_group = result.group_by("group").agg(
        pl.col(SUPPRESSED).sum().alias("hidden"), pl.len().alias("size")
    )
    # Never exactly one hidden cell in a group with siblings: it would follow from the total.
    lonely = hidden_per_group.filter((pl.col("hidden") == 1) & (pl.col("size") > 1))
    assert lonely.height == 0
    assert result.filter(pl.col(SUPPRESSED))["value"].null_count() == int(result[SUPPRESSED].sum())


@settings(max_examples=200, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=1, max_size=6),
    data=st.data(),
)
def test_the_array_form_hides_exactly_what_the_frame_form_hides(
    sizes: list[int], data: st.DataObject
) -> None:
    # Groups of consecutive cells along axis 1, two independent rows on axis 0, three on
    # axis 2; ties and missing cells included.
    cells = sum(sizes)
    counts = np.array(
        data.draw(st.lists(st.integers(0, 14), min_size=cells * 6, max_size=cells * 6)),
        float,
    ).reshape(2, cells, 3)
    present = np.array(
        data.draw(st.lists(st.booleans(), min_size=cells * 6, max_size=cells * 6))
    ).reshape(2, cells, 3)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group = np.repeat(np.arange(len(sizes)), sizes)

    hidden = suppress_runs(counts, present, starts, k=10)

    row, cell, col = np.nonzero(present)
    frame = pl.DataFrame(
        {"row": row, "group": group[cell], "col": col, "n": counts[row, cell, col]}
    )
    expected = suppress(frame, count="n", values=[], groups=["row", "group", "col"], k=10)
    assert hidden[row, cell, col].tolist() == expected[SUPPRESSED].to_list()
    assert not hidden[~present].any()
