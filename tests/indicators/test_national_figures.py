"""The engine on the national key figures (CBS 85984NED: 342 gemeenten and 3 393 wijken, no
buurten) and the GGD monitor: every gemeente and wijk gets the values its figures allow.

The frames are built here from the files; importing them into the database is the CBS and
external importers' work, tested with them."""

from pathlib import Path

import polars as pl
import pytest

from gezondewijk.indicators import engine, sources

pytestmark = [pytest.mark.validation, pytest.mark.django_db]
NATIONAL = "cbs_kwb_2024_85984NED_gm_wk_nl.csv"
GGD = "50140NED_TypedDataSet_22092025_192544.csv"
YEAR = 2024
FIGURE_OF_COLUMN = {
    "AantalInwoners_5": "inhabitants",
    "Mannen_6": "men",
    "Vrouwen_7": "women",
    "Bevolkingsdichtheid_34": "population_density",
    "Woningvoorraad_35": "dwellings",
    "OppervlakteTotaal_122": "area_total_ha",
    "OppervlakteLand_123": "area_land_ha",
    "OppervlakteWater_124": "area_water_ha",
}
GGD_COLUMNS = [
    "GoedErvarenGezondheid_6",
    "GoedErvarenMentaleGezondheid_12",
    "EnigszinsTotSterkEenzaam_53",
    "Overgewicht_59",
    "MoeiteMetRondkomen_1",
]
SHARE_OF_MEN = -1  # an indicator of this test's own: men as a share of inhabitants


def _national(shared_data: Path) -> pl.DataFrame:
    return pl.read_csv(
        shared_data / NATIONAL,
        schema_overrides={"WijkenEnBuurten": pl.String}
        | dict.fromkeys(FIGURE_OF_COLUMN, pl.Float64),
    ).rename({"WijkenEnBuurten": "area_code", **FIGURE_OF_COLUMN})


def _ggd(shared_data: Path) -> pl.DataFrame:
    """The monitor's totals per gemeente, long: area_code, figure, value."""
    frame = pl.read_csv(shared_data / GGD, separator=";", infer_schema=False)
    frame = frame.rename({frame.columns[0]: frame.columns[0].lstrip("\ufeff")})
    return (
        frame.filter(
            (pl.col("Persoonskenmerken").str.strip_chars() == "T009002")
            & (pl.col("Marges").str.strip_chars() == "MW00000")
        )
        .select(
            pl.col("RegioS").str.strip_chars().alias("area_code"),
            *[pl.col(c).str.strip_chars().cast(pl.Float64, strict=False) for c in GGD_COLUMNS],
        )
        .filter(pl.col("area_code").str.starts_with("GM"))
        .unpivot(index="area_code", variable_name="figure")
        .drop_nulls("value")
    )


def _hierarchy(national: pl.DataFrame) -> pl.DataFrame:
    """One row per wijk, and per gemeente without wijken; all in one region."""
    codes = national["area_code"]
    wijken = pl.DataFrame({"wijk_code": codes.filter(codes.str.starts_with("WK"))})
    wijken = wijken.with_columns(
        ("GM" + pl.col("wijk_code").str.slice(2, 4)).alias("gemeente_code")
    )
    gemeenten = pl.DataFrame({"gemeente_code": codes.filter(codes.str.starts_with("GM"))})
    return (
        pl.concat([wijken, gemeenten.join(wijken, on="gemeente_code", how="anti")], how="diagonal")
        .with_columns(
            pl.lit(None, pl.String).alias("buurt_code"), pl.lit("RG-nl").alias("region_code")
        )
        .select("buurt_code", "wijk_code", "gemeente_code", "region_code")
    )


def _figures(national: pl.DataFrame, ggd: pl.DataFrame) -> pl.DataFrame:
    cbs = national.unpivot(index="area_code", variable_name="figure").drop_nulls("value")
    cbs = sources.with_derived_cbs(cbs.with_columns(pl.lit(YEAR).alias("period")))
    frames = [
        cbs.with_columns(pl.lit(sources.CBS).alias("source")),
        ggd.with_columns(pl.lit(YEAR).alias("period"), pl.lit(sources.EXTERNAL).alias("source")),
    ]
    columns = ["source", "figure", "area_code", "period", "value"]
    return pl.concat([f.select(columns) for f in frames], how="vertical_relaxed").with_columns(
        pl.col("area_code").str.slice(0, 2).replace({"WK": "wijk", "GM": "gemeente"}).alias("level")
    )


def _definitions() -> pl.DataFrame:
    """The default indicators, and the share of men (a proportion, summed like any count)."""
    defaults = sources.definitions()
    men = defaults.filter(pl.col("numerator") == "age_65_plus").with_columns(
        pl.lit(SHARE_OF_MEN, pl.Int64).alias("indicator_id"), pl.lit("men").alias("numerator")
    )
    return pl.concat([defaults, men])


