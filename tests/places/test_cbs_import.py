"""CBS key-figures import: small CSV and XLSX files written by the tests themselves."""

import csv
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from gezondewijk.places.codes import Level
from gezondewijk.places.importers.cbs import CbsImportError, ImportResult, import_cbs_file
from gezondewijk.places.importers.cbs_rows import FIGURE_COLUMNS
from gezondewijk.places.models import (
    KEY_FIGURE_FIELDS,
    Buurt,
    Gemeente,
    KeyFigureSet,
    Region,
    Wijk,
)
from tests.conftest import World

pytestmark = pytest.mark.django_db

HEADER = ["gwb_code_10", "regio", "recs", "a_inw", "a_man", "g_hhgro", "a_opp_ha", "ste_mvs"]
# One gemeente with two wijken and three buurten; header is line 1, so GM9100 is line 2.
ROWS = [
    ["GM9100", "Teststad", "Gemeente", "1200", "590", "2,1", "500", "1"],
    ["WK910001", "Wijk 01 Noord", "Wijk", "700", "340", "2.0", "300", "2"],
    ["WK910002", "Wijk 02 Zuid", "Wijk", "500", ".", "x", "200", "3"],
    ["BU91000101", "Oude Kern", "Buurt", "400", "190", "1.9", "120", "2"],
    ["BU91000102", "Nieuwland", "Buurt", "300", "150", "2.25", "180", "2"],
    ["BU91000201", "Zuidpark", "Buurt", "500", "x", ".", "200", "3"],
]
LEVEL_OF = {"Gemeente": Level.GEMEENTE, "Wijk": Level.WIJK, "Buurt": Level.BUURT}
MODELS = {Level.GEMEENTE: Gemeente, Level.WIJK: Wijk, Level.BUURT: Buurt}
PARENT_CODE = {
    Level.GEMEENTE: "region__slug",
    Level.WIJK: "gemeente__code",
    Level.BUURT: "wijk__code",
}


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    # Messages are asserted on; pin the language so a Dutch catalogue cannot break them.
    with translation.override("en"):
        yield


def write_csv(
    path: Path,
    rows: list[list[str]],
    header: list[str] = HEADER,
    separator: str = ",",
    encoding: str = "utf-8",
) -> Path:
    with path.open("w", newline="", encoding=encoding) as f:
        csv.writer(f, delimiter=separator).writerows([header, *rows])
    return path


