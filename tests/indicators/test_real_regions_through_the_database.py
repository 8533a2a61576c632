"""The real CBS and GGD files through the whole pipeline: the importers, the database and
`indicators_compute`, as a region that brings its own files gets them."""

from pathlib import Path

import polars as pl
import pytest
from django.core.management import call_command

from gezondewijk.indicators import selectors
from gezondewijk.indicators.importers.external import import_statline_file
from gezondewijk.indicators.models import Indicator, IndicatorValue
from gezondewijk.places.importers.cbs import import_cbs_file

pytestmark = [pytest.mark.validation, pytest.mark.django_db]

NATIONAL = {"csv": "cbs_kwb_2024_85984NED_gm_wk_nl.csv", "json": "stripped_filtered_data_2024.json"}
GGD = "50140NED_TypedDataSet_22092025_192544.csv"
UTRECHT = ("cbs_kwb_2023_utrecht_gm0344.csv", "cbs_kwb_2024_utrecht_gm0344.csv")


def value_of(code: str, area: str, period: int) -> float | None:
    row = IndicatorValue.objects.get(indicator__code=code, area_code=area, period=period)
    return row.value


@pytest.mark.parametrize("form", ["csv", "json"])
def test_every_gemeente_and_wijk_of_the_national_file_gets_values(
    shared_data: Path, form: str
) -> None:
    import_cbs_file(path=shared_data / NATIONAL[form], year=2024)
    import_statline_file(path=shared_data / GGD, period=2024)

    call_command("indicators_compute", verbosity=0)

    with_values = IndicatorValue.objects.filter(value__isnull=False)
    for level, count in (("gemeente", 342), ("wijk", 3393)):
        areas = with_values.filter(level=level).values("area_code").distinct().count()
        assert areas == count, level
    # Published figures, as the file gives them: GM0344 has 374 238 inhabitants on 9 377 ha
    # of land, WK168000 3 590 on 1 465 ha.
    assert value_of("cbs-inhabitants", "GM0344", 2024) == 374238
    density = value_of("cbs-density", "WK168000", 2024)
    assert density == pytest.approx(3590 / 14.65, rel=1e-6)
    # The GGD monitor's gemeente figure (young adults, good self-rated health): 63.8 %.
    ggd = Indicator.objects.filter(source="external", numerator="GoedErvarenGezondheid_6")
    assert value_of(ggd.get().code, "GM0344", 2024) == pytest.approx(63.8)


def test_utrecht_2023_then_2024_gives_a_trend_for_every_wijk(shared_data: Path) -> None:
    for name in UTRECHT:
        import_cbs_file(path=shared_data / name)
    call_command("indicators_compute", verbosity=0)

    frame = selectors.benchmark_frame().join(
        pl.DataFrame(
            list(Indicator.objects.values_list("pk", "code")),
            schema={"indicator_id": pl.Int64, "code": pl.String},
            orient="row",
        ),
        on="indicator_id",
    )
    share_65 = frame.filter(
        (pl.col("code") == "cbs-65-plus") & (pl.col("level") == "wijk") & (pl.col("period") == 2024)
    )
    assert share_65.height == 10
    assert share_65["trend_periods"].to_list() == [2] * 10
    # Overvecht (WK034403): 65+ went from 4 825 of 34 910 to 4 900 of 35 255 (the two files).
    overvecht = share_65.filter(pl.col("area_code") == "WK034403").row(0, named=True)
    expected = 100 * (4900 / 35255 - 4825 / 34910)
    assert overvecht["trend_per_year"] == pytest.approx(expected, rel=1e-6)
