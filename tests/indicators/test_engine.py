"""The computation and benchmark engine on small frames: rules that could silently go wrong."""

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gezondewijk.indicators import benchmark, cube, engine

HIERARCHY = pl.DataFrame(
    {
        "buurt_code": ["BU00010101", "BU00010102", "BU00010201"],
        "wijk_code": ["WK000101", "WK000101", "WK000102"],
        "gemeente_code": ["GM0001"] * 3,
        "region_code": ["RG-test"] * 3,
    }
)


def _definition(**overrides: object) -> pl.DataFrame:
    row = {
        "indicator_id": 1,
        "source": "cbs",
        "numerator": "old",
        "denominator": "all",
        "scale": 100.0,
        "proportion": True,
        "additive": True,
        "resident_based": False,
        "levels": ["buurt", "wijk", "gemeente", "region"],
        "higher_is_better": False,
        "bronze": 30.0,
        "silver": 20.0,
        "gold": 10.0,
    }
    row.update(overrides)
    return pl.DataFrame([row], schema=engine.DEFINITION_SCHEMA)


def _figures(rows: list[tuple[str, str, int, float]], source: str = "cbs") -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=["area_code", "figure", "period", "value"], orient="row")
    level = (
        pl.col("area_code").str.slice(0, 2).replace({"BU": "buurt", "WK": "wijk", "GM": "gemeente"})
    )
    return frame.with_columns(pl.lit(source).alias("source"), level.alias("level"))


BUURT_COUNTS = [
    ("BU00010101", "old", 2024, 30.0),
    ("BU00010101", "all", 2024, 100.0),
    ("BU00010102", "old", 2024, 5.0),
    ("BU00010102", "all", 2024, 100.0),
    ("BU00010201", "old", 2024, 50.0),
    ("BU00010201", "all", 2024, 200.0),
]


def _value(values: pl.DataFrame, code: str) -> dict:
    return values.filter(pl.col("area_code") == code).row(0, named=True)


def test_parents_sum_numerators_and_denominators_of_their_buurten() -> None:
    values = engine.compute(_definition(), _figures(BUURT_COUNTS), HIERARCHY, k=10)
    wijk = _value(values, "WK000101")
    assert (wijk["numerator"], wijk["denominator"], wijk["basis"]) == (35.0, 200.0, "sum")
    assert wijk["value"] == pytest.approx(17.5)
    assert _value(values, "RG-test")["value"] == pytest.approx(100 * 85 / 400)


def test_a_published_parent_figure_wins_and_the_gap_is_kept() -> None:
    published = [("WK000101", "old", 2024, 36.0), ("WK000101", "all", 2024, 200.0)]
    values = engine.compute(_definition(), _figures(BUURT_COUNTS + published), HIERARCHY, k=10)
    wijk = _value(values, "WK000101")
    assert (wijk["numerator"], wijk["basis"]) == (36.0, "published")
    assert wijk["parts_gap"] == pytest.approx(1 / 36)


def test_wilson_interval_surrounds_the_share_and_stays_within_bounds() -> None:
    values = engine.compute(_definition(), _figures(BUURT_COUNTS), HIERARCHY, k=10)
    buurt = _value(values, "BU00010102")  # 5 of 100
    assert buurt["ci_low"] == pytest.approx(2.15, abs=0.01)  # Wilson 95 % for 5/100
    assert buurt["ci_high"] == pytest.approx(11.17, abs=0.01)
    assert buurt["ci_low"] < buurt["value"] < buurt["ci_high"]


def test_public_figures_are_never_suppressed() -> None:
    small = [("BU00010101", "old", 2024, 1.0), ("BU00010101", "all", 2024, 3.0)]
    values = engine.compute(_definition(), _figures(small), HIERARCHY, k=10)
    assert not values["suppressed"].any()


def test_resident_based_cells_below_k_are_hidden_with_a_sibling() -> None:
    rows = [
        ("BU00010101", "old", 2024, 2.0),
        ("BU00010101", "all", 2024, 6.0),  # below k
        ("BU00010102", "old", 2024, 5.0),
        ("BU00010102", "all", 2024, 40.0),  # its only sibling: hidden against differencing
        ("BU00010201", "old", 2024, 10.0),
        ("BU00010201", "all", 2024, 50.0),
    ]
    definition = _definition(source="network", resident_based=True)
    values = engine.compute(definition, _figures(rows, "network"), HIERARCHY, k=10)
    first, second = _value(values, "BU00010101"), _value(values, "BU00010102")
    assert first["suppressed"]
    assert first["value"] is None
    assert first["numerator"] is None
    assert second["suppressed"]
    assert second["value"] is None
    assert not _value(values, "BU00010201")["suppressed"]


TREE = pl.DataFrame(
    [
        ("BU00010101", "WK000101", "GM0001"),
        ("BU00010102", "WK000101", "GM0001"),
        ("BU00010201", "WK000102", "GM0001"),
        ("BU00010301", "WK000103", "GM0001"),
        ("BU00010302", "WK000103", "GM0001"),
        ("BU00010303", "WK000103", "GM0001"),
        ("BU00020101", "WK000201", "GM0002"),
        ("BU00020102", "WK000201", "GM0002"),
    ],
    schema=["buurt_code", "wijk_code", "gemeente_code"],
    orient="row",
).with_columns(pl.lit("RG-test").alias("region_code"))