def as_cell(value: str) -> Any:
    """The cell a spreadsheet would hold: numbers as numbers, codes padded like CBS does."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return f" {value} " if value[:2] in ("GM", "WK", "BU") else value


def write_xlsx(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "kwb-test"
    sheet.append(header)
    for row in rows:
        sheet.append([as_cell(value) for value in row])
    workbook.save(path)
    return path


def level_counts(rows: list[list[str]], level_column: int = 2) -> dict[Level, int]:
    """How many areas of each level a file holds, counted from the rows themselves."""
    counted = Counter(LEVEL_OF[row[level_column]] for row in rows if row[level_column] in LEVEL_OF)
    return {level: counted[level] for level in Level}


def db_counts() -> dict[Level, int]:
    return {level: model.objects.count() for level, model in MODELS.items()}


def db_state() -> dict[str, list[tuple[Any, ...]]]:
    """Everything about places that an import could change, with parents by code, not id."""
    state = {
        level.value: list(
            model.objects.order_by("code").values_list(
                "code", "name", "figures_year", PARENT_CODE[level], *KEY_FIGURE_FIELDS
            )
        )
        for level, model in MODELS.items()
    }
    state["region"] = list(Region.objects.order_by("slug").values_list("slug", "name"))
    return state


def run(path: Path, **kwargs: Any) -> ImportResult:
    return import_cbs_file(path=path, **kwargs)


def changed(rows: list[list[str]], code: str, column: str, value: str) -> list[list[str]]:
    """A copy of rows with one cell replaced."""
    index = HEADER.index(column)
    return [[value if r[0] == code and i == index else c for i, c in enumerate(r)] for r in rows]


# -- a valid file ------------------------------------------------------------------------------


def test_valid_csv_imports_every_area_with_its_figures(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kwb_2023.csv", ROWS)

    result = run(path)

    assert db_counts() == level_counts(ROWS)
    assert result.imported == level_counts(ROWS)
    gemeente = Gemeente.objects.get(code="GM9100")
    assert (gemeente.name, gemeente.inhabitants, gemeente.men) == ("Teststad", 1200, 590)
    assert gemeente.average_household_size == Decimal("2.1")  # written "2,1"
    assert (gemeente.area_total_ha, gemeente.urbanity, gemeente.figures_year) == (500, 1, 2023)
    assert Buurt.objects.get(code="BU91000102").average_household_size == Decimal("2.25")
    assert Wijk.objects.get(code="WK910002").gemeente == gemeente
    assert Buurt.objects.get(code="BU91000201").wijk.code == "WK910002"


def test_missing_markers_become_null(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "kwb_2023.csv", ROWS))

    wijk = Wijk.objects.get(code="WK910002")  # a_man "." and g_hhgro "x"
    assert wijk.men is None
    assert wijk.average_household_size is None
    assert wijk.inhabitants == 500
    buurt = Buurt.objects.get(code="BU91000201")
    assert (buurt.men, buurt.average_household_size) == (None, None)


def test_figures_absent_from_the_file_are_null(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "kwb_2023.csv", ROWS))

    gemeente = Gemeente.objects.get(code="GM9100")
    assert "a_woning" not in HEADER
    assert gemeente.dwellings is None


def test_semicolons_bom_and_padded_codes_are_accepted(tmp_path: Path) -> None:
    padded = [[f"  {r[0]} ", *r[1:]] for r in ROWS]
    path = write_csv(tmp_path / "kwb_2023.csv", padded, separator=";", encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    run(path)

    assert db_counts() == level_counts(ROWS)
    assert Gemeente.objects.get(code="GM9100").average_household_size == Decimal("2.1")


def test_land_row_is_ignored(tmp_path: Path) -> None:
    rows = [["NL00", "Nederland", "Land", "17900000", ".", ".", ".", "."], *ROWS]

    result = run(write_csv(tmp_path / "kwb_2023.csv", rows))

    assert result.imported == level_counts(ROWS)


def test_xlsx_gives_the_same_database_as_csv(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "kwb_2023.csv", ROWS))
    from_csv = db_state()
    Buurt.objects.all().delete()
    Wijk.objects.all().delete()
    Gemeente.objects.all().delete()

    result = run(write_xlsx(tmp_path / "kwb_2023.xlsx", ROWS))

    assert result.imported == level_counts(ROWS)
    assert db_state() == from_csv


def test_reimport_changes_nothing(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kwb_2023.csv", ROWS)
    run(path)
    before = db_state()

    run(path)

    assert db_state() == before


def history(code: str) -> dict[tuple[int, str], tuple[Any, ...]]:
    """(year, source) -> (inhabitants, area_total_ha) of one area's stored key figures."""
    sets = KeyFigureSet.objects.filter(area_code=code)
    return {(s.year, s.source): (s.inhabitants, s.area_total_ha) for s in sets}


def test_newer_year_is_kept_beside_the_older_one(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "kwb_2023.csv", ROWS))
    newer = changed(ROWS, "GM9100", "a_inw", "1250")
    newer = changed(newer, "GM9100", "regio", "Teststad (nieuw)")
    newer = changed(newer, "GM9100", "a_opp_ha", ".")

    run(write_csv(tmp_path / "kwb_2024.csv", newer))

    gemeente = Gemeente.objects.get(code="GM9100")
    assert (gemeente.name, gemeente.inhabitants, gemeente.figures_year) == (
        "Teststad (nieuw)",
        1250,
        2024,
    )
    assert history("GM9100") == {
        (2023, "kwb_2023.csv"): (1200, 500),
        (2024, "kwb_2024.csv"): (1250, None),
    }
    # Each figure shows its newest year: 2024 leaves the area out, so 2023's stays shown.
    assert gemeente.area_total_ha == 500
    assert set(Wijk.objects.values_list("figures_year", flat=True)) == {2024}


def test_older_year_fills_its_year_and_leaves_the_newer_figures_shown(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "kwb_2024.csv", ROWS))
    before = db_state()
    older = changed(ROWS, "GM9100", "a_inw", "999")
    older = changed(older, "WK910001", "regio", "Oude naam")

    result = run(write_csv(tmp_path / "kwb_2023.csv", older))

    assert db_state() == before  # names and shown figures stay 2024's
    assert result.imported == level_counts(ROWS)
    assert history("GM9100")[(2023, "kwb_2023.csv")] == (999, 500)


def test_older_year_still_adds_areas_not_yet_stored(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "kwb_2024.csv", ROWS))
    extra = ["BU91000202", "Nieuwe buurt", "Buurt", "80", "40", "2.0", "10", "3"]

    run(write_csv(tmp_path / "kwb_2023.csv", [*ROWS, extra]))

    buurt = Buurt.objects.get(code="BU91000202")
    assert (buurt.figures_year, buurt.division_year, buurt.historic_since) == (2023, 2023, 2024)


