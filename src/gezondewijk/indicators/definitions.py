"""The default indicator set, seeded on migration; a region edits it as data afterwards.

Sources: "cbs" (key figures on the areas plus stored CBS figures of other years), "external"
(imported GGD health-monitor and living-environment figures; a figure is named by its StatLine
column or by the indicator code in the long CSV), and the sources feature apps register as
figure providers ("network", ...). Thresholds are bloom-scale thresholds: bronze, silver, gold.
"""

from typing import Any

from django.utils.translation import gettext_noop

ALL = ["buurt", "wijk", "gemeente", "region"]
# What an indicator tells about, by its code's prefix: health, the living environment, or the
# area's profile (context for comparing like with like).
DOMAIN_OF_PREFIX = {"ggd": "gezondheid", "env": "leefomgeving", "cbs": "profiel"}


def domain_of(code: str) -> str:
    return DOMAIN_OF_PREFIX.get(code.split("-", 1)[0], "gezondheid")


def _d(
    code: str,
    name: str,
    description: str,
    source: str,
    numerator: str,
    denominator: str,
    unit: str,
    direction: str,
    thresholds: tuple[float, float, float] | None = None,
    *,
    resident_based: bool = False,
) -> dict[str, Any]:
    bronze, silver, gold = thresholds or (None, None, None)
    return {
        "code": code,
        "name": name,
        "description": description,
        "domain": domain_of(code),
        "source": source,
        "numerator": numerator,
        "denominator": denominator,
        "unit": unit,
        "direction": direction,
        "levels": ALL,
        "bronze": bronze,
        "silver": silver,
        "gold": gold,
        "resident_based": resident_based,
    }


DEFAULTS: list[dict[str, Any]] = [
    # CBS key figures: the profile of an area, context rather than performance.
    _d(
        "cbs-65-plus",
        gettext_noop("Share aged 65 and over"),
        gettext_noop(
            "Inhabitants aged 65 or over, as a share of all inhabitants (CBS kerncijfers)."
        ),
        "cbs",
        "age_65_plus",
        "inhabitants",
        "percentage",
        "neutral",
    ),
    _d(
        "cbs-0-14",
        gettext_noop("Share aged 0-14"),
        gettext_noop("Children aged 0 to 14 as a share of all inhabitants."),
        "cbs",
        "age_0_14",
        "inhabitants",
        "percentage",
        "neutral",
    ),
    _d(
        "cbs-single-person-households",
        gettext_noop("Single-person households"),
        gettext_noop("Single-person households as a share of all households."),
        "cbs",
        "single_person_households",
        "households",
        "percentage",
        "neutral",
    ),
    _d(
        "cbs-households-with-children",
        gettext_noop("Households with children"),
        gettext_noop("Households with children as a share of all households."),
        "cbs",
        "households_with_children",
        "households",
        "percentage",
        "neutral",
    ),
    _d(
        "cbs-low-income",
        gettext_noop("Households with a low income"),
        gettext_noop(
            "Households with a low income as a "
            "share of all households (CBS; recomputed from the published share and households)."
        ),
        "cbs",
        "low_income_households",
        "households",
        "percentage",
        "lower",
        (12.0, 9.0, 6.0),
    ),
    _d(
        "cbs-density",
        gettext_noop("Population density"),
        gettext_noop("Inhabitants per km² of land."),
        "cbs",
        "inhabitants",
        "area_land_km2",
        "per_km2",
        "neutral",
    ),
    _d(
        "cbs-inhabitants",
        gettext_noop("Inhabitants"),
        gettext_noop("Number of inhabitants (CBS)."),
        "cbs",
        "inhabitants",
        "",
        "count",
        "neutral",
    ),
    # GGD health monitor (StatLine), shares in percent as published.
    _d(
        "ggd-good-health",
        gettext_noop("Good experienced health"),
        gettext_noop("Share who rate their own health good or very good (GGD health monitor)."),
        "external",
        "GoedErvarenGezondheid_6",
        "",
        "percentage",
        "higher",
        (60.0, 70.0, 80.0),
    ),
    _d(
        "ggd-good-mental-health",
        gettext_noop("Good mental health"),
        gettext_noop("Share with good experienced mental health (GGD health monitor)."),
        "external",
        "GoedErvarenMentaleGezondheid_12",
        "",
        "percentage",
        "higher",
        (45.0, 55.0, 65.0),
    ),
    _d(
        "ggd-lonely",
        gettext_noop("Somewhat to very lonely"),
        gettext_noop("Share who feel somewhat to very lonely (GGD health monitor)."),
        "external",
        "EnigszinsTotSterkEenzaam_53",
        "",
        "percentage",
        "lower",
        (50.0, 40.0, 30.0),
    ),
    _d(
        "ggd-overweight",
        gettext_noop("Overweight"),
        gettext_noop("Share with overweight (GGD health monitor)."),
        "external",
        "Overgewicht_59",
        "",
        "percentage",
        "lower",
        (40.0, 30.0, 20.0),
    ),
    _d(
        "ggd-hard-to-make-ends-meet",
        gettext_noop("Hard to make ends meet"),
        gettext_noop("Share who find it hard to make ends meet (GGD health monitor)."),
        "external",
        "MoeiteMetRondkomen_1",
        "",
        "percentage",
        "lower",
        (30.0, 22.0, 15.0),
    ),
    # Living environment (leefomgeving), imported per area as a long CSV.
    _d(
        "env-green-space",
        gettext_noop("Green space"),
        gettext_noop("Share of the land that is public green space."),
        "external",
        "env-green-space",
        "",
        "percentage",
        "higher",
        (10.0, 15.0, 20.0),
    ),
    _d(
        "env-noise",
        gettext_noop("Road-traffic noise"),
        gettext_noop("Share of dwellings with road-traffic noise above 55 dB."),
        "external",
        "env-noise",
        "",
        "percentage",
        "lower",
        (30.0, 20.0, 10.0),
    ),
    _d(
        "env-no2",
        gettext_noop("Nitrogen dioxide"),
        gettext_noop("Mean annual NO₂ concentration (µg/m³)."),
        "external",
        "env-no2",
        "",
        "mean",
        "lower",
        (25.0, 20.0, 15.0),
    ),
    _d(
        "env-liveability",
        gettext_noop("Liveability score"),
        gettext_noop("Leefbaarometer-style liveability score (1 very insufficient – 9 excellent)."),
        "external",
        "env-liveability",
        "",
        "mean",
        "higher",
        (5.0, 6.0, 7.0),
    ),
    # From the network app's provider: residents on the platform, so suppressed below k.
    _d(
        "network-isolation",
        gettext_noop("Isolated residents"),
        gettext_noop(
            "Residents on the platform with at most "
            "one confirmed tie, as a share of the residents in the analysis."
        ),
        "network",
        "isolated",
        "residents",
        "percentage",
        "lower",
        (25.0, 15.0, 10.0),
        resident_based=True,
    ),
]


def seed(indicator_model: Any) -> int:
    """Create the default indicators that do not exist yet; a region's edits are kept."""
    created = 0
    # A migration passes the model as it was then: only the fields it had are filled.
    fields = {f.name for f in indicator_model._meta.get_fields()}
    for full in DEFAULTS:
        spec = {k: v for k, v in full.items() if k in fields}
        _obj, new = indicator_model.objects.get_or_create(code=spec["code"], defaults=spec)
        created += int(new)
    return created
