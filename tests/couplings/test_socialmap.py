"""The social map as CSV and XLSX: exact round trips, and refusals that name line and column
and change nothing."""

from __future__ import annotations

import io

import openpyxl
import pytest

from gezondewijk.couplings import socialmap, socialmap_format
from gezondewijk.couplings.socialmap_format import ACTIVITEITEN, LOCATIES, ORGANISATIES, TABLES
from gezondewijk.people.models import Organisation, OrganisationType
from gezondewijk.places.models import StrategicLocation
from gezondewijk.plein.models import OrganisationActivity
from tests.conftest import World
from tests.factories import OrganisationFactory
from tests.plein.factories import activity_at, mosque, theme, this_week_at

pytestmark = pytest.mark.django_db
NOT_A_COORDINATE = "geen getal met hoogstens zes decimalen (punt als scheidingsteken)"


def _social_map(world: World) -> None:
    organisation, place = mosque(world.buurt)
    library = OrganisationFactory(
        name="Bibliotheek Centrum",
        type="bibliotheek",
        gemeente=world.gemeente,
        website="https://bieb.example.org",
    )
    library.wijken.add(world.wijk, world.other_wijk)
    library.locations.add(place)  # two organisations at one place
    activity_at(
        organisation,
        place,
        themes=[theme("bewegen"), theme("eenzaamheid", "Eenzaamheid")],
        code="al-fath-wandelen",
    )
    activity_at(
        library, None, title="Taalcafé, met koffie", code="bieb-taalcafe", starts=this_week_at(14)
    )


def _csv_files() -> dict[str, bytes]:
    frames = socialmap.social_map_export()
    return {t: socialmap_format.write_csv(frames[t]) for t in TABLES}


def _wipe() -> None:
    OrganisationActivity.objects.all().delete()
    Organisation.objects.all().delete()
    StrategicLocation.objects.all().delete()


def test_csv_round_trip_is_exact(world: World) -> None:
    _social_map(world)
    before = _csv_files()
    assert b"Moskee Al Fath" in before[LOCATIES]
    assert b"Bibliotheek Centrum; Moskeevereniging Al Fath" in before[LOCATIES]
    assert b'"Taalcaf\xc3\xa9, met koffie"' in before[ACTIVITEITEN]  # quoted: it has a comma

    _wipe()
    tables = {t: socialmap_format.read_csv(t, data) for t, data in before.items()}
    counts = socialmap.social_map_import(tables=tables)

    assert counts == {ORGANISATIES: 2, LOCATIES: 1, ACTIVITEITEN: 2}
    assert _csv_files() == before
    walk = OrganisationActivity.objects.get(code="al-fath-wandelen")
    assert walk.starts_at == this_week_at()
    assert sorted(walk.themes.values_list("slug", flat=True)) == ["bewegen", "eenzaamheid"]


def test_xlsx_round_trip_is_exact(world: World) -> None:
    _social_map(world)
    before = socialmap.social_map_export()
    workbook = socialmap_format.write_xlsx(before)

    _wipe()
    socialmap.social_map_import(tables=socialmap_format.read_upload(workbook, table=None))

    after = socialmap.social_map_export()
    for table in TABLES:
        assert after[table].equals(before[table]), table


def test_importing_the_same_file_twice_changes_nothing(world: World) -> None:
    _social_map(world)
    before = _csv_files()
    tables = {t: socialmap_format.read_csv(t, data) for t, data in before.items()}
    socialmap.social_map_import(tables=tables)
    socialmap.social_map_import(tables=tables)
    assert Organisation.objects.count() == 2
    assert OrganisationActivity.objects.count() == 2
    assert _csv_files() == before


def _problems(table: str, text: str, allowed: set[int] | None = None) -> list[str]:
    def attempt() -> None:
        frames = socialmap_format.read_upload(text.encode(), table=table)
        socialmap.social_map_import(tables=frames, gemeente_ids=allowed)

    with pytest.raises(socialmap_format.FormatError) as error:
        attempt()
    return [str(p) for p in error.value.problems]


def test_malformed_rows_are_named_by_line_and_column_and_nothing_is_imported(
    world: World,
) -> None:
    csv = (
        "gemeente,naam,type,wijken,website,beschrijving\n"
        "GM9001,Buurthuis De Kern,buurthuis,WK900101,,Goed bezig\n"
        "GM9001,Sportclub,voetbal,WK900101,,\n"
        "GM9999,Elders,welzijnsorganisatie,,,\n"
        "GM9001,Zonder wijk,welzijnsorganisatie,WK123456,geen-url,\n"
        "GM9001,,welzijnsorganisatie,,,\n"
    )
    problems = _problems(ORGANISATIES, csv)
    assert problems == [
        "organisaties, regel 3, kolom type: onbekend type; kies uit "
        + ", ".join(OrganisationType.values),
        "organisaties, regel 4, kolom gemeente: onbekende CBS-code",
        "organisaties, regel 5, kolom website: geen webadres (begin met https://)",
        "organisaties, regel 5, kolom wijken: onbekende wijk, of een wijk buiten de gemeente",
        "organisaties, regel 6, kolom naam: verplicht",
    ]
    assert not Organisation.objects.exists()  # the good row on line 2 was not written either


