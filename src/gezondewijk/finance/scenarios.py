"""Health policy scenarios and outcome contracts: reading the indicator figures they depend
on, storing scenarios, and settling an outcome period with its audit trail. The arithmetic
lives in calculator.py and outcomes.py."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gezondewijk.finance import calculator, outcomes
from gezondewijk.finance.models import OutcomeContract, OutcomePeriod, PolicyScenario, Settlement
from gezondewijk.indicators.models import Direction, IndicatorValue
from gezondewijk.indicators.sources import region_code
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Region


def regional_figures(region: Region) -> list[dict[str, Any]]:
    """The latest unsuppressed region-level value of each indicator the needs mapping reads."""
    codes = [n.indicator for n in calculator.NEEDS]
    rows = (
        IndicatorValue.objects.filter(
            indicator__code__in=codes,
            area_code=region_code(region.slug),
            suppressed=False,
            value__isnull=False,
        )
        .order_by("indicator__code", "-period")
        .values("indicator__code", "period", "value", "basis", "pk")
    )
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:  # at most a few periods of five indicators
        latest.setdefault(
            row["indicator__code"],
            {
                "indicator": row["indicator__code"],
                "period": row["period"],
                "value": row["value"],
                "basis": row["basis"],
                "value_id": row["pk"],
            },
        )
    return list(latest.values())


def _decimal(value: Any, field: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({field: _("“%(v)s” is not a number.") % {"v": value}}) from error


def as_scenario(s: PolicyScenario) -> calculator.Scenario:
    return calculator.Scenario(
        base_premium=s.base_premium,
        collective_discount_pct=s.collective_discount_pct,
        market_premium=s.market_premium,
        base_uptake_pct=s.base_uptake_pct,
        uptake_per_euro_pct=s.uptake_per_euro_pct,
        combination_pays=s.combination_pays,
        module_costs=tuple(_decimal(m["cost"], "modules") for m in s.modules),
        partners=tuple(
            calculator.Partner(
                name=p["name"],
                share_pct=_decimal(p["share_pct"], "partners"),
                discount_pct=_decimal(p.get("discount_pct", 0), "partners"),
                spend=_decimal(p.get("spend", 0), "partners"),
            )
            for p in s.partners
        ),
        households={k: int(v) for k, v in s.households.items()},
    )


def scenario_create(
    *,
    actor: Any,
    region: Region,
    name: str,
    base_premium: Decimal,
    collective_discount_pct: Decimal,
    market_premium: Decimal,
    base_uptake_pct: Decimal,
    uptake_per_euro_pct: Decimal,
    combination_pays: Decimal,
    partners: list[dict[str, Any]],
    households: dict[str, int],
) -> PolicyScenario:
    """A scenario whose prevention supplement follows the region's needs as the indicators
    show them now; the figures used are stored with it."""
    if not policy.allows(actor, Permission.MODEL_POLICIES):
        raise PermissionDenied
    figures = regional_figures(region)
    modules = calculator.modules_for_needs({f["indicator"]: f["value"] for f in figures})
    scenario = PolicyScenario(
        region=region,
        name=name.strip(),
        base_premium=base_premium,
        collective_discount_pct=collective_discount_pct,
        market_premium=market_premium,
        base_uptake_pct=base_uptake_pct,
        uptake_per_euro_pct=uptake_per_euro_pct,
        combination_pays=combination_pays,
        modules=[
            {"key": m.key, "cost": str(m.cost), "indicator": m.indicator, "value": m.value}
            for m in modules
        ],
        partners=[{k: str(v) if k != "name" else v for k, v in p.items()} for p in partners],
        households=households,
        needs_basis=figures,
    )
    scenario.full_clean()
    try:
        calculator.compute(as_scenario(scenario))
    except calculator.ScenarioError as error:
        raise ValidationError({"partners": str(error)}) from error
    scenario.save()
    return scenario


def scenarios_for(*, region_ids: list[int] | None = None) -> QuerySet[PolicyScenario]:
    qs = PolicyScenario.objects.all()
    return qs if region_ids is None else qs.filter(region_id__in=region_ids)


def contracts() -> QuerySet[OutcomeContract]:
    return OutcomeContract.objects.select_related("investor", "indicator", "intervention")


def settlement_compute(*, actor: Any, period: OutcomePeriod) -> Settlement:
    """Settle one measurement period from the indicator value stored for it; the value, its
    basis and its id are kept with what is due."""
    if not policy.allows(actor, Permission.MANAGE_OUTCOME_CONTRACTS):
        raise PermissionDenied
    contract = period.contract
    measured = (
        IndicatorValue.objects.filter(
            indicator=contract.indicator,
            area_code=contract.area_code,
            period=period.period,
            suppressed=False,
            value__isnull=False,
        )
        .only("pk", "value", "basis")
        .first()
    )
    if measured is None or measured.value is None:
        raise ValidationError(
            {
                "period": _("There is no figure of %(i)s for %(a)s in %(p)s yet.")
                % {"i": contract.indicator.code, "a": contract.area_code, "p": period.period}
            }
        )
    with transaction.atomic():
        # Locked so two people settling at once compute the remaining cap only once.
        OutcomeContract.objects.select_for_update().get(pk=contract.pk)
        if contract.periods.filter(period__lt=period.period, settlement__isnull=True).exists():
            # The cap is used up in period order, so an earlier period goes first.
            raise ValidationError({"period": _("Settle the earlier periods first.")})
        earlier = sum(
            (
                s.due
                for s in Settlement.objects.filter(
                    period__contract=contract, period__period__lt=period.period
                )
            ),
            Decimal(0),
        )
        outcome = outcomes.period_due(
            baseline=contract.baseline,
            target=period.target,
            measured=measured.value,
            higher_is_better=contract.indicator.direction == Direction.HIGHER_IS_BETTER,
            max_payment=period.max_payment,
            remaining_cap=contract.cap_total - earlier,
        )
        try:
            with transaction.atomic():
                return Settlement.objects.create(
                    period=period,
                    indicator_code=contract.indicator.code,
                    area_code=contract.area_code,
                    measured=measured.value,
                    basis=measured.basis,
                    source_value_id=measured.pk,
                    improvement=outcome.improvement,
                    achieved=outcome.achieved,
                    due=outcome.due,
                    computed_by=actor if getattr(actor, "pk", None) else None,
                )
        except IntegrityError as error:
            raise ValidationError({"period": _("This period has been settled already.")}) from error
