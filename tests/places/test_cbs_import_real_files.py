"""CBS key-figures import against the real public files for gemeente Utrecht (2023, 2024)."""

import csv
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from gezondewijk.places.codes import Level
from gezondewijk.places.importers.cbs import CbsImportError, import_cbs_file
from gezondewijk.places.models import Buurt, Gemeente, KeyFigureSet, Wijk
from tests.places.test_cbs_import import LEVEL_OF, db_counts, db_state

pytestmark = [pytest.mark.validation, pytest.mark.django_db]

CSV_2023 = "cbs_kwb_2023_utrecht_gm0344.csv"
CSV_2024 = "cbs_kwb_2024_utrecht_gm0344.csv"
XLSX_2023 = "CBS-Utrecht-kwb-2023.xlsx"
XLSX_2024 = "CBS-Utrecht-kwb-2024.xlsx"
NATIONAL_CSV = "cbs_kwb_2024_85984NED_gm_wk_nl.csv"


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    with translation.override("en"):
        yield


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    """The file's rows by (stripped) code, read with the csv module, independent of Polars."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {row["gwb_code_10"].strip(): row for row in csv.DictReader(f)}


def file_level_counts(path: Path) -> dict[Level, int]:
    counts = dict.fromkeys(Level, 0)
    for row in read_rows(path).values():
        if row["recs"] in LEVEL_OF:
            counts[LEVEL_OF[row["recs"]]] += 1
    return counts


def delete_all_places() -> None:
    Buurt.objects.all().delete()
    Wijk.objects.all().delete()
    Gemeente.objects.all().delete()


def test_csv_2023_loads_every_area_it_holds(shared_data: Path) -> None:
    path = shared_data / CSV_2023

    result = import_cbs_file(path=path)

    expected = file_level_counts(path)
    assert expected == {Level.GEMEENTE: 1, Level.WIJK: 10, Level.BUURT: 111}
    assert db_counts() == expected
    assert result.imported == expected
    assert result.year == 2023


def test_csv_2023_figures_match_the_file(shared_data: Path) -> None:
    path = shared_data / CSV_2023
    rows = read_rows(path)

    import_cbs_file(path=path)

    gemeente = Gemeente.objects.get(code="GM0344")
    assert gemeente.inhabitants == int(rows["GM0344"]["a_inw"]) == 367947
    assert gemeente.area_total_ha == int(rows["GM0344"]["a_opp_ha"])
    assert gemeente.urbanity == int(rows["GM0344"]["ste_mvs"])
    wijk = Wijk.objects.get(code="WK034401")
    assert wijk.inhabitants == int(rows["WK034401"]["a_inw"]) == 29040
    assert wijk.name == rows["WK034401"]["regio"]
    buurt = Buurt.objects.get(code="BU03440111")
    assert buurt.inhabitants == int(rows["BU03440111"]["a_inw"])
    assert str(buurt.average_household_size) == f"{float(rows['BU03440111']['g_hhgro']):.2f}"
    assert buurt.wijk == wijk
    # This early release has no income figures: "." in the file, NULL in the database.
    assert rows["GM0344"]["g_ink_pi"] == "."
    assert gemeente.income_per_inhabitant is None


def test_xlsx_2023_gives_the_same_database_as_the_csv(shared_data: Path) -> None:
    import_cbs_file(path=shared_data / XLSX_2023)
    from_xlsx = db_state()
    delete_all_places()

    import_cbs_file(path=shared_data / CSV_2023)

    assert db_state() == from_xlsx


def test_xlsx_2024_gives_the_same_database_as_the_csv(shared_data: Path) -> None:
    import_cbs_file(path=shared_data / XLSX_2024)
    from_xlsx = db_state()
    delete_all_places()

    import_cbs_file(path=shared_data / CSV_2024)

    assert db_state() == from_xlsx


def test_2023_then_2024_keeps_both_years_for_every_area(shared_data: Path) -> None:
    rows_2023 = read_rows(shared_data / CSV_2023)
    rows_2024 = read_rows(shared_data / CSV_2024)

    import_cbs_file(path=shared_data / CSV_2023)
    import_cbs_file(path=shared_data / CSV_2024)

    sets = KeyFigureSet.objects.values_list("area_code", "year", "inhabitants")
    by_area: dict[str, dict[int, int | None]] = {}
    for code, year, inhabitants in sets:
        by_area.setdefault(code, {})[year] = inhabitants
    assert by_area.keys() == rows_2023.keys() == rows_2024.keys()
    for code, years in by_area.items():
        assert years == {
            2023: int(rows_2023[code]["a_inw"]),
            2024: int(rows_2024[code]["a_inw"]),
        }
    gemeente = Gemeente.objects.get(code="GM0344")
    assert (gemeente.inhabitants, gemeente.figures_year) == (374238, 2024)
    # The early 2024 release has no area ("."): the newest area there is, 2023's, is shown.
    assert rows_2024["GM0344"]["a_opp_ha"] == "."
    assert gemeente.area_total_ha == int(rows_2023["GM0344"]["a_opp_ha"])
    assert db_counts() == file_level_counts(shared_data / CSV_2024)


def test_2023_after_2024_fills_2023_and_keeps_showing_2024(shared_data: Path) -> None:
    import_cbs_file(path=shared_data / CSV_2024)
    shown_2024 = Gemeente.objects.get(code="GM0344").inhabitants

    result = import_cbs_file(path=shared_data / CSV_2023)

    assert result.imported == file_level_counts(shared_data / CSV_2023)
    assert Gemeente.objects.get(code="GM0344").inhabitants == shown_2024
    assert set(KeyFigureSet.objects.values_list("year", flat=True)) == {2023, 2024}


def test_the_early_2024_release_after_the_national_table_keeps_its_figures(
    shared_data: Path,
) -> None:
    import_cbs_file(path=shared_data / NATIONAL_CSV)
    national = Gemeente.objects.get(code="GM0344")
    kept = ("dwellings", "area_land_ha", "population_density")
    before = {name: getattr(national, name) for name in kept}
    assert all(before.values())

    result = import_cbs_file(path=shared_data / CSV_2024)

    after = Gemeente.objects.get(code="GM0344")
    assert {name: getattr(after, name) for name in kept} == before
    assert after.name == "Utrecht"  # the national table gives codes only
    reported = {(n.code, n.figure): n for n in result.not_taken}
    for name in kept:
        item = reported[("GM0344", name)]
        assert (item.value, item.shown, item.shown_source) == (None, before[name], "85984NED")


def test_reimporting_the_real_file_changes_nothing(shared_data: Path) -> None:
    import_cbs_file(path=shared_data / CSV_2023)
    before = db_state()

    import_cbs_file(path=shared_data / CSV_2023)

    assert db_state() == before


def corrupt(source: Path, target: Path, code: str, column: str, value: str) -> int:
    """Copy source with one cell replaced; returns the line (header = 1) that was changed."""
    with source.open(encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    header = lines[0]
    number = next(n for n, row in enumerate(lines) if row[0].strip() == code)
    lines[number][header.index(column)] = value
    with target.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(lines)
    return number + 1


@pytest.mark.parametrize(
    ("code", "column", "value"),
    [("BU03440512", "a_inw", "abc"), ("WK034405", "gwb_code_10", "WK03445")],
)
def test_broken_copy_is_refused_and_changes_nothing(
    shared_data: Path, tmp_path: Path, code: str, column: str, value: str
) -> None:
    import_cbs_file(path=shared_data / CSV_2023)
    before = db_state()
    broken = tmp_path / CSV_2024
    line = corrupt(shared_data / CSV_2024, broken, code, column, value)
    assert line > 2

    with pytest.raises(CbsImportError) as raised:
        import_cbs_file(path=broken)

    assert f"{CSV_2024}, line {line}, column {column}: " in str(raised.value)
    assert value in str(raised.value)
    assert db_state() == before


def test_command_summary_for_the_real_file(shared_data: Path) -> None:
    path = shared_data / CSV_2023
    out = StringIO()

    call_command("import_cbs", str(path), stdout=out)

    expected = [f"{level.value}: {n}" for level, n in file_level_counts(path).items()]
    assert out.getvalue().splitlines()[-3:] == expected
