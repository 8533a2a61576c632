"""Choropleth classes: natural breaks or quantiles, and what happens at the edges (few values,
one area, nothing at all, suppressed figures)."""

import pytest

from gezondewijk.web.map_classes import classify


def test_natural_breaks_put_clusters_in_their_own_class() -> None:
    values = [1.0, 2.0, 3.0, 10.0, 11.0, 12.0, 30.0, 31.0, 32.0]

    result = classify(values, k=3)

    assert result.method == "natural_breaks"
    assert result.breaks == [1.0, 3.0, 12.0, 32.0]
    assert result.counts == [3, 3, 3]
    assert result.classes == [0, 0, 0, 1, 1, 1, 2, 2, 2]


def test_quantiles_give_classes_of_equal_size() -> None:
    values = [float(v) for v in range(1, 9)]

    result = classify(values, k=4, method="quantiles")

    assert result.counts == [2, 2, 2, 2]
    assert result.breaks[0] == 1.0
    assert result.breaks[-1] == 8.0


def test_a_value_on_a_break_belongs_to_the_lower_class() -> None:
    result = classify([1.0, 2.0, 3.0, 10.0, 11.0, 12.0, 30.0, 31.0, 32.0], k=3)

    assert 3.0 in result.breaks
    assert result.classes[2] == 0


def test_fewer_distinct_values_than_classes_make_a_class_each() -> None:
    result = classify([2.0, 5.0, 2.0, 5.0, 7.0], k=5)

    assert result.method == "distinct"
    assert result.breaks == [2.0, 5.0, 7.0]
    assert result.counts == [2, 2, 1]
    assert result.classes == [0, 1, 0, 1, 2]
    assert [(c["low"], c["high"]) for c in result.legend()["classes"]] == [
        (2.0, 2.0),
        (5.0, 5.0),
        (7.0, 7.0),
    ]


def test_one_area_is_one_class() -> None:
    result = classify([42.5])

    assert result.counts == [1]
    assert result.classes == [0]


def test_no_values_at_all_make_no_classes_and_count_as_missing() -> None:
    result = classify([None, None, None])

    assert result.method == "none"
    assert result.breaks == []
    assert result.counts == []
    assert result.classes == [None, None, None]
    assert result.missing == 3
    assert classify([], suppressed=[]).legend()["classes"] == []


def test_suppressed_and_missing_are_counted_apart_and_never_classed_as_zero() -> None:
    values = [0.0, None, 5.0, 0.0, 9.0, 12.0, 20.0, 33.0]
    suppressed = [False, False, False, True, False, False, False, False]

    result = classify(values, suppressed=suppressed, k=3)

    assert result.classes[1] is None
    assert result.classes[3] is None  # suppressed, even though a value was stored
    assert result.missing == 1
    assert result.suppressed == 1
    assert sum(result.counts) == 6
    legend = result.legend()
    assert (legend["missing"], legend["suppressed"]) == (1, 1)


def test_every_shown_value_lies_within_its_class_bounds() -> None:
    values = [0.3, 4.1, 7.7, 8.0, 15.2, 15.3, 40.0, 41.0, 99.9, 100.0, 3.3, 2.2]

    for method in ("natural_breaks", "quantiles"):
        result = classify(values, k=5, method=method)  # type: ignore[arg-type]
        for value, cls in zip(values, result.classes, strict=True):
            assert cls is not None
            assert result.breaks[cls] <= value <= result.breaks[cls + 1]
        assert sum(result.counts) == len(values)


def test_lengths_must_match_and_k_must_be_positive() -> None:
    with pytest.raises(ValueError, match="length"):
        classify([1.0, 2.0], suppressed=[False])
    with pytest.raises(ValueError, match="k must"):
        classify([1.0], k=0)
