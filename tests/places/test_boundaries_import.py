"""Boundary import: small GeoJSON files written by the tests themselves."""

import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import pytest
import shapely
from django.contrib import admin
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.utils import translation

from gezondewijk.places.codes import Level
from gezondewijk.places.forms import AreaAdminForm
from gezondewijk.places.geometry import SIMPLIFY_TOLERANCE, boundary_problem
from gezondewijk.places.importers.boundaries import (
    BoundaryImportError,
    BoundaryImportResult,
    import_boundaries_file,
)
from gezondewijk.places.models import Buurt, Gemeente, Wijk
from tests import factories

pytestmark = pytest.mark.django_db

# Utrecht's centre; the test areas are squares of about 700 m by 1100 m around it.
X0, Y0 = 5.10, 52.09


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def places() -> None:
    """A gemeente with three wijken (one still called by its code) and one buurt."""
    gemeente = factories.GemeenteFactory(code="GM9100", name="GM9100")
    factories.WijkFactory(code="WK910001", name="WK910001", gemeente=gemeente)
    factories.WijkFactory(code="WK910002", name="Zuid", gemeente=gemeente)
    wijk = factories.WijkFactory(code="WK910003", name="Oost", gemeente=gemeente)
    factories.BuurtFactory(code="BU91000301", name="Oostpark", wijk=wijk)


def square(i: int, size: float = 0.01, clockwise: bool = False) -> dict[str, Any]:
    x, y = X0 + i * size, Y0
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring[::-1] if clockwise else ring]}


