"""Boundary import against the real CBS/PDOK files: all 342 gemeenten of 2024 and gemeente
Utrecht's wijken and buurten of 2023."""

import csv
import json
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation

from gezondewijk.places.codes import Level
from gezondewijk.places.importers.boundaries import BoundaryImportError, import_boundaries_file
from gezondewijk.places.importers.cbs import import_cbs_file
from gezondewijk.places.models import Buurt, Gemeente, Wijk
from tests.places.test_boundaries_import import db_state

pytestmark = [pytest.mark.validation, pytest.mark.django_db]

GEMEENTEN = "gemeente_gegeneraliseerd.geojson"
WIJKEN = "cbs_wijk_2023_gm0344.geojson"
BUURTEN = "cbs_buurt_2023_gm0344.geojson"
KWB_NATIONAL = "cbs_kwb_2024_85984NED_gm_wk_nl.csv"
KWB_UTRECHT = "cbs_kwb_2023_utrecht_gm0344.csv"


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    with translation.override("en"):
        yield


def load(path: Path) -> dict[str, Any]:
    collection: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return collection


def national_gemeente_codes(shared_data: Path) -> list[str]:
    with (shared_data / KWB_NATIONAL).open(encoding="utf-8-sig", newline="") as f:
        codes = [row["WijkenEnBuurten"].strip() for row in csv.DictReader(f)]
    return sorted(code for code in codes if code.startswith("GM"))


@pytest.fixture
def gemeenten(shared_data: Path) -> None:
    """The 342 gemeenten of 2024 as the OData table gives them: codes only, named by code."""
    codes = national_gemeente_codes(shared_data)
    Gemeente.objects.bulk_create([Gemeente(code=code, name=code) for code in codes])


@pytest.fixture
def utrecht(shared_data: Path) -> None:
    import_cbs_file(path=shared_data / KWB_UTRECHT)


def test_the_national_gemeente_file_matches_every_gemeente_and_names_them(
    shared_data: Path, gemeenten: None
) -> None:
    path = shared_data / GEMEENTEN
    features = load(path)["features"]
    assert sorted(f["properties"]["statcode"] for f in features) == national_gemeente_codes(
        shared_data
    )

    result = import_boundaries_file(path=path, level=Level.GEMEENTE, year=2024)

    assert (result.matched, result.unknown_codes, result.without_boundary) == (342, [], 0)
    assert result.renamed == 342
    assert not Gemeente.objects.filter(boundary__isnull=True).exists()
    names = dict(Gemeente.objects.values_list("code", "name"))
    assert names == {f["properties"]["statcode"]: f["properties"]["statnaam"] for f in features}
    assert names["GM0344"] == "Utrecht"
    # Simplified for display: lighter than the file, yet every gemeente keeps its shape.
    stored = sum(len(json.dumps(b)) for b in Gemeente.objects.values_list("boundary", flat=True))
    assert stored < path.stat().st_size / 2


@pytest.mark.parametrize(
    ("file_name", "level", "count"), [(WIJKEN, "wijk", 10), (BUURTEN, "buurt", 111)]
)
def test_utrecht_wijken_and_buurten_all_match(
    shared_data: Path, utrecht: None, file_name: str, level: str, count: int
) -> None:
    out = StringIO()

    call_command("import_boundaries", str(shared_data / file_name), "--level", level, stdout=out)

    assert out.getvalue().splitlines()[-3:] == [
        f"matched: {count}",
        "unknown codes: 0",
        "areas without boundary: 0",
    ]
    model = Wijk if level == "wijk" else Buurt
    assert model.objects.filter(boundary__isnull=False).count() == count
    # The kwb workbook named them already; the file's names are the same.
    assert model.objects.get(code="WK034401" if level == "wijk" else "BU03440111").name == (
        "Wijk 01 West" if level == "wijk" else "Welgelegen, Den Hommel"
    )


def open_ring(feature: dict[str, Any]) -> str:
    geometry = feature["geometry"]
    ring = geometry["coordinates"][0]
    if geometry["type"] == "MultiPolygon":
        ring = ring[0]
    ring.pop()
    return "a ring is not closed (its first and last point differ)"


def wrong_type(feature: dict[str, Any]) -> str:
    feature["geometry"] = {"type": "Point", "coordinates": [5.1, 52.09]}
    return "the geometry is a Point; expected Polygon or MultiPolygon"


def outside(feature: dict[str, Any]) -> str:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    for polygon in polygons:
        for ring in polygon:
            for point in ring:
                point[0] += 10  # into Poland
    return "the geometry lies outside the Netherlands ("


def unknown_code(feature: dict[str, Any]) -> str:
    code = feature["properties"]["statcode"]
    new = {"GM": "GM9999", "WK": "WK034499", "BU": "BU03449999"}[code[:2]]
    feature["properties"] |= {"statcode": new, "jrstatcode": f"2023{new}"}
    return f"{new} is not in the database"


@pytest.mark.parametrize("breakage", [open_ring, wrong_type, outside, unknown_code])
@pytest.mark.parametrize(
    ("file_name", "feature_index"), [(WIJKEN, 3), (BUURTEN, 57), (GEMEENTEN, 200)]
)
def test_a_broken_copy_of_a_real_file_is_refused_and_changes_nothing(
    shared_data: Path,
    utrecht: None,
    tmp_path: Path,
    file_name: str,
    feature_index: int,
    breakage: Callable[[dict[str, Any]], str],
) -> None:
    if file_name == GEMEENTEN:
        codes = national_gemeente_codes(shared_data)
        Gemeente.objects.bulk_create([Gemeente(code=c, name=c) for c in codes if c != "GM0344"])
    # The real file went in first; a broken copy must leave it exactly as it is.
    import_boundaries_file(path=shared_data / file_name)
    collection = load(shared_data / file_name)
    feature = collection["features"][feature_index]
    code = feature["properties"]["statcode"]
    reason = breakage(feature)
    if breakage is unknown_code:
        code = feature["properties"]["statcode"]
    broken = tmp_path / f"broken-{file_name}"
    broken.write_text(json.dumps(collection))
    before = db_state()

    with pytest.raises(BoundaryImportError) as caught:
        import_boundaries_file(path=broken)

    message = str(caught.value)
    assert message.startswith(f"broken-{file_name}: 1 bad feature, nothing was imported:")
    assert f"feature {feature_index + 1} ({code}): {reason}" in message
    assert db_state() == before