def test_a_same_year_release_never_blanks_what_another_source_gave(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "national_2024.csv", ROWS), source="85984NED")
    early = changed(ROWS, "GM9100", "a_opp_ha", ".")
    early = changed(early, "WK910001", "a_inw", "710")

    result = run(write_csv(tmp_path / "early_2024.csv", early))

    gemeente = Gemeente.objects.get(code="GM9100")
    assert gemeente.area_total_ha == 500
    assert Wijk.objects.get(code="WK910001").inhabitants == 710  # the later import counts
    assert [(n.code, n.figure, n.value, n.shown, n.shown_source) for n in result.not_taken] == [
        ("GM9100", "area_total_ha", None, 500.0, "85984NED")
    ]


def test_an_area_missing_from_a_newer_division_becomes_historic(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "kwb_2023.csv", ROWS))
    renumbered = [r for r in ROWS if r[0] != "BU91000102"]

    result = run(write_csv(tmp_path / "kwb_2024.csv", renumbered))

    assert result.historic == 1
    gone = Buurt.objects.get(code="BU91000102")
    assert (gone.historic_since, gone.division_year, gone.inhabitants) == (2024, 2023, 300)
    assert Buurt.objects.get(code="BU91000101").historic_since is None


def test_columns_without_a_field_are_kept_with_the_figures(tmp_path: Path) -> None:
    header = [*HEADER, "a_gehuwd"]
    rows = [[*row, str(i)] for i, row in enumerate(ROWS)]

    result = run(write_csv(tmp_path / "kwb_2023.csv", rows, header=header))

    assert result.unmapped_columns == ["a_gehuwd"]
    assert KeyFigureSet.objects.get(area_code="WK910001").other == {"a_gehuwd": "1"}


def test_gemeente_filter_imports_only_that_gemeente(tmp_path: Path) -> None:
    other = [
        ["GM9200", "Anderdorp", "Gemeente", "800", "400", "2.3", "900", "5"],
        ["WK920001", "Dorp", "Wijk", "800", "400", "2.3", "900", "5"],
        ["BU92000101", "Dorpskern", "Buurt", "800", "400", "2.3", "900", "5"],
    ]
    path = write_csv(tmp_path / "kwb_2023.csv", [*ROWS, *other])

    result = run(path, gemeenten=["GM9200"])

    assert result.imported == level_counts(other)
    assert list(Gemeente.objects.values_list("code", flat=True)) == ["GM9200"]
    assert all(code.startswith("WK9200") for code in Wijk.objects.values_list("code", flat=True))
    assert all(code.startswith("BU9200") for code in Buurt.objects.values_list("code", flat=True))


def test_gemeente_filter_with_a_gemeente_not_in_the_file_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kwb_2023.csv", ROWS)

    with pytest.raises(CbsImportError, match="GM0363"):
        run(path, gemeenten=["GM9100", "GM0363"])
    assert db_counts() == dict.fromkeys(Level, 0)


def test_wijk_of_a_gemeente_already_in_the_database_is_accepted(
    world: World, tmp_path: Path
) -> None:
    rows = [["WK900103", "Oost", "Wijk", "900", "450", "2.0", "50", "2"]]

    run(write_csv(tmp_path / "kwb_2023.csv", rows))

    assert Wijk.objects.get(code="WK900103").gemeente == world.gemeente


def test_region_is_created_and_given_to_gemeenten_without_one(world: World, tmp_path: Path) -> None:
    rows = [*ROWS, ["GM9001", "Testdorp", "Gemeente", "300", "150", "2.0", "10", "4"]]

    result = run(write_csv(tmp_path / "kwb_2023.csv", rows), region_name="Regio Utrecht")

    region = Region.objects.get(slug="regio-utrecht")
    assert result.region == region
    assert Gemeente.objects.get(code="GM9100").region == region
    # A gemeente that already belongs to a region keeps it.
    assert Gemeente.objects.get(code="GM9001").region == world.region
    assert result.region_assigned == 1


# -- the year ----------------------------------------------------------------------------------


def test_year_comes_from_the_file_name_or_the_option(tmp_path: Path) -> None:
    assert run(write_csv(tmp_path / "cbs-kwb-2022-utrecht.csv", ROWS)).year == 2022
    assert run(write_csv(tmp_path / "kwb_2021.csv", ROWS), year=2023).year == 2023
    assert set(Gemeente.objects.values_list("figures_year", flat=True)) == {2023}