def _lone_hidden(rows: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    return (
        rows.group_by(by)
        .agg(pl.len().alias("cells"), pl.col("suppressed").sum().alias("hidden"))
        .filter((pl.col("cells") > 1) & (pl.col("hidden") == 1))
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.integers(min_value=1, max_value=30),
        min_size=TREE.height * 2,
        max_size=TREE.height * 2,
    )
)
def test_no_hidden_cell_stands_alone_among_siblings_family_or_years(sizes: list[int]) -> None:
    """Whatever the counts, no visible cell is below k, and no relation a reader can subtract
    over holds exactly one hidden cell: the children of a parent, a parent with its children
    (it is their sum), the years of one area (all time is their sum)."""
    rows = [
        (code, figure, year, float(n) if figure == "all" else 0.0)
        for (code, year), n in zip(
            [(c, y) for y in (2024, 2025) for c in TREE["buurt_code"]], sizes, strict=True
        )
        for figure in ("old", "all")
    ]
    definition = _definition(source="network", resident_based=True)
    values = engine.compute(definition, _figures(rows, "network"), TREE, k=10)
    children = values.select("area_code", "parent_code", "period", "suppressed")
    families = pl.concat(
        [
            children.select(pl.col("parent_code").alias("family"), "period", "suppressed"),
            children.select(pl.col("area_code").alias("family"), "period", "suppressed"),
        ]
    )

    assert values.filter(~pl.col("suppressed") & (pl.col("n") < 10)).is_empty()
    assert _lone_hidden(children, ["parent_code", "period"]).is_empty()
    assert _lone_hidden(families, ["family", "period"]).is_empty()
    assert _lone_hidden(children, ["area_code"]).is_empty()


def test_bloom_level_follows_the_direction() -> None:
    values = engine.compute(_definition(), _figures(BUURT_COUNTS), HIERARCHY, k=10)
    # lower is better: 30 % reaches bronze (<= 30), 5 % gold (<= 10), 25 % bronze
    assert _value(values, "BU00010101")["bloom"] == 1
    assert _value(values, "BU00010102")["bloom"] == 3
    higher = engine.compute(
        _definition(higher_is_better=True, bronze=10.0, silver=20.0, gold=30.0),
        _figures(BUURT_COUNTS),
        HIERARCHY,
        k=10,
    )
    assert _value(higher, "BU00010101")["bloom"] == 3
    assert _value(higher, "BU00010102")["bloom"] == 0


def test_overall_bloom_is_the_level_two_thirds_of_the_indicators_reach() -> None:
    values = pl.DataFrame(
        {
            "area_code": ["WK1"] * 3 + ["WK2"] * 3,
            "period": [2024] * 6,
            "value": [1.0] * 6,
            "bloom": [3, 3, 1, 3, 1, 0],
        }
    )
    overall = dict(engine.overall_bloom(values).select("area_code", "overall").iter_rows())
    assert overall == {"WK1": 3, "WK2": 1}


def test_trend_is_the_least_squares_slope_per_year() -> None:
    values = np.array([[[10.0, 12.0, np.nan, 16.0]]])
    slope, periods = cube.trend(values, np.array([2020, 2021, 2022, 2023]))
    assert slope[0, 0] == pytest.approx(2.0)
    assert periods[0, 0] == 3


def test_benchmark_ranks_among_peers_and_tests_the_difference_with_the_parent() -> None:
    computed = engine.run(_definition(), _figures(BUURT_COUNTS), HIERARCHY, k=10)
    peers = pl.DataFrame(
        {"area_code": HIERARCHY["buurt_code"].to_list(), "peer_group": ["a", "a", "a"]}
    )
    result = benchmark.benchmark(computed, peers).frame()
    buurt = result.filter(pl.col("area_code") == "BU00010101").row(0, named=True)
    assert buurt["peer_percentile"] == 100.0  # 30 % is the highest of the three buurten
    assert buurt["diff_parent"] == pytest.approx(30 - 17.5)
    assert buurt["sig_parent"] is True
    near = result.filter(pl.col("area_code") == "BU00010201").row(0, named=True)
    assert near["diff_region"] == pytest.approx(25 - 21.25)
    assert near["sig_region"] is False


def test_peer_groups_bin_urbanity_income_and_age() -> None:
    profile = pl.DataFrame(
        {
            "area_code": ["A", "B", "C"],
            "urbanity": [1, 3, 5],
            "income": [20.0, 30.0, None],
            "share_65_plus": [0.1, 0.2, 0.3],
        }
    )
    levels = pl.DataFrame({"area_code": ["A", "B", "C"], "level": ["wijk"] * 3})
    groups = dict(benchmark.peer_groups(profile, levels).iter_rows())
    # Each full group would hold one wijk: too few, so they all compare with every wijk.
    assert groups == {"A": "all", "B": "all", "C": "all"}
    many = pl.DataFrame(
        {
            "area_code": [f"W{i}" for i in range(9)],
            "urbanity": [1] * 9,
            "income": [float(i) for i in range(9)],
            "share_65_plus": [0.1 * i for i in range(9)],
        }
    )
    groups = dict(
        benchmark.peer_groups(many, many.select("area_code", level=pl.lit("wijk"))).iter_rows()
    )
    assert groups["W0"] == "u1-i1-a1"
    assert groups["W8"] == "u1-i3-a3"


def test_percentile_ranks_count_ties_half_and_skip_missing_values() -> None:
    values = np.array([[[1.0], [2.0], [2.0], [np.nan], [5.0]]])
    group = np.array([0, 0, 0, 0, 1])
    pct, peers = cube.percentile_ranks(values, group)
    assert pct[0, :3, 0].tolist() == [0.0, 75.0, 75.0]
    assert np.isnan(pct[0, 3, 0])
    assert np.isnan(pct[0, 4, 0])
    assert peers[0, 0, 0] == 3
