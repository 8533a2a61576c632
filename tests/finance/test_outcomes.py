"""Outcome payments against figures worked out by hand, and the audit trail of a settlement."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from gezondewijk.finance import outcomes, scenarios
from gezondewijk.finance.models import OutcomeContract, OutcomePeriod
from gezondewijk.finance.outcomes import PeriodTerms
from gezondewijk.indicators.models import Basis, Indicator, IndicatorValue
from gezondewijk.permissions.roles import Role
from tests import factories

D = Decimal
TERMS = [
    PeriodTerms(2025, target=46.0, max_payment=D("20000.00")),
    PeriodTerms(2026, target=44.0, max_payment=D("30000.00")),
    PeriodTerms(2027, target=42.0, max_payment=D("20000.00")),
]


def test_payments_follow_the_improvement_within_the_caps() -> None:
    # Loneliness, lower is better, from a baseline of 48.0; at most 40 000 in all.
    # 2025: 47.0 is 1.0 of the 2.0 asked: half of 20 000 = 10 000.
    # 2026: 43.0 is 5.0 of the 4.0 asked: all of 30 000, which is what is left of the cap.
    # 2027: 41.0 reaches the target, but the cap is used up: 0.
    due = outcomes.schedule(
        baseline=48.0,
        higher_is_better=False,
        cap_total=D("40000.00"),
        periods=TERMS,
        measured={2025: 47.0, 2026: 43.0, 2027: 41.0},
    )
    assert {p: o.due for p, o in due.items()} == {
        2025: D("10000.00"),
        2026: D("30000.00"),
        2027: D("0.00"),
    }
    assert due[2025].achieved == D("0.5000")
    assert due[2026].achieved == D("1.0000")


def test_a_worse_figure_pays_nothing_and_a_partial_one_pays_in_proportion() -> None:
    worse = outcomes.period_due(
        baseline=60.0,
        target=66.0,
        measured=58.0,
        higher_is_better=True,
        max_payment=D("9000.00"),
        remaining_cap=D("9000.00"),
    )
    assert worse.due == 0
    assert worse.improvement == -2.0
    # 2.3 of 6.0 = 0.38333 -> 0.3833 x 9000 = 3449.70
    partial = outcomes.period_due(
        baseline=60.0,
        target=66.0,
        measured=62.3,
        higher_is_better=True,
        max_payment=D("9000.00"),
        remaining_cap=D("9000.00"),
    )
    assert (partial.achieved, partial.due) == (D("0.3833"), D("3449.70"))


def test_a_target_in_the_wrong_direction_is_refused() -> None:
    with pytest.raises(ValueError, match="beyond the baseline"):
        outcomes.period_due(
            baseline=48.0,
            target=50.0,
            measured=45.0,
            higher_is_better=False,
            max_payment=D("1"),
            remaining_cap=D("1"),
        )


@pytest.mark.django_db
def test_a_settlement_keeps_the_figure_it_was_computed_from(world: Any) -> None:
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)
    indicator = Indicator.objects.get(code="ggd-lonely")
    contract = OutcomeContract.objects.create(
        region=world.region,
        name="Samen minder eenzaam",
        investor=factories.OrganisationFactory(gemeente=world.gemeente),
        indicator=indicator,
        area_code=world.wijk.code,
        baseline=48.0,
        principal=D("30000.00"),
        cap_total=D("40000.00"),
    )
    first, second = (
        OutcomePeriod.objects.create(
            contract=contract, period=t.period, target=t.target, max_payment=t.max_payment
        )
        for t in TERMS[:2]
    )
    value = IndicatorValue.objects.create(
        indicator=indicator,
        area_code=world.wijk.code,
        level="wijk",
        period=2025,
        value=47.0,
        basis=Basis.SUM_OF_PARTS,
    )
    with pytest.raises(ValidationError, match="no figure of ggd-lonely"):
        scenarios.settlement_compute(actor=admin, period=second)
    IndicatorValue.objects.create(
        indicator=indicator,
        area_code=world.wijk.code,
        level="wijk",
        period=2026,
        value=43.0,
        basis=Basis.SUM_OF_PARTS,
    )
    with pytest.raises(ValidationError, match="earlier periods first"):
        scenarios.settlement_compute(actor=admin, period=second)
    settled = scenarios.settlement_compute(actor=admin, period=first)
    assert (settled.measured, settled.source_value_id, settled.due) == (
        47.0,
        value.pk,
        D("10000.00"),
    )
    # A later correction of the figure does not change what was settled.
    IndicatorValue.objects.filter(pk=value.pk).update(value=40.0)
    with pytest.raises(ValidationError, match="settled already"):
        scenarios.settlement_compute(actor=admin, period=first)
    assert scenarios.settlement_compute(actor=admin, period=second).due == D("30000.00")
