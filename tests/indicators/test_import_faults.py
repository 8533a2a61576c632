"""The external-figures import (long CSV, StatLine) and the national benchmark exchange import,
interrupted part-way, change nothing; a re-run completes."""

from pathlib import Path

import pytest

from gezondewijk.indicators import exchange
from gezondewijk.indicators.importers import external
from gezondewijk.indicators.importers.external import import_long_file
from gezondewijk.indicators.models import Figure
from tests.conftest import World
from tests.import_faults import Interrupted, breaks_after, database_state
from tests.indicators import factories

pytestmark = pytest.mark.django_db


def _long_csv(world: World, tmp_path: Path) -> Path:
    lines = ["area_code,indicator,period,value"]
    for period in range(2010, 2025):
        for code in (world.wijk.code, world.buurt.code, world.other_wijk.code):
            lines.append(f"{code},env-no2,{period},{period - 1990}")
    path = tmp_path / "leefomgeving.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_error_after_the_first_chunk_of_figures_leaves_the_database_as_it_was(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _long_csv(world, tmp_path)
    monkeypatch.setattr(external, "WRITE_CHUNK", 10)
    before = database_state()
    chunk_written = breaks_after(1, lambda: None)

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "write" and done:
            chunk_written()

    with pytest.raises(Interrupted):
        import_long_file(path=path, on_progress=progress)

    assert database_state() == before
    result = import_long_file(path=path)
    assert result.figures == 45
    assert Figure.objects.filter(figure="env-no2").count() == 45


def test_an_interrupted_exchange_import_leaves_the_database_as_it_was(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    factories.figures(
        *[
            ("external", "env-noise", code, level, year, 10.0 + year % 7)
            for year in (2022, 2023, 2024)
            for code, level in ((world.wijk.code, "wijk"), (world.other_wijk.code, "wijk"))
        ]
    )
    factories.compute()
    exported = tmp_path / "export.csv"
    exported.write_text(exchange.export_csv(), encoding="utf-8")
    monkeypatch.setattr(exchange, "WRITE_CHUNK", 1)
    before = database_state()
    monkeypatch.setattr(Figure.objects, "bulk_create", breaks_after(1, Figure.objects.bulk_create))

    with pytest.raises(Interrupted):
        exchange.import_csv(path=exported, region="Regio Elders")

    assert database_state() == before
    monkeypatch.undo()
    count = exchange.import_csv(path=exported, region="Regio Elders")
    assert count > 1  # more than the one chunk written before the interruption
    assert Figure.objects.filter(source="exchange:regio-elders").count() == count
