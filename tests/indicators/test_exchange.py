"""The national exchange format: export, import elsewhere, refuse what is malformed."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from gezondewijk.indicators import exchange
from gezondewijk.indicators.importers.external import ExternalImportError
from gezondewijk.indicators.models import Figure, IndicatorValue
from tests.conftest import World
from tests.indicators import factories


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def exported(world: World, tmp_path: Path) -> Path:
    factories.figures(
        ("external", "env-noise", world.wijk.code, "wijk", 2024, 18.5),
        ("network", "isolated", world.buurt.code, "buurt", 2025, 1),
        ("network", "residents", world.buurt.code, "buurt", 2025, 3),
    )
    factories.compute()
    path = tmp_path / "export.csv"
    path.write_text(exchange.export_csv(), encoding="utf-8")
    return path


def test_export_imports_elsewhere_with_the_same_values(exported: Path) -> None:
    published = {
        (v.indicator.code, v.area_code, v.period): v.value
        for v in IndicatorValue.objects.select_related("indicator").filter(suppressed=False)
    }
    count = exchange.import_csv(path=exported, region="Regio Elders")
    stored = {
        (f.figure, f.area_code, f.period): f.value
        for f in Figure.objects.filter(source="exchange:regio-elders")
    }
    assert count == len(published) == len(stored)
    assert stored == pytest.approx(published)
    exchange.import_csv(path=exported, region="Regio Elders")  # again: nothing new
    assert Figure.objects.filter(source="exchange:regio-elders").count() == count


def test_suppressed_cells_travel_without_a_value(exported: Path) -> None:
    text = exported.read_text()
    line = next(row for row in text.splitlines() if row.startswith("BU90010101,buurt,2025"))
    assert line.split(",")[4:9] == ["", "", "", "", "true"]


def test_metadata_has_the_row_schema_and_the_indicators(exported: Path) -> None:
    meta = json.loads(exchange.export_metadata())
    assert meta["format"] == exchange.FORMAT
    assert set(meta["row_schema"]["required"]) == set(exchange.COLUMNS)
    assert any(i["code"] == "network-isolation" for i in meta["indicators"])


def test_a_malformed_file_is_refused_and_changes_nothing(exported: Path, tmp_path: Path) -> None:
    lines = exported.read_text().splitlines()
    bad = tmp_path / "kapot.csv"
    fields = lines[2].split(",")
    fields[8] = "misschien"  # the suppressed column
    lines[2] = ",".join(fields)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = Figure.objects.count()
    with pytest.raises(ExternalImportError, match=r"kapot\.csv, line 3, column suppressed"):
        exchange.import_csv(path=bad, region="Regio Elders")
    assert Figure.objects.count() == before


def test_a_suppressed_cell_with_a_value_is_refused(exported: Path, tmp_path: Path) -> None:
    lines = exported.read_text().splitlines()
    bad = tmp_path / "lek.csv"
    bad.write_text(
        "\n".join([lines[0], "BU90010101,buurt,2025,network-isolation,33.3,,,,true,sum"]) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(ExternalImportError, match="line 2, column value: a suppressed cell"):
        exchange.import_csv(path=bad, region="Regio Elders")
