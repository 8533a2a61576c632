"""Writes of places. Permission is checked by the caller through the policy module."""

from decimal import Decimal
from typing import Any

from django.db import transaction

from gezondewijk.places.models import Buurt, StrategicLocation


def location_create(
    *,
    name: str,
    kind: str,
    buurt: Buurt,
    latitude: Decimal,
    longitude: Decimal,
    address: str = "",
    description: str = "",
) -> StrategicLocation:
    location = StrategicLocation(
        name=name,
        kind=kind,
        buurt=buurt,
        latitude=latitude,
        longitude=longitude,
        address=address,
        description=description,
    )
    location.full_clean()
    with transaction.atomic():
        location.save()
    return location


def location_update(*, location: StrategicLocation, **changes: Any) -> StrategicLocation:
    for field, value in changes.items():
        setattr(location, field, value)
    location.full_clean()
    with transaction.atomic():
        location.save()
    return location