def feature(code: str | None, geometry: Any, name: str | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = {"statnaam": name or f"Naam {code}", "rubriek": "wijk"}
    if code is not None:
        properties |= {"statcode": code, "jrstatcode": f"2023{code}"}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def wijk_features() -> list[dict[str, Any]]:
    return [
        feature("WK910001", square(0), "Wijk 01 Noord"),
        feature("WK910002", square(1), "Wijk 02 Zuid"),
        feature("WK910003", square(2), "Wijk 03 Oost"),
    ]


def write_collection(path: Path, features: list[Any], **members: Any) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", **members, "features": features}))
    return path


def db_state() -> dict[str, tuple[str, Any]]:
    """Name and boundary of every area: what a refused file must leave as it was."""
    return {
        area.code: (area.name, area.boundary)
        for model in (Gemeente, Wijk, Buurt)
        for area in model.objects.all()
    }


def refused(path: Path, **kwargs: Any) -> str:
    before = db_state()
    with pytest.raises(BoundaryImportError) as caught:
        import_boundaries_file(path=path, **kwargs)
    assert db_state() == before
    return str(caught.value)


def test_wijk_boundaries_are_stored_and_names_filled_where_unknown(
    places: None, tmp_path: Path
) -> None:
    path = write_collection(tmp_path / "wijken.geojson", wijk_features())

    result = import_boundaries_file(path=path)

    assert result == BoundaryImportResult(
        file_name="wijken.geojson",
        year=2023,
        matched=3,
        matched_by_level={Level.GEMEENTE: 0, Level.WIJK: 3, Level.BUURT: 0},
        unknown_codes=[],
        without_boundary=0,
        renamed=1,
        simplify_tolerance=SIMPLIFY_TOLERANCE,
    )
    names = dict(Wijk.objects.values_list("code", "name"))
    # Only the wijk called by its code takes the file's name; known names stay.
    assert names == {"WK910001": "Wijk 01 Noord", "WK910002": "Zuid", "WK910003": "Oost"}
    stored = shapely.from_geojson(json.dumps(Wijk.objects.get(code="WK910002").boundary))
    assert shapely.equals_exact(
        shapely.normalize(stored), shapely.normalize(shapely.geometry.shape(square(1))), 1e-9
    )


def test_outer_rings_are_stored_counter_clockwise_and_holes_clockwise(
    places: None, tmp_path: Path
) -> None:
    outer = square(0, size=0.03, clockwise=True)["coordinates"][0]
    hole = [[X0 + 0.01, Y0 + 0.01], [X0 + 0.02, Y0 + 0.01], [X0 + 0.02, Y0 + 0.02]]
    hole += [[X0 + 0.01, Y0 + 0.02], [X0 + 0.01, Y0 + 0.01]]  # counter-clockwise
    geometry = {"type": "Polygon", "coordinates": [outer, hole]}
    path = write_collection(tmp_path / "w.geojson", [feature("WK910001", geometry)])

    import_boundaries_file(path=path)

    stored = shapely.from_geojson(json.dumps(Wijk.objects.get(code="WK910001").boundary))
    assert shapely.is_ccw(stored.exterior)
    assert not shapely.is_ccw(stored.interiors[0])
    assert stored.area == pytest.approx(0.03**2 - 0.01**2)


def test_stored_coordinates_are_rounded_to_about_a_metre(places: None, tmp_path: Path) -> None:
    geometry = square(0)
    geometry["coordinates"][0][1] = [X0 + 0.0100004321, Y0 + 0.0000001234]
    path = write_collection(tmp_path / "w.geojson", [feature("WK910001", geometry)])

    import_boundaries_file(path=path)

    text = json.dumps(Wijk.objects.get(code="WK910001").boundary)
    assert "5.11," in text or "5.11]" in text
    assert "0.0100004321" not in text
    assert "52.0900001234" not in text


def test_areas_without_boundary_counts_the_level_in_the_touched_gemeenten(
    places: None, tmp_path: Path
) -> None:
    factories.WijkFactory(code="WK920001", gemeente=factories.GemeenteFactory(code="GM9200"))
    path = write_collection(tmp_path / "w.geojson", wijk_features()[:2])

    result = import_boundaries_file(path=path, level=Level.WIJK)

    # WK910003 lacks one; GM9200's wijk is in a gemeente the file does not touch.
    assert (result.matched, result.without_boundary) == (2, 1)


@pytest.mark.parametrize(
    ("geometry", "reason"),
    [
        pytest.param(
            {"type": "Polygon", "coordinates": [square(1)["coordinates"][0][:-1]]},
            "a ring is not closed",
            id="open ring",
        ),
        pytest.param(
            {"type": "Point", "coordinates": [X0, Y0]},
            "the geometry is a Point; expected Polygon or MultiPolygon",
            id="point",
        ),
        pytest.param(
            {"type": "LineString", "coordinates": [[X0, Y0], [X0 + 0.01, Y0]]},
            "the geometry is a LineString; expected Polygon or MultiPolygon",
            id="linestring",
        ),
        pytest.param(
            {
                "type": "Polygon",
                "coordinates": [[[2.0, 48.8], [2.1, 48.8], [2.1, 48.9], [2.0, 48.8]]],
            },
            "the geometry lies outside the Netherlands (2 48.8, 2.1 48.9;",
            id="paris",
        ),
        pytest.param(
            {
                "type": "Polygon",
                "coordinates": [
                    [[X0, Y0], [X0 + 0.01, Y0 + 0.01], [X0 + 0.01, Y0], [X0, Y0 + 0.01], [X0, Y0]]
                ],
            },
            "the geometry is not valid: the outline crosses itself near 5.105 52.095",
            id="self-intersection",
        ),
        pytest.param(
            {"type": "Polygon", "coordinates": [[[X0, Y0], [X0 + 0.01, Y0], [X0, Y0]]]},
            "the geometry is not valid: a ring has fewer than four points",
            id="too few points",
        ),
        pytest.param(None, "the feature has no geometry", id="no geometry"),
        pytest.param(
            {"type": "Polygon", "coordinates": [[["5.1", Y0], [X0, Y0]]]},
            "the coordinates are not nested lists of numbers",
            id="text coordinates",
        ),
        pytest.param(
            {"type": "Polygon", "coordinates": []},
            "the geometry has no coordinates",
            id="empty",
        ),
    ],
)
def test_bad_geometry_refuses_the_file_with_feature_code_and_reason(
    places: None, tmp_path: Path, geometry: Any, reason: str
) -> None:
    features = wijk_features()
    features[1]["geometry"] = geometry
    path = write_collection(tmp_path / "wijken.geojson", features)

    message = refused(path)

    assert message.startswith("wijken.geojson: 1 bad feature, nothing was imported:")
    assert f"feature 2 (WK910002): {reason}" in message


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        pytest.param(None, "feature 2 (no statcode): it has no statcode", id="missing"),
        pytest.param(
            "WK91002",
            "feature 2 (WK91002): statcode WK91002 is not a CBS code of a gemeente, wijk or buurt",
            id="malformed",
        ),
        pytest.param(
            "WK919999",
            "feature 2 (WK919999): WK919999 is not in the database (import the key figures",
            id="unknown",
        ),
        pytest.param(
            "WK910001",
            "feature 2 (WK910001): WK910001 appears more than once (also feature 1)",
            id="duplicate",
        ),
    ],
)
def test_bad_code_refuses_the_file_with_feature_code_and_reason(
    places: None, tmp_path: Path, code: str | None, reason: str
) -> None:
    features = wijk_features()
    features[1] = feature(code, square(1))
    path = write_collection(tmp_path / "wijken.geojson", features)

    message = refused(path)

    assert "wijken.geojson: 1 bad feature" in message
    assert reason in message


