"""Demo places: one region, three gemeenten, ten wijken, forty buurten and their vindplaatsen."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any, TypeVar

from gezondewijk.demo import figures, names
from gezondewijk.demo.geometry import Box
from gezondewijk.demo.registry import DemoContext
from gezondewijk.places.models import (
    Buurt,
    Gemeente,
    LocationKind,
    Region,
    StrategicLocation,
    Wijk,
)

# (character, buurten per wijk) per gemeente: a small city and two smaller gemeenten,
# 3 gemeenten, 10 wijken, 40 buurten in all.
GEMEENTE_LAYOUT: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("stad", (5, 5, 4, 4)),
    ("stadje", (4, 4, 3)),
    ("dorp", (4, 4, 3)),
)
# Chance of urbanity class 1..5 for a buurt, per character of its gemeente.
URBANITY_WEIGHTS: dict[str, tuple[float, ...]] = {
    "stad": (0.2, 0.35, 0.3, 0.1, 0.05),
    "stadje": (0.0, 0.15, 0.35, 0.35, 0.15),
    "dorp": (0.0, 0.0, 0.2, 0.45, 0.35),
}
# Fictional CBS codes: real gemeente codes stay below GM2000, so GM98xx can never clash.
GEMEENTE_CODE_RANGE = range(9800, 9900)
# Registered residents stay below this share of inhabitants; more residents scale the region.
MAX_PARTICIPATION = 0.8

# Vindplaatsen: these in every wijk, and these once per gemeente (the first group in the centre).
WIJK_LOCATIONS = (
    LocationKind.BUURTHUIS,
    LocationKind.HUISARTSENPRAKTIJK,
    LocationKind.SCHOOL,
    LocationKind.SUPERMARKT,
    LocationKind.SPEELTUIN,
    LocationKind.SPORTVERENIGING,
)
CENTRE_LOCATIONS = (
    LocationKind.BIBLIOTHEEK,
    LocationKind.GEZONDHEIDSCENTRUM,
    LocationKind.MARKT,
    LocationKind.KERK,
)
SPREAD_LOCATIONS = (LocationKind.MOSKEE, LocationKind.PARK, LocationKind.WIJKCENTRUM)
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"  # PostNL avoids letters that look alike

A = TypeVar("A", Gemeente, Wijk, Buurt)


@dataclass
class PlannedBuurt:
    code: str
    name: str
    shape: figures.BuurtShape
    figures: dict[str, Any] = field(default_factory=dict)
    box: Box | None = None
    obj: Buurt | None = None


@dataclass
class PlannedWijk:
    code: str
    name: str
    buurten: list[PlannedBuurt]
    figures: dict[str, Any] = field(default_factory=dict)
    box: Box | None = None


@dataclass
class PlannedGemeente:
    code: str
    name: str
    wijken: list[PlannedWijk]
    postcode: int
    figures: dict[str, Any] = field(default_factory=dict)
    box: Box | None = None


def build_places(ctx: DemoContext) -> None:
    plan = plan_region(ctx.rng, ctx.residents)
    ctx.region = Region.objects.create(name=names.REGION_NAME, slug=names.REGION_SLUG)
    for g in plan:
        gemeente = _save(Gemeente(code=g.code, name=g.name, region=ctx.region), g)
        for w in g.wijken:
            wijk = _save(Wijk(code=w.code, name=w.name, gemeente=gemeente), w)
            for b in w.buurten:
                b.obj = _save(Buurt(code=b.code, name=b.name, wijk=wijk), b)
    ctx.count("regions", 1)
    ctx.count("gemeenten", len(plan))
    ctx.count("wijken", sum(len(g.wijken) for g in plan))
    ctx.count("buurten", sum(len(w.buurten) for g in plan for w in g.wijken))
    ctx.count("locations", _build_locations(ctx.rng, plan))


def _save(area: A, planned: PlannedGemeente | PlannedWijk | PlannedBuurt) -> A:
    for name, value in planned.figures.items():
        setattr(area, name, value)
    assert planned.box is not None
    area.boundary = planned.box.geojson()
    area.full_clean()  # the code checks: pattern and parent
    area.save()
    return area


def plan_region(rng: random.Random, residents: int) -> list[PlannedGemeente]:
    """Names, codes and shapes first, then sizes, then figures and rectangles."""
    codes = sorted(rng.sample(GEMEENTE_CODE_RANGE, len(GEMEENTE_LAYOUT)))
    gemeente_names = rng.sample(names.GEMEENTE_NAMES, len(GEMEENTE_LAYOUT))
    plan = [
        _plan_gemeente(rng, f"GM{code}", name, character, layout)
        for (character, layout), code, name in zip(
            GEMEENTE_LAYOUT, codes, gemeente_names, strict=True
        )
    ]
    _size(plan, residents)
    _lay_out(plan)
    return plan


def _plan_gemeente(
    rng: random.Random, code: str, name: str, character: str, layout: tuple[int, ...]
) -> PlannedGemeente:
    wijk_names = [names.CENTRE_WIJK, *rng.sample(names.WIJK_NAMES, len(layout) - 1)]
    buurt_names = iter(rng.sample(names.BUURT_NAMES, sum(layout)))
    wijken = []
    for w, (wijk_name, n_buurten) in enumerate(zip(wijk_names, layout, strict=True), 1):
        wijk_code = f"WK{code[2:]}{w:02d}"
        buurten = []
        for b in range(1, n_buurten + 1):
            urbanity = rng.choices(range(1, 6), weights=URBANITY_WEIGHTS[character])[0]
            buurt_name = next(buurt_names)
            if w == 1:  # the centre is denser than the rest of the gemeente
                urbanity = max(1, urbanity - 1)
            if w == len(layout) and b == n_buurten:  # and the last buurt is the countryside
                urbanity, buurt_name = 5, names.RURAL_BUURT
            shape = figures.shape_draw(rng, urbanity)
            buurten.append(PlannedBuurt(f"BU{wijk_code[2:]}{b:02d}", buurt_name, shape))
        wijken.append(PlannedWijk(wijk_code, wijk_name, buurten))
    postcode = rng.randrange(7400, 8100, 20)  # Overijssel's 74xx-81xx
    return PlannedGemeente(code, name, wijken, postcode)


def _size(plan: list[PlannedGemeente], residents: int) -> None:
    all_buurten = [b for g in plan for w in g.wijken for b in w.buurten]
    base_total = sum(b.shape.base_inhabitants for b in all_buurten)
    # A region asked to hold more residents than it has inhabitants grows as a whole.
    scale = max(1.0, residents / MAX_PARTICIPATION / base_total)
    for b in all_buurten:
        b.figures = figures.buurt_figures(b.shape, math.ceil(b.shape.base_inhabitants * scale))
    for g in plan:
        for w in g.wijken:
            w.figures = figures.aggregate([b.figures for b in w.buurten])
        g.figures = figures.aggregate([b.figures for w in g.wijken for b in w.buurten])


def _area(planned: PlannedGemeente | PlannedWijk | PlannedBuurt) -> int:
    area = planned.figures["area_total_ha"]
    assert isinstance(area, int)
    return area


def _lay_out(plan: list[PlannedGemeente]) -> None:
    region_box = Box.around_centre(sum(_area(g) for g in plan))
    for g, g_box in zip(plan, region_box.split([_area(g) for g in plan]), strict=True):
        g.box = g_box
        for w, w_box in zip(g.wijken, g_box.split([_area(w) for w in g.wijken]), strict=True):
            w.box = w_box
            for b, b_box in zip(w.buurten, w_box.split([_area(b) for b in w.buurten]), strict=True):
                b.box = b_box


def _build_locations(rng: random.Random, plan: list[PlannedGemeente]) -> int:
    locations: list[StrategicLocation] = []
    taken: set[tuple[str, str]] = set()

    def add(kind: LocationKind, buurt: PlannedBuurt, name: str, gemeente: PlannedGemeente) -> None:
        while (buurt.code, name) in taken:  # unique per buurt, as the database demands
            name += " II"
        taken.add((buurt.code, name))
        assert buurt.box is not None
        assert buurt.obj is not None
        latitude, longitude = buurt.box.random_point(rng)
        letters = "".join(rng.choices(POSTCODE_LETTERS, k=2))
        postcode = gemeente.postcode + int(buurt.code[-4:-2])
        number = f"{rng.randint(1, 180)}{rng.choice(('', '', '', 'a', 'b'))}"
        street = f"{rng.choice(names.STREET_NAMES)} {number}"
        locations.append(
            StrategicLocation(
                name=name,
                kind=kind,
                buurt=buurt.obj,
                address=f"{street}, {postcode} {letters} {gemeente.name}",
                latitude=latitude,
                longitude=longitude,
            )
        )

    for g in plan:
        for w in g.wijken:
            for kind in WIJK_LOCATIONS:
                buurt = rng.choice(w.buurten)
                add(kind, buurt, _location_name(rng, kind, g.name, buurt.name), g)
        centre = g.wijken[0].buurten
        everywhere = [b for w in g.wijken for b in w.buurten]
        for kind in CENTRE_LOCATIONS + SPREAD_LOCATIONS:
            pool = centre if kind in CENTRE_LOCATIONS else everywhere
            # Busier buurten are likelier to have the mosque, the park, the centre.
            buurt = rng.choices(pool, weights=[b.shape.base_inhabitants for b in pool])[0]
            add(kind, buurt, _location_name(rng, kind, g.name, buurt.name), g)
    StrategicLocation.objects.bulk_create(locations)
    return len(locations)


def _location_name(rng: random.Random, kind: LocationKind, gemeente: str, buurt: str) -> str:
    place = rng.choice(names.PLACE_NAMES)
    match kind:
        case LocationKind.HUISARTSENPRAKTIJK:
            return f"Huisartsenpraktijk {rng.choice(names.SURNAMES)}"
        case LocationKind.SCHOOL:
            return f"{rng.choice(('Basisschool', 'OBS', 'Kindcentrum'))} {place}"
        case LocationKind.KERK:
            return rng.choice(names.CHURCHES)
        case LocationKind.MOSKEE:
            return rng.choice(names.MOSQUES)
    return {
        LocationKind.BUURTHUIS: f"Buurthuis {place}",
        LocationKind.SUPERMARKT: f"Supermarkt {buurt}",
        LocationKind.SPEELTUIN: f"Speeltuin {buurt}",
        LocationKind.SPORTVERENIGING: f"Sportpark {buurt}",
        LocationKind.BIBLIOTHEEK: f"Bibliotheek {gemeente}",
        LocationKind.GEZONDHEIDSCENTRUM: f"Gezondheidscentrum {place}",
        LocationKind.MARKT: f"Weekmarkt {gemeente}",
        LocationKind.PARK: f"Park {place}",
        LocationKind.WIJKCENTRUM: f"Wijkcentrum {place}",
    }.get(kind, f"{kind.label} {buurt}")
