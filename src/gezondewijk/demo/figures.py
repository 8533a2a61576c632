"""Plausible CBS key figures for demo buurten, and their sums for wijken and gemeenten.

A buurt's character (its "shape": age mix, household size, income, density) is drawn first and
its counts are derived from the number of inhabitants afterwards. So a larger --residents can
scale the population up without changing any other draw, and parents are sums of their
children, exactly as in the CBS tables.
"""

import math
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

FIGURES_YEAR = 2024

# Inhabitants per km² at which CBS-style urbanity classes start (1 = very strongly urban).
# CBS counts addresses per km²; with about 2.2 inhabitants per address these are the same bands.
URBANITY_THRESHOLDS: tuple[tuple[int, int], ...] = ((5500, 1), (3300, 2), (2200, 3), (1100, 4))

# Per urbanity class 1..5: density range (inhabitants/km²), inhabitants range, household size.
DENSITY = {1: (6000, 11000), 2: (3500, 5300), 3: (2300, 3200), 4: (1200, 2100), 5: (40, 900)}
INHABITANTS = {1: (2500, 5500), 2: (2000, 4500), 3: (1500, 3500), 4: (800, 2500), 5: (400, 1800)}
HOUSEHOLD_SIZE = {1: (1.65, 1.95), 2: (1.85, 2.15), 3: (2.05, 2.35), 4: (2.2, 2.5), 5: (2.3, 2.7)}

# The Dutch age mix (0-14, 15-24, 25-44, 45-64, 65+), tilted per buurt.
AGE_GROUPS = ("age_0_14", "age_15_24", "age_25_44", "age_45_64", "age_65_plus")
NATIONAL_AGE_MIX = (0.155, 0.12, 0.25, 0.265, 0.21)
ORIGINS = ("origin_dutch", "origin_europe", "origin_outside_europe")

COUNT_FIELDS: tuple[str, ...] = (
    "inhabitants",
    "men",
    "women",
    *AGE_GROUPS,
    "households",
    "single_person_households",
    "households_with_children",
    *ORIGINS,
    "dwellings",
    "area_total_ha",
    "area_land_ha",
    "area_water_ha",
)


@dataclass(frozen=True)
class BuurtShape:
    """Everything about a buurt except its size."""

    urbanity: int
    base_inhabitants: int
    men_share: float
    age_mix: tuple[float, ...]
    household_size: float
    single_share: float
    children_share: float
    origin_mix: tuple[float, ...]
    income: float  # x €1,000 per inhabitant
    low_income_pct: float
    density: float
    water_share: float
    dwellings_per_household: float


def shape_draw(rng: random.Random, urbanity: int) -> BuurtShape:
    urban = (5 - urbanity) / 4  # 1.0 for the most urban class, 0.0 for rural
    tilt = (
        1 + 0.2 * urban,
        1 + 0.1 * urban,
        1 + 0.3 * urban,
        1.1 - 0.1 * urban,
        1.15 - 0.3 * urban,
    )
    ages = [m * t * rng.uniform(0.75, 1.25) for m, t in zip(NATIONAL_AGE_MIX, tilt, strict=True)]
    size = rng.uniform(*HOUSEHOLD_SIZE[urbanity])
    # Smaller households mean more people living alone and fewer families (CBS 2024: at 2.12
    # persons per household about 39% live alone and 31% have children at home).
    single = min(0.7, max(0.12, 1.25 - 0.4 * size + rng.uniform(-0.04, 0.04)))
    children = min(0.92 - single, max(0.08, -0.35 + 0.32 * size + rng.uniform(-0.04, 0.04)))
    dutch = rng.uniform(0.84, 0.9) - 0.25 * urban * rng.uniform(0.3, 1.0)
    europe = rng.uniform(0.03, 0.07)  # leaves at least 3% born outside Europe
    # One draw drives both income and low-income share, so they move together as they do.
    deprivation = min(1.0, rng.betavariate(2, 4) + 0.25 * urban * rng.random())
    return BuurtShape(
        urbanity=urbanity,
        base_inhabitants=rng.randint(*INHABITANTS[urbanity]),
        men_share=rng.uniform(0.485, 0.515),
        age_mix=tuple(a / sum(ages) for a in ages),
        household_size=size,
        single_share=single,
        children_share=children,
        origin_mix=(dutch, europe, 1 - dutch - europe),
        income=42 - 16 * deprivation + rng.uniform(-1.5, 1.5),
        low_income_pct=2.5 + 18 * deprivation + rng.uniform(-1, 1),
        density=rng.uniform(*DENSITY[urbanity]),
        water_share=rng.uniform(0.01, 0.12 if urbanity == 5 else 0.06),
        dwellings_per_household=rng.uniform(1.01, 1.06),
    )