@pytest.fixture
def files(shared_data: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    return _national(shared_data), _ggd(shared_data)


@pytest.fixture
def values(files: tuple[pl.DataFrame, pl.DataFrame]) -> pl.DataFrame:
    """The computed values, each with its indicator's figures: `figure` (the numerator) and
    `per` (the denominator, "" for a figure shown as it is)."""
    national, ggd = files
    definitions = _definitions()
    computed = engine.compute(
        definitions, _figures(national, ggd), _hierarchy(national), k=sources.min_cell_size()
    )
    figures = definitions.select(
        "indicator_id", pl.col("numerator").alias("figure"), pl.col("denominator").alias("per")
    )
    return computed.join(figures, on="indicator_id")


def _with_value(values: pl.DataFrame, level: str, figure: str, per: str = "") -> set[str]:
    return set(
        values.filter(
            (pl.col("figure") == figure)
            & (pl.col("per") == per)
            & (pl.col("level") == level)
            & pl.col("value").is_not_null()
        )["area_code"]
    )


def _value(values: pl.DataFrame, code: str, figure: str, per: str = "") -> dict:
    found = values.filter(
        (pl.col("area_code") == code) & (pl.col("figure") == figure) & (pl.col("per") == per)
    )
    assert found.height == 1
    return found.row(0, named=True)


def test_the_file_holds_342_gemeenten_and_3393_wijken(
    files: tuple[pl.DataFrame, pl.DataFrame],
) -> None:
    national, _ggd = files
    level = national["area_code"].str.slice(0, 2).value_counts()
    assert dict(level.iter_rows()) == {"GM": 342, "WK": 3393}


@pytest.mark.parametrize("level", ["gemeente", "wijk"])
def test_every_area_gets_the_values_its_figures_allow(
    files: tuple[pl.DataFrame, pl.DataFrame], values: pl.DataFrame, level: str
) -> None:
    national, _ggd = files
    prefix = {"gemeente": "GM", "wijk": "WK"}[level]
    areas = national.filter(pl.col("area_code").str.starts_with(prefix))
    assert areas.height == {"gemeente": 342, "wijk": 3393}[level]

    def allowed(condition: pl.Expr) -> set[str]:
        return set(areas.filter(condition)["area_code"])

    inhabited = pl.col("inhabitants") > 0
    assert _with_value(values, level, "inhabitants") == allowed(pl.col("inhabitants").is_not_null())
    assert _with_value(values, level, "men", "inhabitants") == allowed(
        inhabited & pl.col("men").is_not_null()
    )
    # Density: inhabitants per km² of land, where CBS gives land area.
    assert _with_value(values, level, "inhabitants", "area_land_km2") == allowed(
        pl.col("inhabitants").is_not_null() & (pl.col("area_land_ha") > 0)
    )


def test_values_match_the_file(values: pl.DataFrame) -> None:
    utrecht = _value(values, "GM0344", "inhabitants")
    assert (utrecht["value"], utrecht["basis"], utrecht["period"]) == (374238, "published", 2024)
    # Wijk 00 of Aa en Hunze: 1 750 men of 3 590 inhabitants.
    men = _value(values, "WK168000", "men", "inhabitants")
    assert men["value"] == pytest.approx(100 * 1750 / 3590)
    assert men["parent_code"] == "GM1680"
    assert men["ci_low"] < men["value"] < men["ci_high"]
    density = _value(values, "GM1680", "inhabitants", "area_land_km2")
    assert density["value"] == pytest.approx(25845 / 276.06)
    assert round(density["value"]) == 94  # CBS's own Bevolkingsdichtheid_34


def test_the_country_is_the_sum_of_its_published_gemeenten(
    files: tuple[pl.DataFrame, pl.DataFrame], values: pl.DataFrame
) -> None:
    national, _ggd = files
    gemeenten = national.filter(pl.col("area_code").str.starts_with("GM"))
    country = _value(values, "RG-nl", "inhabitants")
    assert (country["value"], country["basis"]) == (gemeenten["inhabitants"].sum(), "sum")


def test_ggd_figures_show_for_every_gemeente_the_monitor_covers(
    files: tuple[pl.DataFrame, pl.DataFrame], values: pl.DataFrame
) -> None:
    national, ggd = files
    gemeenten = set(national.filter(pl.col("area_code").str.starts_with("GM"))["area_code"])
    good_health = ggd.filter(pl.col("figure") == "GoedErvarenGezondheid_6")
    covered = set(good_health["area_code"]) & gemeenten
    assert len(covered) > 300
    shown = values.filter(pl.col("figure") == "GoedErvarenGezondheid_6")
    assert set(shown["area_code"]) == covered  # gemeenten only: a share is never summed
    expected = dict(good_health.select("area_code", "value").iter_rows())
    got = dict(shown.select("area_code", "value").iter_rows())
    assert got == {code: expected[code] for code in covered}
    assert got["GM0344"] == 63.8
