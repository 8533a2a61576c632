"""The regional health policy calculator: plain functions, no database.

A regional health policy (regionale gezondheidspolis) is basic insurance bought collectively
by a purchasing combination (gemeenten, care institutions, businesses), with a supplementary
prevention cover whose contents follow the region's needs, and discounts at regional partners.

The model, per adult and per month unless said otherwise:

    base after discount = base premium x (1 - collective discount)
    supplement          = sum of the chosen modules' costs
    member premium      = base after discount + supplement - what the combination pays
    uptake (%)          = base uptake + extra uptake per euro x (market premium - member premium),
                          clamped to 0..100
    households insured  = households of a type x uptake, rounded half up
    premium per household = member premium x adults (children are insured free, as in the
                          Dutch basic insurance)
    cost per partner (year) = what the combination pays x 12 x insured adults x the partner's
                          share + the partner's discount x yearly spend per member x insured adults
    prevention budget (year) = supplement x 12 x insured adults

Every sum of money is rounded half up to the cent where it is shown, so the figures can be
checked by hand (see tests/finance/test_calculator.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
TWELVE = Decimal(12)

# Adults and children per household type (people.models.HouseholdType's values).
HOUSEHOLD_MEMBERS: dict[str, tuple[int, int]] = {
    "alleenstaand": (1, 0),
    "paar": (2, 0),
    "gezin": (2, 2),
    "eenoudergezin": (1, 2),
    "anders": (2, 0),
}


@dataclass(frozen=True)
class Module:
    key: str
    label: Any
    monthly_cost: Decimal  # per insured adult


MODULES: dict[str, Module] = {
    m.key: m
    for m in (
        Module("leefstijl", _("Healthy lifestyle basics"), Decimal("1.50")),
        Module("sociale_activiteiten", _("Social activities and meeting places"), Decimal("2.50")),
        Module("beweegaanbod", _("Sport and exercise"), Decimal("3.00")),
        Module("mentale_veerkracht", _("Mental resilience courses and coaching"), Decimal("2.00")),
        Module("valpreventie", _("Fall prevention and healthy ageing"), Decimal("1.50")),
        Module("geldzorgen", _("Help with money worries"), Decimal("1.00")),
    )
}
# Always part of the supplement, whatever the figures say.
BASIC_MODULES = ("leefstijl",)


@dataclass(frozen=True)
class Need:
    """When the region's indicator crosses `threshold` (in the bad direction), the supplement
    covers `module`."""

    indicator: str
    threshold: float
    high_is_need: bool
    module: str


# The documented mapping from regional needs to cover. Thresholds sit near the Dutch average
# of the GGD health monitor (2022): a region worse than the country gets the module.
NEEDS: tuple[Need, ...] = (
    Need("ggd-lonely", 47.0, True, "sociale_activiteiten"),  # NL 2022: about 46 %
    Need("ggd-overweight", 50.0, True, "beweegaanbod"),  # NL 2022: about 50 %
    Need("ggd-good-mental-health", 85.0, False, "mentale_veerkracht"),
    Need("cbs-65-plus", 21.0, True, "valpreventie"),  # NL 2024: about 20 %
    Need("ggd-hard-to-make-ends-meet", 18.0, True, "geldzorgen"),
)


@dataclass(frozen=True)
class ChosenModule:
    key: str
    cost: Decimal
    indicator: str = ""  # the figure that made it part of the supplement ("" for basics)
    value: float | None = None


def modules_for_needs(figures: Mapping[str, float | None]) -> list[ChosenModule]:
    """The supplement for a region whose latest indicator values are `figures` (code ->
    value; missing or suppressed figures choose nothing)."""
    chosen = [ChosenModule(key, MODULES[key].monthly_cost) for key in BASIC_MODULES]
    for need in NEEDS:
        value = figures.get(need.indicator)
        if value is None:
            continue
        if (value >= need.threshold) if need.high_is_need else (value <= need.threshold):
            chosen.append(
                ChosenModule(need.module, MODULES[need.module].monthly_cost, need.indicator, value)
            )
    return chosen


@dataclass(frozen=True)
class Partner:
    name: str
    share_pct: Decimal  # of what the combination pays; the shares add up to 100
    discount_pct: Decimal = Decimal(0)  # discount for members on healthy products or sport
    spend: Decimal = Decimal(0)  # a member's expected yearly spend at the partner (EUR)


@dataclass(frozen=True)
class Scenario:
    base_premium: Decimal
    collective_discount_pct: Decimal
    market_premium: Decimal
    base_uptake_pct: Decimal
    uptake_per_euro_pct: Decimal
    combination_pays: Decimal
    module_costs: tuple[Decimal, ...]
    partners: tuple[Partner, ...]
    households: Mapping[str, int]


@dataclass(frozen=True)
class HouseholdResult:
    household: str
    monthly_premium: Decimal
    households: int
    insured_households: int
    insured_adults: int
    insured_people: int


@dataclass(frozen=True)
class Result:
    member_premium: Decimal  # per adult per month
    supplement: Decimal
    uptake_pct: Decimal
    per_household: tuple[HouseholdResult, ...]
    insured_adults: int
    insured_people: int
    cost_per_partner: dict[str, Decimal]  # per year
    prevention_budget: Decimal  # per year


class ScenarioError(ValueError):
    pass


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _check(s: Scenario) -> None:
    if s.partners and sum(p.share_pct for p in s.partners) != HUNDRED:
        raise ScenarioError(_("The partners' shares must add up to 100 %."))
    unknown = set(s.households) - set(HOUSEHOLD_MEMBERS)
    if unknown:
        raise ScenarioError(_("Unknown household type: %(t)s.") % {"t": ", ".join(sorted(unknown))})
    if any(n < 0 for n in s.households.values()):
        raise ScenarioError(_("A number of households cannot be negative."))


def compute(s: Scenario) -> Result:
    _check(s)
    supplement = sum(s.module_costs, Decimal(0))
    base = cents(s.base_premium * (1 - s.collective_discount_pct / HUNDRED))
    member_premium = base + supplement - s.combination_pays
    uptake = s.base_uptake_pct + s.uptake_per_euro_pct * (s.market_premium - member_premium)
    uptake = min(HUNDRED, max(Decimal(0), uptake))
    rows = []
    for household, count in s.households.items():
        adults, children = HOUSEHOLD_MEMBERS[household]
        insured = int((Decimal(count) * uptake / HUNDRED).quantize(Decimal(1), ROUND_HALF_UP))
        rows.append(
            HouseholdResult(
                household=household,
                monthly_premium=cents(member_premium * adults),
                households=count,
                insured_households=insured,
                insured_adults=insured * adults,
                insured_people=insured * (adults + children),
            )
        )
    adults = sum(r.insured_adults for r in rows)
    partner_cost = {
        p.name: cents(s.combination_pays * TWELVE * adults * p.share_pct / HUNDRED)
        + cents(p.discount_pct / HUNDRED * p.spend * adults)
        for p in s.partners
    }
    return Result(
        member_premium=cents(member_premium),
        supplement=supplement,
        uptake_pct=uptake,
        per_household=tuple(rows),
        insured_adults=adults,
        insured_people=sum(r.insured_people for r in rows),
        cost_per_partner=partner_cost,
        prevention_budget=cents(supplement * TWELVE * adults),
    )