def test_unknown_codes_are_listed_and_skipped_when_asked(places: None, tmp_path: Path) -> None:
    features = [*wijk_features(), feature("WK919999", square(3)), feature("GM9999", square(4))]
    path = write_collection(tmp_path / "w.geojson", features)

    result = import_boundaries_file(path=path, skip_unknown=True)

    assert result.unknown_codes == ["GM9999", "WK919999"]
    assert result.matched == 3
    assert Wijk.objects.filter(boundary__isnull=False).count() == 3


def test_feature_of_another_level_than_asked_is_refused(places: None, tmp_path: Path) -> None:
    features = [*wijk_features(), feature("BU91000301", square(3))]
    path = write_collection(tmp_path / "w.geojson", features)

    message = refused(path, level=Level.WIJK)

    assert (
        "feature 4 (BU91000301): BU91000301 is a buurt code, but the file is imported as wijk "
        "boundaries"
    ) in message


def test_features_of_another_year_than_asked_are_refused(places: None, tmp_path: Path) -> None:
    path = write_collection(tmp_path / "w.geojson", wijk_features())

    message = refused(path, year=2024)

    assert "3 bad features" in message
    assert "feature 1 (WK910001): jrstatcode 2023WK910001 is of 2023, not of 2024" in message


def test_every_reason_of_a_feature_is_given(places: None, tmp_path: Path) -> None:
    features = wijk_features()
    features[0] = feature("WK910002", {"type": "Point", "coordinates": [X0, Y0]})
    path = write_collection(tmp_path / "w.geojson", features)

    message = refused(path)

    assert "feature 1 (WK910002): the geometry is a Point" in message
    assert "feature 2 (WK910002): WK910002 appears more than once (also feature 1)" in message


