"""The national key figures (CBS 85984NED, all gemeenten and wijken 2024), as CSV and JSON."""

import csv
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from gezondewijk.places.importers.cbs import import_cbs_file
from gezondewijk.places.models import Gemeente, KeyFigureSet, Wijk

pytestmark = [pytest.mark.validation, pytest.mark.django_db]

NATIONAL_CSV = "cbs_kwb_2024_85984NED_gm_wk_nl.csv"
NATIONAL_JSON = "stripped_filtered_data_2024.json"
FIELDS = {
    "AantalInwoners_5": "inhabitants",
    "Mannen_6": "men",
    "Woningvoorraad_35": "dwellings",
    "OppervlakteLand_123": "area_land_ha",
}


def file_figures(path: Path) -> dict[str, dict[str, int | None]]:
    """Per code, the figures as the JSON file gives them (read with json, not Polars)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return {
        code: {f: values.get(k) for k, f in FIELDS.items()} for code, values in document.items()
    }


def stored_figures() -> dict[str, dict[str, int | None]]:
    areas = [*Gemeente.objects.all(), *Wijk.objects.all()]
    return {a.code: {f: getattr(a, f) for f in FIELDS.values()} for a in areas}


@pytest.mark.parametrize("name", [NATIONAL_CSV, NATIONAL_JSON])
def test_every_gemeente_and_wijk_of_the_country_is_loaded(shared_data: Path, name: str) -> None:
    expected = file_figures(shared_data / NATIONAL_JSON)

    result = import_cbs_file(path=shared_data / name, year=2024)

    assert (Gemeente.objects.count(), Wijk.objects.count()) == (342, 3393)
    assert result.imported["gemeente"] == 342
    assert result.imported["wijk"] == 3393
    assert stored_figures() == expected
    assert Gemeente.objects.get(code="GM0344").inhabitants == 374238


def test_the_csv_and_the_json_are_two_sources_of_one_year(shared_data: Path) -> None:
    import_cbs_file(path=shared_data / NATIONAL_CSV)
    from_csv = stored_figures()

    result = import_cbs_file(path=shared_data / NATIONAL_JSON)

    assert stored_figures() == from_csv
    assert result.not_taken == []  # the same figures: nothing differs
    assert set(KeyFigureSet.objects.values_list("source", flat=True)) == {
        "85984NED",
        NATIONAL_JSON,
    }


def test_the_csv_has_one_row_per_code_as_read_by_the_csv_module(shared_data: Path) -> None:
    with (shared_data / NATIONAL_CSV).open(encoding="utf-8") as f:
        codes = [row["WijkenEnBuurten"] for row in csv.DictReader(f)]
    import_cbs_file(path=shared_data / NATIONAL_CSV)

    stored = set(Gemeente.objects.values_list("code", flat=True))
    stored |= set(Wijk.objects.values_list("code", flat=True))
    assert stored == set(codes)


def test_reimporting_the_national_file_changes_nothing(shared_data: Path) -> None:
    import_cbs_file(path=shared_data / NATIONAL_CSV)
    before = (stored_figures(), list(KeyFigureSet.objects.values_list("pk", "imported_at")))

    call_command("import_cbs", str(shared_data / NATIONAL_CSV), verbosity=0)

    assert (stored_figures(), list(KeyFigureSet.objects.values_list("pk", "imported_at"))) == (
        before
    )
