"""The engine on hierarchies with missing levels: wijken without buurten, gemeenten without
wijken, a region of whole gemeenten, and nothing at all. Every area with figures gets values,
parents sum their children level by level, and small resident-based cells stay hidden."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gezondewijk.indicators import benchmark, engine, sources
from tests import factories
from tests.indicators.test_engine import _definition, _figures, _lone_hidden, _value


def _tree(*rows: tuple[str | None, str | None, str | None, str]) -> pl.DataFrame:
    """One row per leaf area: buurt, wijk, gemeente, region (null below the leaf)."""
    return pl.DataFrame(
        rows,
        schema=dict.fromkeys(
            ["buurt_code", "wijk_code", "gemeente_code", "region_code"], pl.String
        ),
        orient="row",
    )


NO_FIGURES = pl.DataFrame(
    schema={
        "source": pl.String,
        "figure": pl.String,
        "area_code": pl.String,
        "period": pl.Int64,
        "value": pl.Float64,
        "level": pl.String,
    }
)


def _counts(*rows: tuple[str, float, float], year: int = 2024) -> list[tuple[str, str, int, float]]:
    """(area, old, all) as the figures `old` and `all` of one year."""
    return [
        (code, figure, year, value)
        for code, old, every in rows
        for figure, value in (("old", old), ("all", every))
    ]


def test_without_any_buurt_wijken_get_their_figures_and_parents_their_sums() -> None:
    tree = _tree(
        (None, "WK000101", "GM0001", "RG-test"),
        (None, "WK000102", "GM0001", "RG-test"),
    )
    figures = _figures(_counts(("WK000101", 30.0, 100.0), ("WK000102", 10.0, 300.0)))
    values = engine.compute(_definition(), figures, tree, k=10)
    assert set(values["area_code"]) == {"WK000101", "WK000102", "GM0001", "RG-test"}
    wijk = _value(values, "WK000101")
    assert (wijk["value"], wijk["basis"], wijk["parts_gap"]) == (30.0, "published", None)
    assert wijk["parent_code"] == "GM0001"
    gemeente = _value(values, "GM0001")
    assert (gemeente["numerator"], gemeente["denominator"]) == (40.0, 400.0)
    assert gemeente["basis"] == "sum"
    assert _value(values, "RG-test")["value"] == pytest.approx(10.0)


def test_a_wijk_without_buurten_counts_beside_a_wijk_summed_from_its_buurten() -> None:
    tree = _tree(
        ("BU00010101", "WK000101", "GM0001", "RG-test"),
        ("BU00010102", "WK000101", "GM0001", "RG-test"),
        (None, "WK000102", "GM0001", "RG-test"),
    )
    figures = _figures(
        _counts(("BU00010101", 30.0, 100.0), ("BU00010102", 5.0, 100.0), ("WK000102", 20.0, 50.0))
    )
    values = engine.compute(_definition(), figures, tree, k=10)
    summed, alone = _value(values, "WK000101"), _value(values, "WK000102")
    assert (summed["numerator"], summed["denominator"], summed["basis"]) == (35.0, 200.0, "sum")
    assert (alone["numerator"], alone["denominator"], alone["basis"]) == (20.0, 50.0, "published")
    gemeente = _value(values, "GM0001")
    assert (gemeente["numerator"], gemeente["denominator"]) == (55.0, 250.0)


def test_a_gemeente_sums_its_published_wijken_not_their_buurten() -> None:
    # The wijk is published (36 of 200) and its buurten sum to 35: the gemeente takes the
    # wijk as it is shown, and the wijk's gap is measured against its own children.
    tree = _tree(
        ("BU00010101", "WK000101", "GM0001", "RG-test"),
        ("BU00010102", "WK000101", "GM0001", "RG-test"),
    )
    figures = _figures(
        _counts(("BU00010101", 30.0, 100.0), ("BU00010102", 5.0, 100.0), ("WK000101", 36.0, 200.0))
    )
    aggregated = engine.aggregate(figures, tree).filter(pl.col("figure") == "old")
    by_code = {r["area_code"]: r for r in aggregated.iter_rows(named=True)}
    assert (by_code["WK000101"]["value"], by_code["WK000101"]["parts"]) == (36.0, 35.0)
    assert by_code["WK000101"]["parts_gap"] == pytest.approx(1 / 36)
    assert (by_code["GM0001"]["value"], by_code["GM0001"]["parts"]) == (36.0, 36.0)
    assert by_code["GM0001"]["basis"] == "sum"
    assert by_code["BU00010101"]["parts"] is None


def test_gemeenten_without_wijken_get_their_published_figures() -> None:
    tree = _tree((None, None, "GM0001", "RG-test"), (None, None, "GM0002", "RG-test"))
    figures = _figures(_counts(("GM0001", 30.0, 100.0), ("GM0002", 50.0, 100.0)))
    values = engine.compute(_definition(), figures, tree, k=10)
    assert set(values["level"]) == {"gemeente", "region"}
    gemeente = _value(values, "GM0001")
    assert (gemeente["value"], gemeente["basis"]) == (30.0, "published")
    assert gemeente["parts_gap"] is None  # no children to compare with


def test_a_region_of_whole_gemeenten_is_the_sum_of_their_published_figures() -> None:
    # GM0001 has wijken and a published figure of its own (which wins over its wijken's sum);
    # GM0002 has no wijken. The region sums the two gemeenten as published.
    tree = _tree(
        (None, "WK000101", "GM0001", "RG-test"),
        (None, "WK000102", "GM0001", "RG-test"),
        (None, None, "GM0002", "RG-test"),
    )
    figures = _figures(
        _counts(
            ("WK000101", 10.0, 100.0),
            ("WK000102", 10.0, 100.0),
            ("GM0001", 21.0, 205.0),
            ("GM0002", 40.0, 100.0),
        )
    )
    region = engine.aggregate(figures, tree).filter(pl.col("area_code") == "RG-test")
    value_of = dict(region.select("figure", "value").iter_rows())
    assert value_of == {"old": 61.0, "all": 305.0}
    assert set(region["basis"]) == {"sum"}
    values = engine.compute(_definition(), figures, tree, k=10)
    assert _value(values, "RG-test")["value"] == pytest.approx(100 * 61 / 305)
    assert _value(values, "GM0001")["parts_gap"] == pytest.approx(1 / 21)


def test_nothing_at_all_gives_an_empty_result() -> None:
    empty_tree = _tree()
    no_figures = NO_FIGURES
    for definitions in (_definition(), _definition().clear()):
        values = engine.compute(definitions, no_figures, empty_tree, k=10)
        assert values.is_empty()
        assert {"indicator_id", "area_code", "value", "suppressed"} <= set(values.columns)
    assert engine.aggregate(no_figures, empty_tree).is_empty()
    # Figures of areas the hierarchy does not hold: still nothing, and no crash.
    assert engine.compute(
        _definition(), _figures(_counts(("GM0001", 1, 2))), empty_tree, k=10
    ).is_empty()
    computed = engine.run(_definition(), no_figures, empty_tree, k=10)
    peers = benchmark.peer_groups(
        pl.DataFrame(schema=benchmark.PEER_PROFILE_SCHEMA), engine.parent_codes(empty_tree)
    )
    assert benchmark.benchmark(computed, peers).frame().is_empty()


def test_a_level_empty_everywhere_below_the_regions() -> None:
    # A region without gemeenten, beside a region with one.
    tree = _tree((None, None, None, "RG-empty"), (None, None, "GM0001", "RG-test"))
    figures = _figures(_counts(("GM0001", 30.0, 100.0)))
    values = engine.compute(_definition(resident_based=True), figures, tree, k=10)
    assert set(values["area_code"]) == {"GM0001", "RG-test"}


def test_suppression_hides_small_cells_and_their_complements_across_missing_levels() -> None:
    # GM0001: wijk WK000101 with two buurten, wijk WK000102 without buurten; GM0002 has no
    # wijken. The small buurt takes its sibling along; the small wijk without buurten takes
    # its sibling wijk; the small gemeente takes the other gemeente.
    tree = _tree(
        ("BU00010101", "WK000101", "GM0001", "RG-test"),
        ("BU00010102", "WK000101", "GM0001", "RG-test"),
        (None, "WK000102", "GM0001", "RG-test"),
        (None, None, "GM0002", "RG-test"),
    )
    rows = _counts(
        ("BU00010101", 1.0, 4.0),
        ("BU00010102", 10.0, 60.0),
        ("WK000102", 2.0, 6.0),
        ("GM0002", 3.0, 7.0),
    )
    definition = _definition(source="network", resident_based=True)
    values = engine.compute(definition, _figures(rows, "network"), tree, k=10)
    hidden = set(values.filter(pl.col("suppressed"))["area_code"])
    assert {"BU00010101", "BU00010102", "WK000102", "WK000101", "GM0002", "GM0001"} <= hidden
    assert values.filter(pl.col("suppressed") & pl.col("value").is_not_null()).is_empty()
    assert not _value(values, "RG-test")["suppressed"]  # 77 residents in all
    assert values.filter(~pl.col("suppressed") & (pl.col("n") < 10)).is_empty()


RAGGED = _tree(
    ("BU00010101", "WK000101", "GM0001", "RG-test"),
    ("BU00010102", "WK000101", "GM0001", "RG-test"),
    ("BU00010103", "WK000101", "GM0001", "RG-test"),
    (None, "WK000102", "GM0001", "RG-test"),
    (None, "WK000103", "GM0001", "RG-test"),
    (None, None, "GM0002", "RG-test"),
    ("BU00030101", "WK000301", "GM0003", "RG-test"),
    (None, "WK000302", "GM0003", "RG-test"),
)
LEAVES = [row[0] or row[1] or row[2] for row in RAGGED.iter_rows()]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.integers(min_value=1, max_value=30),
        min_size=len(LEAVES) * 2,
        max_size=len(LEAVES) * 2,
    )
)
def test_no_hidden_cell_stands_alone_in_a_ragged_hierarchy(sizes: list[int]) -> None:
    """The privacy rule of test_engine's property test, where figures come at every level
    (buurten, wijken without buurten, a gemeente without wijken)."""
    rows = [
        (code, figure, year, float(n) if figure == "all" else 0.0)
        for (code, year), n in zip(
            [(c, y) for y in (2024, 2025) for c in LEAVES], sizes, strict=True
        )
        for figure in ("old", "all")
    ]
    definition = _definition(source="network", resident_based=True)
    values = engine.compute(definition, _figures(rows, "network"), RAGGED, k=10)
    assert values.filter(pl.col("level") != "region")["parent_code"].is_in([""]).sum() == 0
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


def test_a_hierarchy_that_skips_a_level_above_an_area_is_refused() -> None:
    with pytest.raises(ValueError, match="BU00010101 has no wijk_code"):
        engine.compute(
            _definition(),
            NO_FIGURES,
            _tree(("BU00010101", None, "GM0001", "RG-test")),
            k=10,
        )


@pytest.mark.django_db
def test_the_database_hierarchy_holds_areas_of_every_level() -> None:
    region = factories.RegionFactory(slug="regio-niveaus")
    full = factories.GemeenteFactory(code="GM9101", region=region)
    with_buurten = factories.WijkFactory(code="WK910101", gemeente=full)
    factories.BuurtFactory(code="BU91010101", wijk=with_buurten)
    factories.WijkFactory(code="WK910102", gemeente=full)
    factories.GemeenteFactory(code="GM9102", region=region)
    outside = factories.GemeenteFactory(code="GM9103", region=None)
    factories.WijkFactory(code="WK910301", gemeente=outside)

    rows = set(sources.hierarchy().iter_rows())

    assert rows == {
        ("BU91010101", "WK910101", "GM9101", "RG-regio-niveaus"),
        (None, "WK910102", "GM9101", "RG-regio-niveaus"),
        (None, None, "GM9102", "RG-regio-niveaus"),
        (None, "WK910301", "GM9103", "RG-none"),
    }
