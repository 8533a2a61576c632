"""Reach: which buurten have an activity at a strategic location within walking distance.

A buurt's centre is the centroid of its boundary where there is one, otherwise the mean of
its strategic locations' coordinates; a buurt with neither has no known centre. Distances are
great-circle distances computed for all buurten against all active locations at once (NumPy).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.conf import settings
from django.utils import timezone

from gezondewijk.initiatives.models import Activity
from gezondewijk.places.models import Buurt, StrategicLocation, Wijk

EARTH_RADIUS_M = 6_371_000.0
WINDOW_DAYS = 365


def walking_distance_m() -> int:
    return int(getattr(settings, "GEZONDEWIJK_WALKING_DISTANCE_M", 500))


def ring_centroid(boundary: Any) -> tuple[float, float] | None:
    """(lat, lon) of the mean vertex of a Polygon's outer ring (or a MultiPolygon's first)."""
    if not boundary or not boundary.get("coordinates"):
        return None
    ring = boundary["coordinates"][0]
    if boundary.get("type") == "MultiPolygon":
        ring = ring[0]
    points = np.asarray(ring, dtype=float)
    if len(points) > 1 and np.array_equal(points[0], points[-1]):
        points = points[:-1]
    lon, lat = points.mean(axis=0)
    return float(lat), float(lon)


def distances_m(centres: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Matrix of haversine distances (metres) between (lat, lon) rows of the two arrays."""
    if not len(centres) or not len(points):
        return np.full((len(centres), len(points)), np.inf)
    lat1, lon1 = np.radians(centres[:, :1]), np.radians(centres[:, 1:])
    lat2, lon2 = np.radians(points[:, 0])[None, :], np.radians(points[:, 1])[None, :]
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(a))


@dataclass
class BuurtReach:
    buurt: Buurt
    centre: tuple[float, float] | None
    nearest_m: float | None
    reached: bool | None  # None: no known centre


@dataclass
class ReachMap:
    wijk: Wijk
    walking_m: int
    buurten: list[BuurtReach]
    active_locations: list[StrategicLocation]
    idle_locations: list[StrategicLocation]


def reach_for(*, wijk: Wijk, today: date | None = None) -> ReachMap:
    today = today or timezone.localdate()
    walking = walking_distance_m()
    buurten = list(wijk.buurten.order_by("code"))
    # Locations in the whole gemeente: a place across the wijk border may be round the corner.
    locations = list(StrategicLocation.objects.filter(buurt__wijk__gemeente=wijk.gemeente_id))
    active_ids = set(
        Activity.objects.filter(
            location__in=locations, date__gt=today - timedelta(days=WINDOW_DAYS), date__lte=today
        ).values_list("location_id", flat=True)
    )
    coords = {loc.pk: (float(loc.latitude), float(loc.longitude)) for loc in locations}
    own: dict[int, list[tuple[float, float]]] = {}
    for loc in locations:
        own.setdefault(loc.buurt_id, []).append(coords[loc.pk])
    centres: list[tuple[float, float] | None] = [
        ring_centroid(b.boundary)
        or (tuple(np.mean(own[b.pk], axis=0).tolist()) if b.pk in own else None)
        for b in buurten
    ]
    known = [i for i, c in enumerate(centres) if c is not None]
    active = [loc for loc in locations if loc.pk in active_ids]
    matrix = distances_m(
        np.array([centres[i] for i in known], dtype=float).reshape(-1, 2),
        np.array([coords[loc.pk] for loc in active], dtype=float).reshape(-1, 2),
    )
    nearest = matrix.min(axis=1) if matrix.shape[1] else np.full(len(known), np.inf)
    by_index = dict(zip(known, nearest.tolist(), strict=True))
    # A buurt with an active place of its own is reached, however large it is.
    with_activity = {loc.buurt_id for loc in active}
    result = []
    for i, buurt in enumerate(buurten):
        d = by_index.get(i)
        finite = d is not None and np.isfinite(d)
        near = bool(finite and d is not None and d <= walking) or buurt.pk in with_activity
        result.append(
            BuurtReach(
                buurt,
                centres[i],
                round(d) if finite else None,  # type: ignore[arg-type]
                None if d is None and not near else near,
            )
        )
    in_wijk = {b.pk for b in buurten}
    return ReachMap(
        wijk=wijk,
        walking_m=walking,
        buurten=result,
        active_locations=active,
        idle_locations=[
            loc for loc in locations if loc.pk not in active_ids and loc.buurt_id in in_wijk
        ],
    )