def apportion(total: int, weights: list[float] | tuple[float, ...]) -> list[int]:
    """Split `total` into whole parts proportional to `weights` that add up exactly
    (largest-remainder method, ties broken by position so the result is deterministic)."""
    weight_sum = sum(weights)
    exact = [total * w / weight_sum for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def urbanity_for(density: float) -> int:
    return next((cls for threshold, cls in URBANITY_THRESHOLDS if density >= threshold), 5)


def _one_decimal(x: float) -> Decimal:
    return Decimal(f"{x:.1f}")


def buurt_figures(shape: BuurtShape, inhabitants: int) -> dict[str, Any]:
    households = max(1, round(inhabitants / shape.household_size))
    land_ha = max(1, round(inhabitants / shape.density * 100))
    water_ha = round(land_ha * shape.water_share / (1 - shape.water_share))
    men = round(inhabitants * shape.men_share)
    figures: dict[str, Any] = {
        "figures_year": FIGURES_YEAR,
        "inhabitants": inhabitants,
        "men": men,
        "women": inhabitants - men,
        **dict(zip(AGE_GROUPS, apportion(inhabitants, shape.age_mix), strict=True)),
        "households": households,
        "single_person_households": round(households * shape.single_share),
        "households_with_children": round(households * shape.children_share),
        **dict(zip(ORIGINS, apportion(inhabitants, shape.origin_mix), strict=True)),
        "income_per_inhabitant": _one_decimal(shape.income),
        "low_income_households_pct": _one_decimal(shape.low_income_pct),
        "dwellings": round(households * shape.dwellings_per_household),
        "area_land_ha": land_ha,
        "area_water_ha": water_ha,
        "area_total_ha": land_ha + water_ha,
    }
    return figures | _derived(figures)


def aggregate(buurten: list[dict[str, Any]]) -> dict[str, Any]:
    """A wijk's or a gemeente's figures, from the figures of all the buurten in it."""
    figures: dict[str, Any] = {name: sum(b[name] for b in buurten) for name in COUNT_FIELDS}
    figures["figures_year"] = FIGURES_YEAR
    # Averages are weighted by what they are an average over.
    figures["income_per_inhabitant"] = _one_decimal(
        sum(float(b["income_per_inhabitant"]) * b["inhabitants"] for b in buurten)
        / figures["inhabitants"]
    )
    figures["low_income_households_pct"] = _one_decimal(
        sum(float(b["low_income_households_pct"]) * b["households"] for b in buurten)
        / figures["households"]
    )
    # CBS rates urbanity by the density around the average address, not by people per km² of
    # the whole area, so a town with a large rural outskirt still counts as a town.
    surrounding = sum(b["inhabitants"] * b["population_density"] for b in buurten)
    return figures | _derived(figures, surrounding / figures["inhabitants"])


def _derived(figures: dict[str, Any], surrounding_density: float | None = None) -> dict[str, Any]:
    density = figures["inhabitants"] / (figures["area_land_ha"] / 100)
    return {
        "average_household_size": Decimal(f"{figures['inhabitants'] / figures['households']:.2f}"),
        "population_density": round(density),
        "urbanity": urbanity_for(density if surrounding_density is None else surrounding_density),
    }