def test_a_location_with_bad_coordinates_and_an_unknown_organisation(world: World) -> None:
    csv = (
        "buurt,naam,soort,adres,breedtegraad,lengtegraad,organisaties,beschrijving\n"
        "BU90010101,Moskee,moskee,,52.1,5.1,Niemand,\n"
        "BU90010101,Kerk,kerk,,52,1,,\n"
        "BU90010101,Bieb,bibliotheek,,52.1234567,vijf,,\n"
    )
    assert _problems(LOCATIES, csv) == [
        "locaties, regel 2, kolom organisaties: "
        "onbekende organisatie in de gemeente van deze buurt",
        "locaties, regel 3, kolom lengtegraad: ligt niet tussen 3.3 en 7.3",
        f"locaties, regel 4, kolom breedtegraad: {NOT_A_COORDINATE}",
        f"locaties, regel 4, kolom lengtegraad: {NOT_A_COORDINATE}",
    ]
    assert not StrategicLocation.objects.exists()


def test_an_activity_that_ends_before_it_starts_and_a_ragged_row(world: World) -> None:
    mosque(world.buurt)
    csv = (
        "code,gemeente,organisatie,titel,begin,einde,buurt,locatie,themas,beschrijving\n"
        "a1,GM9001,Moskeevereniging Al Fath,Wandelen,2026-03-05 10:00,2026-03-05 09:00,,,,\n"
        "a2,GM9001,Moskeevereniging Al Fath,Koffie,5 maart,2026-03-05 11:00,BU90010101,,onzin,\n"
    )
    assert _problems(ACTIVITEITEN, csv) == [
        "activiteiten, regel 2, kolom einde: ligt niet na het begin",
        "activiteiten, regel 3, kolom begin: geen tijd als 2026-03-05 10:00",
        "activiteiten, regel 3, kolom locatie: vul buurt en locatie allebei in, of geen van beide",
        "activiteiten, regel 3, kolom themas: onbekend thema",
    ]
    ragged = (
        "code,gemeente,organisatie,titel,begin,einde,buurt,locatie,themas,beschrijving\na3,GM9001\n"
    )
    assert _problems(ACTIVITEITEN, ragged) == [
        "activiteiten, regel 2, kolom organisatie: 2 velden, verwacht 10"
    ]
    assert not OrganisationActivity.objects.exists()


def test_a_missing_or_unknown_column_is_named_on_the_header_line(world: World) -> None:
    assert _problems(ORGANISATIES, "gemeente,naam,soort\n") == [
        "organisaties, regel 1, kolom soort: onbekende kolom",
        "organisaties, regel 1, kolom type: kolom ontbreekt",
        "organisaties, regel 1, kolom wijken: kolom ontbreekt",
        "organisaties, regel 1, kolom website: kolom ontbreekt",
        "organisaties, regel 1, kolom beschrijving: kolom ontbreekt",
    ]


def test_a_file_without_a_header_line_names_the_missing_columns(world: World) -> None:
    # Found by the schemathesis fuzz test: rows under an empty first line were a server error.
    problems = _problems(ORGANISATIES, "\nGM9001,Buurthuis\n")
    assert problems[0] == "organisaties, regel 1, kolom gemeente: kolom ontbreekt"
    assert len(problems) == len(socialmap_format.COLUMNS[ORGANISATIES])


def test_an_error_in_the_last_table_undoes_the_first_ones(world: World) -> None:
    _social_map(world)
    files = _csv_files()
    _wipe()
    files[ACTIVITEITEN] += b"x1,GM9001,Onbekend,Iets,2026-03-05 10:00,2026-03-05 11:00,,,,\n"
    tables = {t: socialmap_format.read_csv(t, data) for t, data in files.items()}
    with pytest.raises(socialmap_format.FormatError) as error:
        socialmap.social_map_import(tables=tables)
    assert [(p.table, p.line, p.column) for p in error.value.problems] == [
        (ACTIVITEITEN, 4, "organisatie")
    ]
    assert not Organisation.objects.exists()
    assert not StrategicLocation.objects.exists()


def test_rows_outside_the_callers_gemeente_are_refused(world: World) -> None:
    from tests.factories import GemeenteFactory

    elsewhere = GemeenteFactory(code="GM9002", region=world.region)
    csv = "gemeente,naam,type,wijken,website,beschrijving\nGM9001,Eigen,buurthuis,,,\n"
    assert _problems(ORGANISATIES, csv, allowed={elsewhere.pk}) == [
        "organisaties, regel 2, kolom gemeente: buiten de gemeente(n) die u mag bijwerken"
    ]


def test_a_workbook_row_is_named_by_its_row_number(world: World) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = ORGANISATIES
    sheet.append(list(socialmap_format.COLUMNS[ORGANISATIES]))
    sheet.append(["GM9001", "Goed", "buurthuis", None, None, None])
    sheet.append([])
    sheet.append(["GM9001", "Fout", "onbekend", None, None, None])
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(socialmap_format.FormatError) as error:
        socialmap.social_map_import(tables=socialmap_format.read_upload(out.getvalue(), table=None))
    assert [(p.line, p.column) for p in error.value.problems] == [(4, "type")]
    assert not Organisation.objects.exists()


def test_a_file_that_is_not_text_or_a_workbook_is_refused(world: World) -> None:
    with pytest.raises(socialmap_format.FormatError) as error:
        socialmap_format.read_upload(b"\xff\xfe\x00bad", table=ORGANISATIES)
    assert "UTF-8" in str(error.value)
    with pytest.raises(socialmap_format.FormatError):
        socialmap_format.read_upload(b"PK\x03\x04 not really a zip", table=None)
