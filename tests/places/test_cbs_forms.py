"""Key figures in every form CBS publishes them: recognised by content, one result."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from gezondewijk.places.codes import Level
from gezondewijk.places.importers.cbs import CbsImportError, import_cbs_file
from gezondewijk.places.models import Gemeente, KeyFigureSet, Wijk
from tests.places.test_cbs_import import db_state

pytestmark = pytest.mark.django_db

# One gemeente and two wijken, as the OData table 85984NED gives them (own values).
ODATA_ROWS = [
    {"WijkenEnBuurten": "GM9100    ", "AantalInwoners_5": 1200, "Mannen_6": 590,
     "Bevolkingsdichtheid_34": 240, "Woningvoorraad_35": 560, "OppervlakteLand_123": 480,
     "GemiddeldeHuishoudensgrootte_33": 2.1, "Gehuwd_14": 400},
    {"WijkenEnBuurten": "WK910001  ", "AantalInwoners_5": 700, "Mannen_6": 340,
     "Bevolkingsdichtheid_34": None, "Woningvoorraad_35": 330, "OppervlakteLand_123": 290,
     "GemiddeldeHuishoudensgrootte_33": 2.0, "Gehuwd_14": 210},
    {"WijkenEnBuurten": "WK910002  ", "AantalInwoners_5": 500, "Mannen_6": None,
     "Bevolkingsdichtheid_34": 250, "Woningvoorraad_35": 230, "OppervlakteLand_123": 190,
     "GemiddeldeHuishoudensgrootte_33": None, "Gehuwd_14": 190},
]  # fmt: skip
EXPECTED = {
    "GM9100": (1200, 590, 240, 560, 480),
    "WK910001": (700, 340, None, 330, 290),
    "WK910002": (500, None, 250, 230, 190),
}


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    with translation.override("en"):
        yield


def stored() -> dict[str, tuple[object, ...]]:
    fields = ("inhabitants", "men", "population_density", "dwellings", "area_land_ha")
    areas = [*Gemeente.objects.all(), *Wijk.objects.all()]
    return {a.code: tuple(getattr(a, f) for f in fields) for a in areas}


def odata_csv(path: Path, rows: list[dict[str, object]], separator: str = ",") -> Path:
    header = list(rows[0])
    lines = [separator.join(header)]
    lines += [separator.join("" if row[c] is None else str(row[c]) for c in header) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_odata_csv_json_and_keyed_json_give_the_same_figures(tmp_path: Path) -> None:
    files = [
        odata_csv(tmp_path / "kwb_2024_85984NED.csv", ODATA_ROWS),
        tmp_path / "odata_2024.json",
        tmp_path / "keyed_2024.json",
    ]
    files[1].write_text(json.dumps({"odata.metadata": "…/85984NED/$metadata", "value": ODATA_ROWS}))
    keyed = {
        str(row["WijkenEnBuurten"]).strip(): {
            k: v for k, v in row.items() if k != "WijkenEnBuurten"
        }
        for row in ODATA_ROWS
    }
    files[2].write_text(json.dumps(keyed))
    states = []
    for path in files:
        result = import_cbs_file(path=path)
        assert result.form == "odata"
        assert result.imported == {Level.GEMEENTE: 1, Level.WIJK: 2, Level.BUURT: 0}
        states.append(stored())
    assert states == [EXPECTED] * 3
    # Codes only: the areas are called by their code until a file names them.
    assert Wijk.objects.get(code="WK910001").name == "WK910001"
    # The figure the platform has no field for is kept, under the name the file gives it.
    assert KeyFigureSet.objects.filter(source="85984NED").first().other["Gehuwd_14"] == "400"


def test_the_table_id_in_the_name_gives_source_and_year(tmp_path: Path) -> None:
    result = import_cbs_file(path=odata_csv(tmp_path / "table_85618NED.csv", ODATA_ROWS))

    assert (result.source, result.year) == ("85618NED", 2023)


def test_a_named_file_after_a_codes_only_table_names_the_areas(tmp_path: Path) -> None:
    import_cbs_file(path=odata_csv(tmp_path / "kwb_2024_85984NED.csv", ODATA_ROWS))
    kwb = tmp_path / "kwb_2023.csv"
    kwb.write_text(
        "gwb_code_10,regio,recs,a_inw\nGM9100,Teststad,Gemeente,1180\n"
        "WK910001,Wijk 01 Noord,Wijk,690\n",
        encoding="utf-8",
    )

    import_cbs_file(path=kwb)

    assert Wijk.objects.get(code="WK910001").name == "Wijk 01 Noord"
    assert Wijk.objects.get(code="WK910001").inhabitants == 700  # 2024 stays shown


def test_statline_export_with_bom_semicolons_and_padded_codes(tmp_path: Path) -> None:
    header = [
        "Wijken en buurten",
        "Regioaanduiding/Gemeentenaam (naam)",
        "Regioaanduiding/Soort regio (omschrijving)",
        "Regioaanduiding/Codering (code)",
        "Bevolking/Aantal inwoners (aantal)",
        "Bevolking/Geslacht/Mannen (aantal)",
        "Bevolking/Bevolkingsdichtheid (aantal inwoners per km²)",
        "Wonen/Woningvoorraad (aantal)",
        "Oppervlakte/Oppervlakte land (ha)",
    ]
    rows = [
        ["Nederland", "Nederland   ", "Land      ", "NL00      ", "17942942", ".", ".", ".", "."],
        ["Teststad", "Teststad ", "Gemeente", "GM9100    ", "  1200", " 590", "240", "560", "480"],
        ["Noord", "Teststad ", "Wijk      ", "WK910001  ", "   700", " 340", ".", "330", "290"],
        ["Zuid", "Teststad ", "Wijk      ", "WK910002  ", "   500", "   .", "250", "230", "190"],
    ]  # fmt: skip
    text = "\n".join(";".join(f'"{cell}"' for cell in row) for row in [header, *rows])
    path = tmp_path / "Kerncijfers_wijken_en_buurten_2024_05122026.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    result = import_cbs_file(path=path)

    assert result.form == "statline"
    assert stored() == EXPECTED
    assert Wijk.objects.get(code="WK910002").name == "Zuid"


def test_an_unknown_form_is_refused_with_the_forms_that_are_known(tmp_path: Path) -> None:
    path = tmp_path / "monitor_2024.csv"
    path.write_text("RegioS;Overgewicht_59\nGM9100;51.2\n", encoding="utf-8")

    with pytest.raises(CbsImportError) as refused:
        import_cbs_file(path=path)

    message = str(refused.value)
    assert "monitor_2024.csv" in message
    assert "WijkenEnBuurten" in message
    assert "gwb_code_10" in message
    assert "Regioaanduiding/Codering (code)" in message


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ("{not json", "cannot be read as JSON"),
        (json.dumps({"value": "nothing"}), "JSON without key figures"),
        (json.dumps({"value": []}), "holds no areas"),
    ],
)
def test_bad_json_is_refused_and_changes_nothing(
    tmp_path: Path, document: str, reason: str
) -> None:
    import_cbs_file(path=odata_csv(tmp_path / "kwb_2024_85984NED.csv", ODATA_ROWS))
    before = db_state()
    path = tmp_path / "odata_2024.json"
    path.write_text(document)

    with pytest.raises(CbsImportError, match=reason):
        import_cbs_file(path=path)

    assert db_state() == before


def test_a_bad_value_in_json_names_the_record_and_the_key(tmp_path: Path) -> None:
    rows = [dict(row) for row in ODATA_ROWS]
    rows[2]["Woningvoorraad_35"] = "veel"
    path = tmp_path / "odata_2024.json"
    path.write_text(json.dumps({"value": rows}))

    with pytest.raises(CbsImportError) as refused:
        import_cbs_file(path=path)

    assert "odata_2024.json, record 3, column Woningvoorraad_35" in str(refused.value)
    assert Gemeente.objects.count() == 0


def test_a_bad_code_in_an_odata_csv_names_line_and_column(tmp_path: Path) -> None:
    rows = [dict(row) for row in ODATA_ROWS]
    rows[1]["WijkenEnBuurten"] = "WK91"
    path = odata_csv(tmp_path / "kwb_2024_85984NED.csv", rows)

    with pytest.raises(CbsImportError) as refused:
        import_cbs_file(path=path)

    assert "kwb_2024_85984NED.csv, line 3, column WijkenEnBuurten" in str(refused.value)
    assert Gemeente.objects.count() == 0


def test_two_columns_for_one_figure_are_refused(tmp_path: Path) -> None:
    rows = [{**row, "AantalInwoners_99": 1} for row in ODATA_ROWS]

    with pytest.raises(CbsImportError, match="AantalInwoners_5 and AantalInwoners_99"):
        import_cbs_file(path=odata_csv(tmp_path / "kwb_2024_85984NED.csv", rows))


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "cannot be read as JSON"),
        (json.dumps({"GM9100": {"AantalInwoners_5": True}}), '"true" is not a number'),
    ],
)
def test_hostile_json_is_refused_with_a_reason(tmp_path: Path, document: str, reason: str) -> None:
    path = tmp_path / "odata_2024.json"
    path.write_text(document)

    with pytest.raises(CbsImportError, match=reason):
        import_cbs_file(path=path)
    assert Gemeente.objects.count() == 0


def test_a_code_of_no_level_points_at_the_code_column(tmp_path: Path) -> None:
    path = tmp_path / "odata_2024.json"
    path.write_text(json.dumps({"XX9100": {"AantalInwoners_5": 5}}))

    with pytest.raises(CbsImportError) as refused:
        import_cbs_file(path=path)

    assert "gwb_code_10" not in str(refused.value)
    assert "record 1, column WijkenEnBuurten" in str(refused.value)
