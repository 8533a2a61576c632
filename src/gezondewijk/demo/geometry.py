"""Rectangles in degrees: the region is cut into gemeenten, wijken and buurten like a treemap.

Each area gets a share of its parent's rectangle in proportion to its surface, so the map
agrees with area_total_ha and every buurt lies inside its wijk, every wijk inside its gemeente.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# A centre in Salland/Vechtdal (Overijssel): real Dutch coordinates, no real municipality.
CENTRE_LAT = 52.45
CENTRE_LON = 6.40
KM_PER_DEGREE_LAT = 111.2
KM_PER_DEGREE_LON = 111.32 * math.cos(math.radians(CENTRE_LAT))
REGION_ASPECT = 1.6  # width / height of the whole region
COORDINATE_PLACES = 6  # about 10 cm, as StrategicLocation stores them


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float

    @classmethod
    def around_centre(cls, area_ha: int) -> Box:
        height_km = math.sqrt(area_ha / 100 / REGION_ASPECT)
        half_lat = height_km / 2 / KM_PER_DEGREE_LAT
        half_lon = height_km * REGION_ASPECT / 2 / KM_PER_DEGREE_LON
        return cls(
            CENTRE_LON - half_lon,
            CENTRE_LAT - half_lat,
            CENTRE_LON + half_lon,
            CENTRE_LAT + half_lat,
        )

    def split(self, weights: list[int]) -> list[Box]:
        """Strips across the longer side, each as wide as its weight's share. The last edge is
        the parent's own edge, so no float drift lets a child stick out."""
        width_km = (self.east - self.west) * KM_PER_DEGREE_LON
        height_km = (self.north - self.south) * KM_PER_DEGREE_LAT
        total = sum(weights)
        edges = [0.0]
        for w in weights:
            edges.append(edges[-1] + w / total)
        edges[-1] = 1.0
        if width_km >= height_km:
            xs = [self.west + e * (self.east - self.west) for e in edges]
            xs[-1] = self.east
            return [Box(a, self.south, b, self.north) for a, b in itertools.pairwise(xs)]
        ys = [self.north - e * (self.north - self.south) for e in edges]
        ys[-1] = self.south
        return [Box(self.west, b, self.east, a) for a, b in itertools.pairwise(ys)]

    def geojson(self) -> dict[str, Any]:
        """A GeoJSON Polygon, exterior ring counter-clockwise (RFC 7946)."""
        w, s, e, n = (
            round(v, COORDINATE_PLACES) for v in (self.west, self.south, self.east, self.north)
        )
        return {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}

    def random_point(self, rng: random.Random, margin: float = 0.1) -> tuple[Decimal, Decimal]:
        """(latitude, longitude) well inside the box, rounded as the database stores it."""
        lat = self.south + rng.uniform(margin, 1 - margin) * (self.north - self.south)
        lon = self.west + rng.uniform(margin, 1 - margin) * (self.east - self.west)
        quantum = Decimal(1).scaleb(-COORDINATE_PLACES)
        return Decimal(repr(lat)).quantize(quantum), Decimal(repr(lon)).quantize(quantum)


def bbox_of(geometry: dict[str, Any]) -> Box:
    """The bounding box of a GeoJSON Polygon (the demo's polygons are their own bbox)."""
    ring = geometry["coordinates"][0]
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return Box(min(lons), min(lats), max(lons), max(lats))
