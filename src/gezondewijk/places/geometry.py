"""Area boundaries as GeoJSON geometries: the one check every boundary passes, and how it is
made light for display.

Both doors use this module: the boundary import (importers/boundaries.py) and the admin form
(places/forms.py). The work is done on arrays of shapely 2 geometries (vectorised in GEOS);
Python only formats the few messages.

A boundary is accepted when it is a GeoJSON Polygon or MultiPolygon whose rings are closed,
that is valid (no self-intersection, no hole outside its shell, at least four points per
ring, ...) and that lies inside the Netherlands (NL_BOUNDS, WGS84 longitude/latitude).
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyproj
import shapely
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

POLYGONAL = ("Polygon", "MultiPolygon")
# The European Netherlands in WGS84 (min lon, min lat, max lon, max lat): the extremes of CBS's
# gemeente boundaries (3.36–7.23 E, 50.75–53.56 N) with a margin of about 0.2° (15–20 km).
NL_BOUNDS = (3.1, 50.5, 7.5, 53.8)
# What RD New (EPSG:28992) coordinates of the Netherlands look like, in metres.
RD_BOUNDS = (0.0, 280_000.0, 310_000.0, 630_000.0)
# Display simplification (Douglas-Peucker, topology preserving, per area) in degrees:
# 0.0001° is about 7 m east-west and 11 m north-south at 52° N; invisible at the zoom of a
# wijk map, and it keeps a national map of all gemeenten well under a megabyte. Neighbouring
# areas are simplified separately, so their shared edge may differ by up to this tolerance.
SIMPLIFY_TOLERANCE = 0.0001
# Stored coordinates are snapped to this grid (about 1 m), far below the tolerance.
COORDINATE_GRID = 0.00001
COORDINATE_DECIMALS = 5
WGS84 = pyproj.CRS("OGC:CRS84")

# GEOS's validity reasons (shapely.is_valid_reason), in words a region administrator reads.
_VALIDITY_REASONS: dict[str, Promise] = {
    "Self-intersection": gettext_lazy("the outline crosses itself"),
    "Ring Self-intersection": gettext_lazy("a ring touches or crosses itself"),
    "Too few points in geometry component": gettext_lazy(
        "a ring has fewer than four points (or only repeated ones)"
    ),
    "Hole lies outside shell": gettext_lazy("a hole lies outside its polygon"),
    "Holes are nested": gettext_lazy("a hole lies inside another hole"),
    "Interior is disconnected": gettext_lazy("holes cut the polygon in pieces"),
    "Nested shells": gettext_lazy("a polygon of the multipolygon lies inside another"),
    "Duplicate Rings": gettext_lazy("a ring appears twice"),
    "Invalid Coordinate": gettext_lazy("a coordinate is not a number"),
    "Ring is not closed": gettext_lazy("a ring is not closed (its first and last point differ)"),
}


class CrsError(ValueError):
    """The file's crs member names a coordinate system that cannot be used."""


@dataclass
class CheckedGeometries:
    """shapes[i] is geometry i in WGS84 longitude/latitude, or None when problems[i] says why
    it was refused."""

    shapes: npt.NDArray[np.object_]
    problems: list[str | None]


def transformer_for(crs_member: object) -> pyproj.Transformer | None:
    """The transformer to WGS84 for a GeoJSON `crs` member (the 2008 GeoJSON form that GDAL and
    PDOK still write), or None when the coordinates already are WGS84 longitude/latitude.

    No crs member means WGS84 (RFC 7946). Any coordinate system pyproj knows is accepted,
    RD New (EPSG:28992, "urn:ogc:def:crs:EPSG::28992") being the one Dutch files use. Axis
    order is always x/longitude first, as GeoJSON writes it, also for EPSG:4326.
    """
    if crs_member is None:
        return None
    name = None
    if isinstance(crs_member, dict):
        properties = crs_member.get("properties")
        if isinstance(properties, dict):
            name = properties.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CrsError(_('the "crs" member does not name a coordinate system'))
    try:
        crs = pyproj.CRS.from_user_input(name.strip())
    except pyproj.exceptions.CRSError as error:
        raise CrsError(
            _("unknown coordinate system %(crs)s in the crs member") % {"crs": name}
        ) from error
    if crs.is_geographic and crs.equals(WGS84, ignore_axis_order=True):
        return None
    return pyproj.Transformer.from_crs(crs, WGS84, always_xy=True)


