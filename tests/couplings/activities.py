"""Activities of organisations planned the way the platform learns of them: by the social-map
import (the other way is the admin)."""

from __future__ import annotations

from gezondewijk.couplings import socialmap, socialmap_format
from gezondewijk.couplings.socialmap_format import ACTIVITEITEN
from gezondewijk.people.models import Organisation
from gezondewijk.places.models import StrategicLocation

HEADER = ",".join(socialmap_format.COLUMNS[ACTIVITEITEN]) + "\n"


def activities_csv(organisation: Organisation, place: StrategicLocation, *codes: str) -> str:
    """One weekly walk per code, at `place`, as the social map's activities table."""
    return HEADER + "".join(
        f"{code},{organisation.gemeente.code},{organisation.name},Wandelen {n},"
        f"2026-03-0{n} 10:00,2026-03-0{n} 12:00,{place.buurt.code},{place.name},,\n"
        for n, code in enumerate(codes, start=1)
    )


def activities_import(organisation: Organisation, place: StrategicLocation, *codes: str) -> None:
    csv = activities_csv(organisation, place, *codes).encode()
    socialmap.social_map_import(tables={ACTIVITEITEN: socialmap_format.read_csv(ACTIVITEITEN, csv)})
