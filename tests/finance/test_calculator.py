"""The health policy calculator against figures worked out by hand."""

from decimal import Decimal

import pytest

from gezondewijk.finance import calculator
from gezondewijk.finance.calculator import Partner, Scenario

D = Decimal


def _scenario(**changes: object) -> Scenario:
    base = {
        "base_premium": D("130.00"),
        "collective_discount_pct": D("5"),
        "market_premium": D("135.00"),
        "base_uptake_pct": D("5"),
        "uptake_per_euro_pct": D("1"),
        "combination_pays": D("1.00"),
        "module_costs": (D("1.50"), D("2.50")),
        "partners": (
            Partner("Gemeente", D("60")),
            Partner("Sportclub", D("40"), discount_pct=D("10"), spend=D("200")),
        ),
        "households": {"alleenstaand": 1000, "gezin": 400},
    }
    base.update(changes)
    return Scenario(**base)  # type: ignore[arg-type]


def test_a_scenario_worked_out_by_hand() -> None:
    # base after discount 130 x 0.95 = 123.50; supplement 1.50 + 2.50 = 4.00;
    # member premium 123.50 + 4.00 - 1.00 = 126.50; 8.50 cheaper than the market,
    # so uptake 5 + 1 x 8.50 = 13.5 %: 135 of 1000 singles, 54 of 400 families.
    result = calculator.compute(_scenario())
    assert result.member_premium == D("126.50")
    assert result.supplement == D("4.00")
    assert result.uptake_pct == D("13.50")
    single, family = result.per_household
    assert (single.monthly_premium, single.insured_households, single.insured_adults) == (
        D("126.50"),
        135,
        135,
    )
    # A family pays for two adults; the two children are insured free.
    assert (family.monthly_premium, family.insured_households, family.insured_people) == (
        D("253.00"),
        54,
        216,
    )
    assert result.insured_adults == 135 + 108
    # 4.00 x 12 x 243 adults
    assert result.prevention_budget == D("11664.00")
    # Gemeente: 1.00 x 12 x 243 x 60 % = 1749.60.
    # Sportclub: 1.00 x 12 x 243 x 40 % = 1166.40, plus 10 % of 200 x 243 = 4860.00.
    assert result.cost_per_partner == {"Gemeente": D("1749.60"), "Sportclub": D("6026.40")}


def test_uptake_stays_between_zero_and_all_households() -> None:
    dear = calculator.compute(_scenario(market_premium=D("100.00")))
    assert dear.uptake_pct == 0
    assert dear.insured_adults == 0
    assert dear.prevention_budget == 0
    cheap = calculator.compute(_scenario(uptake_per_euro_pct=D("50")))
    assert cheap.uptake_pct == 100
    assert cheap.insured_adults == 1000 + 800


def test_households_round_half_up() -> None:
    # 7 % of 50 = 3.5 households: rounded up to 4.
    result = calculator.compute(_scenario(market_premium=D("128.50"), households={"paar": 50}))
    assert result.uptake_pct == D("7.00")
    assert result.per_household[0].insured_households == 4
    assert result.per_household[0].monthly_premium == D("253.00")


def test_partner_shares_must_add_up_to_100() -> None:
    with pytest.raises(calculator.ScenarioError, match="add up to 100"):
        calculator.compute(_scenario(partners=(Partner("Gemeente", D("60")),)))


def test_unknown_household_type_is_named() -> None:
    with pytest.raises(calculator.ScenarioError, match="kasteel"):
        calculator.compute(_scenario(households={"kasteel": 3}))


def test_the_supplement_follows_the_regions_needs() -> None:
    # Loneliness above the threshold and mental health below it; overweight under the
    # threshold and no figure for the others.
    chosen = calculator.modules_for_needs(
        {"ggd-lonely": 51.0, "ggd-good-mental-health": 80.0, "ggd-overweight": 45.0}
    )
    assert [m.key for m in chosen] == ["leefstijl", "sociale_activiteiten", "mentale_veerkracht"]
    assert chosen[1].indicator == "ggd-lonely"
    assert chosen[1].value == 51.0
    assert [m.key for m in calculator.modules_for_needs({})] == ["leefstijl"]