def test_missing_year_asks_for_the_option(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kerncijfers.csv", ROWS)

    with pytest.raises(CbsImportError, match="--year"):
        run(path)
    assert db_counts() == dict.fromkeys(Level, 0)


# -- bad input: a clear message, and the database exactly as it was ---------------------------

BAD_FILES: dict[str, tuple[list[list[str]], list[str], int, str, str]] = {
    # name: (rows, header, line, column, words in the message)
    "missing column": (
        [r[:3] + r[4:] for r in ROWS],
        HEADER[:3] + HEADER[4:],
        1,
        "",
        "a_inw",
    ),
    "malformed code": (
        changed(ROWS, "WK910002", "gwb_code_10", "WK91002"),
        HEADER,
        4,
        "gwb_code_10",
        "WK91002",
    ),
    "level does not match code": (
        changed(ROWS, "WK910001", "recs", "Buurt"),
        HEADER,
        3,
        "recs",
        "WK910001",
    ),
    "unknown level": (
        changed(ROWS, "BU91000102", "recs", "Provincie"),
        HEADER,
        6,
        "recs",
        "Provincie",
    ),
    "duplicate code": (
        [*ROWS, ["BU91000101", "Dubbel", "Buurt", "1", "1", "1", "1", "1"]],
        HEADER,
        8,
        "gwb_code_10",
        "line 5",
    ),
    "wijk without gemeente": (
        [*ROWS, ["WK930001", "Wees", "Wijk", "10", "5", "2", "1", "1"]],
        HEADER,
        8,
        "gwb_code_10",
        "GM9300",
    ),
    "buurt without wijk": (
        [*ROWS, ["BU91000901", "Wees", "Buurt", "10", "5", "2", "1", "1"]],
        HEADER,
        8,
        "gwb_code_10",
        "WK910009",
    ),
    "not a number": (
        changed(ROWS, "BU91000102", "a_inw", "12a"),
        HEADER,
        6,
        "a_inw",
        '"12a" is not a number',
    ),
    "fraction in a count": (
        changed(ROWS, "WK910001", "a_inw", "70,5"),
        HEADER,
        3,
        "a_inw",
        "whole number",
    ),
    "negative count": (changed(ROWS, "WK910001", "a_man", "-5"), HEADER, 3, "a_man", "negative"),
    "urbanity out of range": (
        changed(ROWS, "GM9100", "ste_mvs", "6"),
        HEADER,
        2,
        "ste_mvs",
        "1 to 5",
    ),
    "empty name": (changed(ROWS, "BU91000201", "regio", " "), HEADER, 7, "regio", "name is empty"),
}


@pytest.fixture
def stored(world: World, tmp_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """A database with the test world and an earlier import of the valid file."""
    run(write_csv(tmp_path / "kwb_2022.csv", ROWS))
    state = db_state()
    assert state["gemeente"]
    assert state["buurt"]
    return state


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_file_names_file_line_and_column_and_changes_nothing(
    case: str, stored: dict[str, list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    rows, header, line, column, words = BAD_FILES[case]
    # Every valid row carries a new figure, so a partial write would show in the state.
    rows = [[*r[:3], str(int(r[3]) + 1) if r[3].isdigit() else r[3], *r[4:]] for r in rows]
    path = write_csv(tmp_path / "kwb_2023.csv", rows, header=header)

    with pytest.raises(CbsImportError) as raised:
        run(path)

    message = str(raised.value)
    assert f"kwb_2023.csv, line {line}" in message
    if column:
        assert f"line {line}, column {column}:" in message
    assert words in message
    assert db_state() == stored


def test_bad_xlsx_names_sheet_and_row(
    stored: dict[str, list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "kwb_2023.xlsx", changed(ROWS, "BU91000102", "a_inw", "veel"))

    with pytest.raises(
        CbsImportError,
        match=re.escape('kwb_2023.xlsx, sheet kwb-test, row 6, column a_inw: "veel"'),
    ):
        run(path)
    assert db_state() == stored


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    rows = changed(changed(ROWS, "GM9100", "a_inw", "?"), "BU91000201", "ste_mvs", "0")

    with pytest.raises(CbsImportError) as raised:
        run(write_csv(tmp_path / "kwb_2023.csv", rows))

    assert "2 problems" in str(raised.value)
    assert "line 2, column a_inw" in str(raised.value)
    assert "line 7, column ste_mvs" in str(raised.value)


def test_the_refusal_speaks_dutch_to_a_dutch_user(tmp_path: Path) -> None:
    rows = changed(ROWS, "BU91000102", "a_inw", "12a")

    with translation.override("nl"), pytest.raises(CbsImportError) as raised:
        run(write_csv(tmp_path / "kwb_2023.csv", rows))

    assert "1 probleem, er is niets geïmporteerd" in str(raised.value)
    assert 'regel 6, kolom a_inw: "12a" is geen getal' in str(raised.value)


def test_line_numbers_count_blank_lines_and_line_breaks_in_names(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "kwb_2023.csv", changed(ROWS, "WK910001", "regio", "Wijk 01\nNoord")
    )
    lines = path.read_text().splitlines()
    lines.insert(2, "")  # a blank line 3; the quoted name breaks lines 4 and 5
    path.write_text("\n".join(lines) + "\n")
    bad = path.read_text().replace(
        "BU91000102,Nieuwland,Buurt,300", "BU91000102,Nieuwland,Buurt,3o0"
    )
    path.write_text(bad)
    line = next(n for n, text in enumerate(bad.splitlines(), start=1) if "3o0" in text)

    with pytest.raises(CbsImportError, match=rf"line {line}, column a_inw: \"3o0\""):
        run(path)


def test_a_failure_while_writing_leaves_nothing_behind(
    stored: dict[str, list[tuple[Any, ...]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Buurt.objects, "bulk_create", fail)  # after gemeenten and wijken
    newer = changed(ROWS, "GM9100", "a_inw", "5000")

    with pytest.raises(RuntimeError):
        run(write_csv(tmp_path / "kwb_2024.csv", newer))
    assert db_state() == stored


# -- the command -------------------------------------------------------------------------------


def test_command_ends_with_one_line_per_level(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kwb_2023.csv", ROWS)
    out = StringIO()

    call_command("import_cbs", str(path), stdout=out)

    expected = [f"{level.value}: {n}" for level, n in level_counts(ROWS).items()]
    assert out.getvalue().splitlines()[-3:] == expected
    assert "\x1b[" not in out.getvalue()  # no progress bar drawn into a non-terminal


def test_command_passes_options_and_refuses_bad_files_as_command_errors(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kerncijfers.csv", ROWS)
    out = StringIO()

    call_command(
        "import_cbs",
        str(path),
        "--year",
        "2023",
        "--gemeente",
        "GM9100",
        "--region",
        "Regio X",
        stdout=out,
    )
    assert "gemeente: 1" in out.getvalue()
    assert Gemeente.objects.get(code="GM9100").region == Region.objects.get(slug="regio-x")
    with pytest.raises(CommandError, match="not found"):
        call_command("import_cbs", str(tmp_path / "nope_2023.csv"), stdout=out)


# -- the mapping -------------------------------------------------------------------------------


def test_every_key_figure_has_a_cbs_column() -> None:
    assert sorted(FIGURE_COLUMNS.values()) == sorted(KEY_FIGURE_FIELDS)


@pytest.mark.slow
def test_twenty_thousand_rows_import_in_seconds(tmp_path: Path) -> None:
    # 160 gemeenten x (1 + 10 wijken + 10 x 12 buurten) = 20,960 rows.
    rows = []
    for g in range(160):
        gm = f"{5000 + g:04d}"
        rows.append([f"GM{gm}", f"Gemeente {gm}", "Gemeente", "50000", "24000", "2,2", "900", "3"])
        for w in range(10):
            rows.append([f"WK{gm}{w:02d}", f"Wijk {w}", "Wijk", "5000", "2400", "2.1", "90", "3"])
            for b in range(12):
                code = f"BU{gm}{w:02d}{b:02d}"
                rows.append([code, f"Buurt {b}", "Buurt", "400", "200", "2.0", "7", "3"])
    path = write_csv(tmp_path / "kwb_2023.csv", rows)
    started = time.perf_counter()

    result = run(path)

    assert result.imported == level_counts(rows)
    assert db_counts() == level_counts(rows)
    assert time.perf_counter() - started < 30  # a generous bound for slow CI machines


ProgressLog = list[tuple[str, int, int]]


def test_progress_is_reported_per_stage_and_ends_complete(tmp_path: Path) -> None:
    log: ProgressLog = []
    record: Callable[[Any, int, int], None] = lambda s, d, t: log.append((str(s), d, t))  # noqa: E731

    run(write_csv(tmp_path / "kwb_2023.csv", ROWS), on_progress=record)

    stages = [stage for stage, _d, _t in log]
    assert stages.index("read") < stages.index("validate") < stages.index("write")
    _stage, done, total = [entry for entry in log if entry[0] == "write"][-1]
    assert done == total >= len(ROWS)
