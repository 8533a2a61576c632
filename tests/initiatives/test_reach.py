"""Reach: buurten with no activity at a strategic location within walking distance."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np

from gezondewijk.initiatives import reach
from tests import factories
from tests.conftest import World
from tests.initiatives.factories import ActivityFactory, InitiativeFactory

TODAY = date(2026, 6, 30)


def _square(lat: float, lon: float, half: float = 0.001) -> dict[str, Any]:
    ring = [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def test_haversine_distance_is_right_for_a_known_pair() -> None:
    # One hundredth of a degree of latitude is about 1112 metres.
    d = reach.distances_m(np.array([[52.0, 5.0]]), np.array([[52.01, 5.0]]))
    assert abs(d[0, 0] - 1112) < 2


def test_the_centre_comes_from_the_boundary_else_from_its_locations(world: World) -> None:
    assert reach.ring_centroid(_square(52.1, 5.1)) == (52.1, 5.1)
    assert reach.ring_centroid(None) is None


def test_a_buurt_far_from_any_active_place_is_not_reached(world: World, settings: Any) -> None:
    settings.GEZONDEWIJK_WALKING_DISTANCE_M = 500
    world.buurt.boundary = _square(52.100, 5.100)
    world.buurt.save()
    far = factories.BuurtFactory(wijk=world.wijk, boundary=_square(52.130, 5.100))
    unknown = factories.BuurtFactory(wijk=world.wijk)  # no boundary, no location
    place = factories.StrategicLocationFactory(
        buurt=world.buurt, latitude=Decimal("52.101"), longitude=Decimal("5.100")
    )
    factories.StrategicLocationFactory(  # a place without activity does not count
        buurt=far, latitude=Decimal("52.130"), longitude=Decimal("5.100")
    )
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    ActivityFactory(initiative=initiative, location=place, date=TODAY - timedelta(days=30))
    result = {r.buurt.pk: r for r in reach.reach_for(wijk=world.wijk, today=TODAY).buurten}
    assert result[world.buurt.pk].reached is True
    assert result[world.buurt.pk].nearest_m is not None
    assert result[world.buurt.pk].nearest_m < 200
    assert result[far.pk].reached is False
    assert result[unknown.pk].reached is None


def test_the_walking_distance_is_a_setting(world: World, settings: Any) -> None:
    world.buurt.boundary = _square(52.100, 5.100)
    world.buurt.save()
    # A place in the neighbouring wijk, about 890 m from the buurt's centre.
    place = factories.StrategicLocationFactory(
        buurt=world.other_buurt, latitude=Decimal("52.108"), longitude=Decimal("5.100")
    )
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    ActivityFactory(initiative=initiative, location=place, date=TODAY)
    settings.GEZONDEWIJK_WALKING_DISTANCE_M = 500
    assert reach.reach_for(wijk=world.wijk, today=TODAY).buurten[0].reached is False
    settings.GEZONDEWIJK_WALKING_DISTANCE_M = 1000
    assert reach.reach_for(wijk=world.wijk, today=TODAY).buurten[0].reached is True


def test_a_buurt_with_an_active_place_inside_is_reached_however_large(world: World) -> None:
    world.buurt.boundary = _square(52.100, 5.100, half=0.02)
    world.buurt.save()
    place = factories.StrategicLocationFactory(
        buurt=world.buurt, latitude=Decimal("52.115"), longitude=Decimal("5.100")
    )
    ActivityFactory(
        initiative=InitiativeFactory(lead=world.resident, wijken=[world.wijk]),
        location=place,
        date=TODAY,
    )
    row = reach.reach_for(wijk=world.wijk, today=TODAY).buurten[0]
    assert row.nearest_m is not None
    assert row.nearest_m > 1000
    assert row.reached is True
