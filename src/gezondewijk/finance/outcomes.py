"""Outcome payments of a social bond: plain functions, no database.

For each measurement period the contract sets a target for the indicator and the most that is
paid for that period. With baseline B, target T and measured value V (the improvement counted
in the indicator's good direction):

    improvement = V - B            (B - V when lower is better)
    achieved    = improvement / (T - B), clamped to 0..1, four decimals, half up
    due         = max payment of the period x achieved, to the cent, half up,
                  but never more than what is left under the contract's total cap

So a period pays in proportion to how far the indicator moved towards its target, never more
than the period's maximum, and all periods together never more than the total cap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
FOUR = Decimal("0.0001")


@dataclass(frozen=True)
class PeriodOutcome:
    improvement: float
    achieved: Decimal
    due: Decimal


@dataclass(frozen=True)
class PeriodTerms:
    period: int
    target: float
    max_payment: Decimal


def period_due(
    *,
    baseline: float,
    target: float,
    measured: float,
    higher_is_better: bool,
    max_payment: Decimal,
    remaining_cap: Decimal,
) -> PeriodOutcome:
    sign = 1 if higher_is_better else -1
    # Through str: the decimal a person reads, not the binary float behind it.
    improvement = (Decimal(str(measured)) - Decimal(str(baseline))) * sign
    needed = (Decimal(str(target)) - Decimal(str(baseline))) * sign
    if needed <= 0:
        raise ValueError("the target must lie beyond the baseline in the good direction")
    achieved = min(Decimal(1), max(Decimal(0), improvement / needed)).quantize(FOUR, ROUND_HALF_UP)
    due = (max_payment * achieved).quantize(CENT, ROUND_HALF_UP)
    return PeriodOutcome(
        improvement=float(improvement),
        achieved=achieved,
        due=min(due, max(Decimal(0), remaining_cap)),
    )


def schedule(
    *,
    baseline: float,
    higher_is_better: bool,
    cap_total: Decimal,
    periods: Sequence[PeriodTerms],
    measured: dict[int, float],
) -> dict[int, PeriodOutcome]:
    """What is due per period, in period order, for the periods that have a measured value."""
    remaining = cap_total
    outcomes: dict[int, PeriodOutcome] = {}
    for terms in sorted(periods, key=lambda t: t.period):
        if terms.period not in measured:
            continue
        outcome = period_due(
            baseline=baseline,
            target=terms.target,
            measured=measured[terms.period],
            higher_is_better=higher_is_better,
            max_payment=terms.max_payment,
            remaining_cap=remaining,
        )
        outcomes[terms.period] = outcome
        remaining -= outcome.due
    return outcomes
