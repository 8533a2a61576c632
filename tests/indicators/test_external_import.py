"""Importing external figures from a long CSV: clear errors, nothing half-written, idempotent."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from gezondewijk.indicators.importers.external import (
    ExternalImportError,
    import_long_file,
    import_statline_file,
)
from gezondewijk.indicators.models import Figure
from tests.conftest import World

HEADER = "area_code,indicator,period,value\n"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # The messages are asserted in English; the Dutch catalogue is checked elsewhere.
    with translation.override("en"):
        yield


def _csv(tmp_path: Path, body: str, name: str = "leefomgeving.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_long_csv_imports_figures_of_known_areas(world: World, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        f"{world.wijk.code},env-green-space,2023,12.5\n"
        f'{world.buurt.code},env-noise,2023,"31,5"\n'
        "GM0999,env-noise,2023,40\n",
    )
    result = import_long_file(path=path)
    assert result.figures == 2
    assert result.skipped_areas == ["GM0999"]
    noise = Figure.objects.get(area_code=world.buurt.code, figure="env-noise")
    assert (noise.value, noise.level, noise.period) == (31.5, "buurt", 2023)


def test_reimport_updates_the_same_rows(world: World, tmp_path: Path) -> None:
    import_long_file(path=_csv(tmp_path, f"{world.wijk.code},env-no2,2022,21\n"))
    import_long_file(path=_csv(tmp_path, f"{world.wijk.code},env-no2,2022,19\n"))
    assert list(Figure.objects.values_list("value", flat=True)) == [19.0]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("WK12,env-no2,2022,1", "line 3, column area_code: not a CBS area code"),
        ("{wijk},nonsense,2022,1", "line 3, column indicator: no active external indicator"),
        ("{wijk},env-no2,22,1", "line 3, column period: not a year"),
        ("{wijk},env-no2,2022,veel", "line 3, column value: not a number ('veel')"),
        ("{wijk},env-no2,2022,", "line 3, column value: a value is required"),
        ("{wijk},env-no2,2021,3", "line 3, column indicator: appears more than once"),
    ],
)
def test_a_bad_line_is_named_and_nothing_changes(
    world: World, tmp_path: Path, row: str, message: str
) -> None:
    Figure.objects.create(
        source="external",
        figure="env-no2",
        area_code=world.wijk.code,
        level="wijk",
        period=2020,
        value=20,
    )
    path = _csv(tmp_path, f"{world.wijk.code},env-no2,2021,2\n" + row.format(wijk=world.wijk.code))
    with pytest.raises(ExternalImportError) as error:
        import_long_file(path=path)
    assert f"leefomgeving.csv, {message}" in str(error.value)
    assert list(Figure.objects.values_list("period", "value")) == [(2020, 20.0)]


def test_missing_columns_are_named(world: World, tmp_path: Path) -> None:
    path = tmp_path / "kaal.csv"
    path.write_text("area_code,value\nGM9001,1\n", encoding="utf-8")
    with pytest.raises(ExternalImportError, match=r"missing column.*indicator, period"):
        import_long_file(path=path)


def test_statline_export_with_a_bad_number_names_line_and_column(
    world: World, tmp_path: Path
) -> None:
    path = tmp_path / "50140NED_TypedDataSet.csv"
    path.write_bytes(
        "\ufeffID;Persoonskenmerken;Marges;RegioS;GoedErvarenGezondheid_6\n"
        "0;T009002;MW00000;GM9001  ;63.8\n"
        "1;T009002;MW00000;NL01  ;7x\n".encode()
    )
    with pytest.raises(ExternalImportError, match="line 3, column GoedErvarenGezondheid_6"):
        import_statline_file(path=path, period=2024)
    assert not Figure.objects.exists()


def test_statline_export_without_period_asks_for_one(world: World, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("RegioS;GoedErvarenGezondheid_6\nGM9001  ;60\n", encoding="utf-8")
    with pytest.raises(ExternalImportError, match="--period"):
        import_statline_file(path=path)
    import_statline_file(path=path, period=2022)
    assert Figure.objects.get().value == 60.0
