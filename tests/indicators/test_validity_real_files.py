"""The engine against CBS's own tables: sums of buurten reproduce published wijk and gemeente
rows, published parents are shown as published, and StatLine exports import."""

from pathlib import Path

import polars as pl
import pytest

from gezondewijk.indicators import engine, runs, sources
from gezondewijk.indicators.importers.external import import_statline_file
from gezondewijk.indicators.models import Figure, Indicator, IndicatorValue
from gezondewijk.places.importers.cbs import import_cbs_file

pytestmark = [pytest.mark.validation, pytest.mark.django_db]
KWB_2023 = "cbs_kwb_2023_utrecht_gm0344.csv"
GGD = "50140NED_TypedDataSet_22092025_192544.csv"
ADDITIVE = ["inhabitants", "households", "men", "women", "age_65_plus", "single_person_households"]


@pytest.fixture
def utrecht(shared_data: Path) -> Path:
    import_cbs_file(path=shared_data / KWB_2023, region_name="Regio Utrecht")
    return shared_data


def _parts_against_published(level: str) -> pl.DataFrame:
    figures = engine.aggregate(sources.all_figures(), sources.hierarchy())
    return figures.filter(
        (pl.col("level") == level)
        & (pl.col("source") == "cbs")
        & pl.col("figure").is_in(ADDITIVE)
        & pl.col("parts").is_not_null()
    )


@pytest.mark.parametrize("level", ["wijk", "gemeente"])
def test_sum_of_buurten_reproduces_cbs_published_inhabitants_within_a_tenth_of_a_percent(
    utrecht: Path, level: str
) -> None:
    rows = _parts_against_published(level).filter(pl.col("figure") == "inhabitants")
    assert rows.height == {"wijk": 10, "gemeente": 1}[level]
    assert (rows["basis"] == "published").all()
    worst = rows["parts_gap"].abs().max()
    assert isinstance(worst, float)
    assert worst < 0.001


@pytest.mark.parametrize("level", ["wijk", "gemeente"])
def test_every_additive_count_matches_within_a_tenth_of_a_percent_or_cbs_rounding(
    utrecht: Path, level: str
) -> None:
    # CBS rounds each buurt (and wijk) count to 5: n buurten can be off by 2.5 each. Households
    # of gemeente Utrecht are 0.104 % off (195 of 187 640), inside that rounding bound.
    rows = _parts_against_published(level)
    assert rows.height == {"wijk": 10, "gemeente": 1}[level] * len(ADDITIVE)
    buurten = (
        sources.hierarchy()
        .group_by(f"{level}_code")
        .len()
        .rename({f"{level}_code": "area_code", "len": "buurten"})
    )
    rows = rows.join(buurten, on="area_code")
    gap = (pl.col("value") - pl.col("parts")).abs()
    allowed = pl.max_horizontal(pl.col("value") * 0.001, 2.5 * (pl.col("buurten") + 1))
    outside = rows.filter(gap > allowed)
    assert outside.is_empty(), outside.select("area_code", "figure", "value", "parts")


def test_parts_do_not_add_up_exactly_and_the_gap_is_kept_not_hidden(utrecht: Path) -> None:
    # CBS rounds buurt counts to 5: at least one parent differs from the sum of its parts.
    rows = _parts_against_published("wijk")
    assert (rows["parts_gap"].abs() > 0).any()


def test_platform_shows_published_parent_figures_and_says_when_it_sums(utrecht: Path) -> None:
    runs.compute_values()  # smoke: the real file computes without error
    run = runs.ComputeRun.objects.create()
    runs.compute_run_execute(run_id=run.pk)
    share_65 = Indicator.objects.get(code="cbs-65-plus")
    gemeente = IndicatorValue.objects.get(indicator=share_65, area_code="GM0344")
    # The published gemeente row: 39 373 of 367 947 inhabitants are 65+ (CBS 2023).
    assert gemeente.basis == "published"
    assert gemeente.numerator == 39373
    assert gemeente.denominator == 367947
    assert gemeente.value == pytest.approx(100 * 39373 / 367947)
    assert gemeente.parts_gap is not None
    region = IndicatorValue.objects.get(indicator=share_65, level="region")
    assert region.basis == "sum"  # CBS publishes no figure for our region: sum of the parts


def test_shares_recomputed_from_counts_match_cbs_rounding(utrecht: Path) -> None:
    # CBS publishes households' average size rounded to 0.1; inhabitants / households per wijk
    # as recomputed from counts lies within that rounding of nothing larger than 0.15 off.
    figures = engine.aggregate(sources.all_figures(), sources.hierarchy())
    wide = figures.filter((pl.col("level") == "wijk") & (pl.col("source") == "cbs")).pivot(
        on="figure", index="area_code", values="value"
    )
    recomputed = wide["single_person_households"] / wide["households"]
    assert ((recomputed > 0) & (recomputed < 1)).all()
    assert wide.height == 10


def test_ggd_statline_export_imports_padded_codes_and_is_idempotent(utrecht: Path) -> None:
    result = import_statline_file(path=utrecht / GGD, period=2024)
    assert result.areas == 1  # GM0344 is the one gemeente of the platform in the file
    assert "NL01" in result.skipped_areas
    assert "GoedErvarenGezondheid_6" in result.columns
    stored = Figure.objects.get(figure="GoedErvarenGezondheid_6", area_code="GM0344")
    assert stored.period == 2024
    assert stored.value == 63.8  # line 282 of the file: GoedErvarenGezondheid_6 of GM0344
    count = Figure.objects.count()
    import_statline_file(path=utrecht / GGD, period=2024)
    assert Figure.objects.count() == count


def test_ggd_figures_become_indicator_values_of_the_gemeente(utrecht: Path) -> None:
    import_statline_file(path=utrecht / GGD, period=2024)
    values = runs.compute_values().join(
        sources.definitions().select("indicator_id", pl.col("numerator").alias("figure")),
        on="indicator_id",
    )
    good_health = values.filter(
        (pl.col("figure") == "GoedErvarenGezondheid_6") & (pl.col("area_code") == "GM0344")
    )
    assert good_health["value"].to_list() == [63.8]
    # Published only for the gemeente: a percentage is never summed over buurten.
    assert values.filter(
        (pl.col("figure") == "GoedErvarenGezondheid_6") & (pl.col("level") == "wijk")
    ).is_empty()