def test_long_lists_of_bad_features_are_cut_short(places: None, tmp_path: Path) -> None:
    features = [feature(None, square(i % 10)) for i in range(25)]
    path = write_collection(tmp_path / "w.geojson", features)

    message = refused(path)

    assert "25 bad features" in message
    assert "feature 20 (no statcode)" in message
    assert "feature 21 " not in message
    assert message.endswith("… and 5 more")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "w.geojson: is not JSON (line 1, column 2:"),
        ('{"type": "Feature"}', "w.geojson: is not a GeoJSON FeatureCollection"),
        ("[1, 2]", "w.geojson: is not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "w.geojson: holds no features"),
        ("[" * 100_000 + "]" * 100_000, "w.geojson: is not GeoJSON (nested deeper"),
    ],
)
def test_a_file_that_is_not_a_feature_collection_is_refused(
    places: None, tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "w.geojson"
    path.write_text(content)

    assert refused(path).startswith(reason)


def test_a_feature_that_is_not_a_feature_is_refused(places: None, tmp_path: Path) -> None:
    path = write_collection(tmp_path / "w.geojson", [*wijk_features(), [1, 2]])

    message = refused(path)

    assert "feature 4 (no statcode): it is not a GeoJSON Feature" in message


TO_RD = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


def in_rd(shape: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(shape, lambda xy: np.column_stack(TO_RD.transform(*xy.T)))


def rd_collection(path: Path, features: list[dict[str, Any]], *, crs: bool = True) -> Path:
    projected = []
    for f in features:
        shape = in_rd(shapely.geometry.shape(f["geometry"]))
        projected.append({**f, "geometry": json.loads(shapely.to_geojson(shape))})
    members = {"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}}
    return write_collection(path, projected, **(members if crs else {}))


def test_rd_new_is_reprojected_to_within_a_few_metres(places: None, tmp_path: Path) -> None:
    # A circle of 16 points, 1 km across: reprojection errors would show along the whole
    # outline, and its corners are too sharp for the display simplification to remove.
    circle = shapely.Point(X0, Y0).buffer(0.01, quad_segs=4)
    original = json.loads(shapely.to_geojson(circle))
    path = rd_collection(tmp_path / "rd.geojson", [feature("WK910001", original)])

    import_boundaries_file(path=path)

    stored = shapely.from_geojson(json.dumps(Wijk.objects.get(code="WK910001").boundary))
    assert shapely.get_num_coordinates(stored) == 17
    # Rounding to 5 decimals moves a point by at most about a metre.
    assert shapely.hausdorff_distance(in_rd(stored), in_rd(circle)) < 2


def test_rd_coordinates_without_crs_are_refused_with_that_reason(
    places: None, tmp_path: Path
) -> None:
    path = rd_collection(tmp_path / "rd.geojson", wijk_features(), crs=False)

    message = refused(path)

    assert "feature 1 (WK910001): the coordinates (" in message
    assert "look like RD New metres, but the file does not say so" in message


def test_an_unknown_crs_is_refused(places: None, tmp_path: Path) -> None:
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::999999"}}
    path = write_collection(tmp_path / "w.geojson", wijk_features(), crs=crs)

    assert refused(path).startswith(
        "w.geojson: unknown coordinate system urn:ogc:def:crs:EPSG::999999"
    )


def test_swapped_latitude_and_longitude_are_named(places: None, tmp_path: Path) -> None:
    features = wijk_features()
    ring = features[0]["geometry"]["coordinates"][0]
    features[0]["geometry"]["coordinates"][0] = [[y, x] for x, y in ring]

    assert "latitude and longitude look swapped" in refused(
        write_collection(tmp_path / "w.geojson", features)
    )


def test_progress_is_reported_up_to_every_feature(places: None, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    path = write_collection(tmp_path / "w.geojson", wijk_features())

    import_boundaries_file(path=path, on_progress=lambda done, total: calls.append((done, total)))

    assert calls[0] == (0, 3)
    assert calls[-1] == (3, 3)


def test_command_prints_the_summary_lines(places: None, tmp_path: Path) -> None:
    features = [*wijk_features()[:2], feature("WK919999", square(3))]
    path = write_collection(tmp_path / "w.geojson", features)
    out = StringIO()

    call_command("import_boundaries", str(path), "--level", "wijk", "--skip-unknown", stdout=out)

    assert out.getvalue().splitlines()[-4:] == [
        "matched: 2",
        "unknown codes: 1",
        "  WK919999",
        "areas without boundary: 1",
    ]


def test_command_refuses_a_bad_file_in_dutch(places: None, tmp_path: Path) -> None:
    features = wijk_features()
    features[2]["geometry"] = {"type": "Point", "coordinates": [X0, Y0]}
    path = write_collection(tmp_path / "w.geojson", features)
    before = db_state()

    with translation.override("nl"), pytest.raises(CommandError) as caught:
        call_command("import_boundaries", str(path), stdout=StringIO())

    assert "feature 3 (WK910003)" in str(caught.value)
    assert "niets geïmporteerd" in str(caught.value)
    assert db_state() == before


def admin_form(data: dict[str, Any]) -> AreaAdminForm:
    request = RequestFactory().get("/")
    request.user = factories.UserFactory(is_staff=True, is_superuser=True)
    form_class = admin.site._registry[Wijk].get_form(request)
    wijk = Wijk.objects.get(code="WK910002")
    fields = {"code": wijk.code, "name": wijk.name, "gemeente": wijk.gemeente_id}
    fields |= {"figures_year": 2023, "inhabitants": wijk.inhabitants}
    form = form_class(data={**fields, **data}, instance=wijk)
    assert isinstance(form, AreaAdminForm)
    return form


def test_admin_form_refuses_an_invalid_boundary(places: None) -> None:
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[X0, Y0], [X0 + 0.01, Y0 + 0.01], [X0 + 0.01, Y0], [X0, Y0 + 0.01]]],
    }

    form = admin_form({"boundary": json.dumps(bowtie)})

    assert not form.is_valid()
    assert form.errors["boundary"] == [
        "This boundary cannot be used: a ring is not closed (its first and last point differ)."
    ]


def test_admin_form_accepts_a_valid_boundary(places: None) -> None:
    form = admin_form({"boundary": json.dumps(square(1))})

    assert form.is_valid(), form.errors


def test_admin_form_speaks_dutch(places: None) -> None:
    with translation.override("nl"):
        form = admin_form({"boundary": json.dumps({"type": "Point", "coordinates": [X0, Y0]})})
        assert not form.is_valid()
        assert "Polygon of MultiPolygon" in form.errors["boundary"][0]


def test_one_check_serves_the_form_and_the_import() -> None:
    assert boundary_problem(square(1)) is None
    assert boundary_problem({"type": "Point", "coordinates": [X0, Y0]}) == (
        "the geometry is a Point; expected Polygon or MultiPolygon"
    )