def check_geometries(
    raw: Sequence[object], *, transformer: pyproj.Transformer | None = None
) -> CheckedGeometries:
    """Check GeoJSON geometries (parsed JSON, as in a file or a form) and return them as
    shapely geometries in WGS84, with a reason for every one refused."""
    count = len(raw)
    problems: list[str | None] = [None] * count
    types = [g.get("type") if isinstance(g, dict) else None for g in raw]
    for i, (geometry, kind) in enumerate(zip(raw, types, strict=True)):
        if geometry is None:
            problems[i] = _("the feature has no geometry")
        elif kind not in POLYGONAL:
            problems[i] = _("the geometry is a %(type)s; expected Polygon or MultiPolygon") % {
                "type": kind if isinstance(kind, str) else _("(no type)")
            }
    texts = [json.dumps(g) if p is None else "null" for g, p in zip(raw, problems, strict=True)]
    shapes = shapely.from_geojson(texts, on_invalid="ignore") if count else _empty()
    for i in np.flatnonzero(shapely.is_missing(shapes)).tolist():
        if problems[i] is None:
            problems[i] = _parse_problem(texts[i])
    shapes = shapely.force_2d(shapes)
    empty = shapely.is_empty(shapes)
    invalid = ~shapely.is_valid(shapes) & ~shapely.is_missing(shapes)
    reasons = shapely.is_valid_reason(shapes[invalid])
    for i, reason in zip(np.flatnonzero(invalid).tolist(), reasons, strict=True):
        problems[i] = _("the geometry is not valid: %(reason)s") % {
            "reason": _validity_reason(str(reason))
        }
    for i in np.flatnonzero(empty).tolist():
        problems[i] = _("the geometry has no coordinates")
    shapes[[p is not None for p in problems]] = None
    if transformer is not None:
        shapes = shapely.transform(shapes, lambda xy: _reproject(transformer, xy))
    _check_inside_netherlands(shapes, problems)
    shapes[[p is not None for p in problems]] = None
    return CheckedGeometries(shapes=shapes, problems=problems)


def boundary_problem(geometry: object) -> str | None:
    """Why one boundary (a GeoJSON geometry in WGS84) is refused, or None: the admin form's
    check, the same as the import's."""
    return check_geometries([geometry]).problems[0]


def display_geometries(shapes: npt.NDArray[np.object_]) -> list[dict[str, Any]]:
    """Checked shapes as the GeoJSON geometries stored in Area.boundary: simplified by
    SIMPLIFY_TOLERANCE (topology preserving), snapped to COORDINATE_GRID, outer rings
    counter-clockwise and holes clockwise (RFC 7946). A shape that would not survive
    simplification and snapping valid (a sliver smaller than the grid) is kept unsimplified."""
    light = shapely.simplify(shapes, SIMPLIFY_TOLERANCE, preserve_topology=True)
    light = shapely.set_precision(light, COORDINATE_GRID)
    kept = (
        shapely.is_valid(light)
        & ~shapely.is_empty(light)
        & np.isin(shapely.get_type_id(light), [3, 6])  # Polygon, MultiPolygon
    )
    light = np.where(kept, light, shapes)
    # set_precision snaps to the grid; rounding makes the decimals print as they should.
    light = shapely.transform(light, lambda xy: np.round(xy, COORDINATE_DECIMALS))
    light = shapely.orient_polygons(light, exterior_cw=False)
    return [json.loads(text) for text in shapely.to_geojson(light)]


def _empty() -> npt.NDArray[np.object_]:
    return np.empty(0, dtype=object)


def _reproject(transformer: pyproj.Transformer, xy: npt.NDArray[np.float64]) -> Any:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _parse_problem(text: str) -> str:
    try:
        shapely.from_geojson(text)
    except shapely.errors.GEOSException as error:
        if "closed linestring" in str(error):
            return str(_VALIDITY_REASONS["Ring is not closed"])
    return _("the coordinates are not nested lists of numbers as GeoJSON writes them")


def _validity_reason(reason: str) -> str:
    kind, _bracket, where = reason.partition("[")
    words = _VALIDITY_REASONS.get(kind.strip())
    text = str(words) if words is not None else kind.strip()
    if where:
        text += " " + _("near %(point)s") % {"point": where.rstrip("]")}
    return text


def _check_inside_netherlands(shapes: npt.NDArray[np.object_], problems: list[str | None]) -> None:
    bounds = shapely.bounds(shapes)  # NaN for missing shapes
    west, south, east, north = NL_BOUNDS
    inside = (
        (bounds[:, 0] >= west)
        & (bounds[:, 1] >= south)
        & (bounds[:, 2] <= east)
        & (bounds[:, 3] <= north)
    )
    outside = ~inside & ~np.isnan(bounds[:, 0])
    rd_x0, rd_y0, rd_x1, rd_y1 = RD_BOUNDS
    for i in np.flatnonzero(outside).tolist():
        x0, y0, x1, y1 = bounds[i]
        extent = f"{x0:.6g} {y0:.6g}, {x1:.6g} {y1:.6g}"
        if rd_x0 <= x0 and x1 <= rd_x1 and rd_y0 <= y0 and y1 <= rd_y1:
            problems[i] = _(
                "the coordinates (%(extent)s) look like RD New metres, but the file does not "
                'say so: add "crs": {"type": "name", "properties": {"name": '
                '"urn:ogc:def:crs:EPSG::28992"}} or convert the file to WGS84'
            ) % {"extent": extent}
        elif west <= y0 and y1 <= east and south <= x0 and x1 <= north:
            problems[i] = _(
                "the geometry lies outside the Netherlands (%(extent)s): latitude and "
                "longitude look swapped (GeoJSON writes longitude first)"
            ) % {"extent": extent}
        else:
            problems[i] = _(
                "the geometry lies outside the Netherlands (%(extent)s; expected longitude "
                "%(west)s to %(east)s and latitude %(south)s to %(north)s)"
            ) % {
                "extent": extent,
                "west": west,
                "east": east,
                "south": south,
                "north": north,
            }
