"""Demo places on a real city: gemeente Utrecht from the data pack, through the real importers.

The areas, their key figures (CBS 2023 and 2024), boundaries and the GGD monitor row come from
data/utrecht/ (see BRON.md there, and scripts/make_demo_pack.py for how it is derived); only
the vindplaatsen (strategic locations) are invented: plausible kinds per wijk, each at a random
point inside its buurt's polygon, with a Utrecht street and postcode.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import prep

from gezondewijk.demo import names
from gezondewijk.demo.builders.places import POSTCODE_LETTERS, WIJK_LOCATIONS, _location_name
from gezondewijk.demo.registry import DemoContext
from gezondewijk.places.codes import Level
from gezondewijk.places.importers.boundaries import import_boundaries_file
from gezondewijk.places.importers.cbs import import_cbs_file
from gezondewijk.places.models import (
    Buurt,
    Gemeente,
    LocationKind,
    StrategicLocation,
    Wijk,
)

PACK = Path(__file__).resolve().parents[1] / "data" / "utrecht"
GEMEENTE_CODE = "GM0344"
REGION_NAME = "Regio Utrecht"
CENTRE_WIJK = "WK034406"  # Binnenstad
KEY_FIGURE_FILES = ((2023, "kwb_2023_gm0344.csv"), (2024, "kwb_2024_gm0344.csv"))
BOUNDARY_FILES = (
    (Level.GEMEENTE, 2024, "gemeente_2024_gm0344.geojson"),
    (Level.WIJK, 2023, "wijk_2023_gm0344.geojson"),
    (Level.BUURT, 2023, "buurt_2023_gm0344.geojson"),
)
GGD_FILE = "ggd_50140NED_gm0344.csv"
GGD_YEAR = 2024  # the table has no Perioden column: Gezondheidsmonitor Jongvolwassenen 2024
CBS_CREDIT = "Bron: CBS, CC BY 4.0"
GGD_CREDIT = "Bron: GGD'en, RIVM, CBS (Gezondheidsmonitor Jongvolwassenen 2024), CC BY 4.0"

# Every wijk has the fictional region's WIJK_LOCATIONS, about one per this many buurten (at
# least one).
BUURTEN_PER_LOCATION = 4
# Once in the centre, and once in every wijk: a library branch, a wijkcentrum, a park.
CENTRE_LOCATIONS = (
    LocationKind.BIBLIOTHEEK,
    LocationKind.GEZONDHEIDSCENTRUM,
    LocationKind.MARKT,
    LocationKind.KERK,
)
SPREAD_LOCATIONS = (
    LocationKind.BIBLIOTHEEK,
    LocationKind.WIJKCENTRUM,
    LocationKind.PARK,
    LocationKind.GEZONDHEIDSCENTRUM,
)
# Mosques where Utrecht has them: Overvecht, Zuidwest (Kanaleneiland), Noordwest (Ondiep, Zuilen).
MOSQUE_WIJKEN = ("WK034402", "WK034403", "WK034408")
COORDINATE_PLACES = 6
TRIES = 1_000


@dataclass(frozen=True)
class WijkAddresses:
    place: tuple[str, ...]  # the place name in the address
    postcodes: tuple[int, int]  # the wijk's four-digit postcodes, first and last
    streets: tuple[str, ...]


# Postcode areas and a handful of streets per wijk: plausible addresses for invented places.
ADDRESSES: dict[str, WijkAddresses] = {
    "WK034401": WijkAddresses(
        ("Utrecht",),
        (3531, 3533),
        ("Vleutenseweg", "Kanaalstraat", "Damstraat", "Marnixlaan", "Laan van Nieuw-Guinea"),
    ),
    "WK034402": WijkAddresses(
        ("Utrecht",),
        (3551, 3555),
        ("Amsterdamsestraatweg", "Prins Bernhardlaan", "Royaards van den Hamkade", "Julianaweg"),
    ),
    "WK034403": WijkAddresses(
        ("Utrecht",),
        (3561, 3564),
        ("Zamenhofdreef", "Vechtdreef", "Tigrisdreef", "Neckardreef", "Moezeldreef"),
    ),
    "WK034404": WijkAddresses(
        ("Utrecht",),
        (3571, 3573),
        ("Kardinaal de Jonglaan", "Blauwkapelseweg", "Adelaarstraat", "Gildstraat"),
    ),
    "WK034405": WijkAddresses(
        ("Utrecht",),
        (3581, 3585),
        ("Biltstraat", "Burgemeester Reigerstraat", "Nachtegaalstraat", "Prins Hendriklaan"),
    ),
    "WK034406": WijkAddresses(
        ("Utrecht",),
        (3511, 3512),
        ("Oudegracht", "Nobelstraat", "Voorstraat", "Lange Elisabethstraat", "Twijnstraat"),
    ),
    "WK034407": WijkAddresses(
        ("Utrecht",),
        (3521, 3524),
        ("Briljantlaan", "Waalstraat", "Smaragdplein", "Tolsteegsingel", "Rijnlaan"),
    ),
    "WK034408": WijkAddresses(
        ("Utrecht",),
        (3525, 3527),
        ("Marshalllaan", "Trumanlaan", "Croeselaan", "Churchilllaan", "Columbuslaan"),
    ),
    "WK034409": WijkAddresses(
        ("Utrecht",),
        (3541, 3544),
        ("Langerakbaan", "Grauwaartsingel", "Vleutensebaan", "Parkzichtlaan"),
    ),
    "WK034410": WijkAddresses(
        ("De Meern", "Vleuten"),
        (3451, 3454),
        ("Dorpsstraat", "Mereveldplein", "Hindersteinlaan", "Rijksstraatweg", "Europaweg"),
    ),
}
FALLBACK_ADDRESSES = WijkAddresses(("Utrecht",), (3500, 3599), names.STREET_NAMES)


def build_utrecht_places(ctx: DemoContext) -> None:
    """Gemeente Utrecht with its wijken and buurten, figures, boundaries and places (the GGD
    row is the indicators app's to import: see indicators.demo_builder)."""
    for year, file_name in KEY_FIGURE_FILES:
        result = import_cbs_file(
            path=PACK / file_name, year=year, gemeenten=[GEMEENTE_CODE], region_name=REGION_NAME
        )
    ctx.region = result.region
    ctx.count("boundaries", load_pack_boundaries())
    region = ctx.require_region()
    ctx.count("regions", 1)
    ctx.count("gemeenten", Gemeente.objects.filter(region=region).count())
    ctx.count("wijken", Wijk.objects.filter(gemeente__region=region).count())
    ctx.count("buurten", Buurt.objects.filter(wijk__gemeente__region=region).count())
    ctx.count("locations", build_locations(ctx.rng))


def load_pack_boundaries() -> int:
    """Each area's boundary from the pack's GeoJSON files, through the boundary importer (the
    same checks as `gezondewijk import-boundaries`); the number of areas that got one."""
    matched = 0
    for level, year, file_name in BOUNDARY_FILES:
        result = import_boundaries_file(path=PACK / file_name, level=level, year=year)
        matched += result.matched
    return matched


def _random_point(rng: random.Random, polygon: BaseGeometry) -> tuple[Decimal, Decimal]:
    """(latitude, longitude) of a random point inside the polygon, as the database stores it."""
    inside = prep(polygon)
    west, south, east, north = polygon.bounds
    point = polygon.representative_point()
    for _ in range(TRIES):
        candidate = Point(rng.uniform(west, east), rng.uniform(south, north))
        if inside.contains(candidate):
            point = candidate
            break
    quantum = Decimal(1).scaleb(-COORDINATE_PLACES)
    return (
        Decimal(repr(point.y)).quantize(quantum),
        Decimal(repr(point.x)).quantize(quantum),
    )


def _short(buurt_name: str) -> str:
    """ "Welgelegen, Den Hommel" → "Welgelegen": a buurt as people name it in a place name."""
    return buurt_name.split(",")[0].strip()


def build_locations(rng: random.Random) -> int:
    buurten = list(
        # A place needs a point inside its buurt: only buurten with a boundary get one.
        Buurt.objects.filter(wijk__gemeente__code=GEMEENTE_CODE, boundary__isnull=False)
        .select_related("wijk")
        .order_by("code")
    )
    by_wijk: dict[str, list[Buurt]] = {}
    for buurt in buurten:
        by_wijk.setdefault(buurt.wijk.code, []).append(buurt)
    polygons = {b.code: shape(b.boundary) for b in buurten}
    locations: list[StrategicLocation] = []
    taken: set[tuple[str, str]] = set()

    def weights(pool: list[Buurt]) -> list[float]:
        return [max(1, b.inhabitants or 0) for b in pool]

    def add(kind: LocationKind, buurt: Buurt, *, branch: bool = False) -> None:
        name = _location_name(rng, kind, "Utrecht", _short(buurt.name))
        if branch and kind is LocationKind.BIBLIOTHEEK:  # a branch in every wijk
            name = f"Bibliotheek {_short(buurt.name)}"
        while (buurt.code, name) in taken:  # unique per buurt, as the database demands
            name += " II"
        taken.add((buurt.code, name))
        latitude, longitude = _random_point(rng, polygons[buurt.code])
        locations.append(
            StrategicLocation(
                name=name,
                kind=kind,
                buurt=buurt,
                address=_address(rng, buurt.wijk.code),
                latitude=latitude,
                longitude=longitude,
            )
        )

    for wijk_code, pool in sorted(by_wijk.items()):
        per_kind = max(1, round(len(pool) / BUURTEN_PER_LOCATION))
        for kind in WIJK_LOCATIONS:
            # Busier buurten are likelier to have the school, the GP, the supermarket.
            chosen: list[Buurt] = []
            while len(chosen) < min(per_kind, len(pool)):
                buurt = rng.choices(pool, weights=weights(pool))[0]
                if buurt not in chosen:
                    chosen.append(buurt)
            for buurt in chosen:
                add(kind, buurt)
        for kind in SPREAD_LOCATIONS + (
            (LocationKind.MOSKEE,) if wijk_code in MOSQUE_WIJKEN else ()
        ):
            add(kind, rng.choices(pool, weights=weights(pool))[0], branch=True)
        if wijk_code == CENTRE_WIJK:
            for kind in CENTRE_LOCATIONS:
                add(kind, rng.choices(pool, weights=weights(pool))[0])
    StrategicLocation.objects.bulk_create(locations)
    return len(locations)


def _address(rng: random.Random, wijk_code: str) -> str:
    where = ADDRESSES.get(wijk_code, FALLBACK_ADDRESSES)
    postcode = rng.randint(*where.postcodes)
    letters = "".join(rng.choices(POSTCODE_LETTERS, k=2))
    number = f"{rng.randint(1, 180)}{rng.choice(('', '', '', 'a', 'b', '-bis'))}"
    return f"{rng.choice(where.streets)} {number}, {postcode} {letters} {rng.choice(where.place)}"


def population() -> int:
    """Inhabitants of Utrecht's buurten in the pack's newest key figures: as many residents as
    that fill every buurt to its real population, never beyond (for the benchmark)."""
    file_name = KEY_FIGURE_FILES[-1][1]
    with (PACK / file_name).open(encoding="utf-8", newline="") as handle:
        return sum(
            int(row["a_inw"])
            for row in csv.DictReader(handle)
            if row["recs"] == "Buurt" and row["a_inw"].isdigit()
        )
