"""Pages of the health policy calculator (scenarios side by side) and outcome contracts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gezondewijk import form_errors
from gezondewijk.finance import calculator, forms, scenarios
from gezondewijk.finance.models import OutcomePeriod
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Region


def _require(request: HttpRequest, permission: Permission) -> None:
    if not policy.allows(request.user, permission):
        raise PermissionDenied


def compared(region_ids: list[int] | None = None) -> list[dict[str, Any]]:
    """Every scenario with its computed result, for the table and the chart."""
    out = []
    for scenario in scenarios.scenarios_for(region_ids=region_ids):
        result = calculator.compute(scenarios.as_scenario(scenario))
        out.append(
            {
                "scenario": scenario,
                "result": result,
                "modules": [
                    {**m, "label": str(calculator.MODULES[m["key"]].label)}
                    for m in scenario.modules
                    if m["key"] in calculator.MODULES
                ],
            }
        )
    return out


@login_required
def policy_list(request: HttpRequest) -> HttpResponse:
    _require(request, Permission.VIEW_POLICY_SCENARIOS)
    may_model = policy.allows(request.user, Permission.MODEL_POLICIES)
    form = forms.ScenarioForm(request.POST or None) if may_model else None
    status = 200
    if request.method == "POST":
        _require(request, Permission.MODEL_POLICIES)
        assert form is not None
        region = Region.objects.order_by("name").first()
        if form.is_valid() and region is not None:
            try:
                scenarios.scenario_create(actor=request.user, region=region, **form.cleaned_data)
            except ValidationError as error:
                form_errors.add_to_form(form, error)
            else:
                messages.success(request, _("The scenario has been added."))
                return redirect("finance:policy_list")
        status = 400
    rows = compared()
    chart = [
        {
            "name": r["scenario"].name,
            "premium": str(r["result"].member_premium),
            "budget": str(r["result"].prevention_budget),
            "uptake": str(r["result"].uptake_pct),
        }
        for r in rows
    ]
    household_types = sorted({h.household for r in rows for h in r["result"].per_household})
    return render(
        request,
        "finance/policy_list.html",
        {
            "rows": rows,
            "chart": chart,
            "household_types": household_types,
            "form": form,
            "needs": calculator.NEEDS,
            "modules": calculator.MODULES,
        },
        status=status,
    )


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    _require(request, Permission.VIEW_OUTCOME_CONTRACTS)
    contracts = scenarios.contracts().prefetch_related("periods__settlement")
    return render(
        request,
        "finance/contract_list.html",
        {
            "contracts": contracts,
            "may_settle": policy.allows(request.user, Permission.MANAGE_OUTCOME_CONTRACTS),
        },
    )


@login_required
@require_POST
def settle(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Permission.MANAGE_OUTCOME_CONTRACTS)
    period = get_object_or_404(OutcomePeriod.objects.select_related("contract"), pk=pk)
    try:
        settlement = scenarios.settlement_compute(actor=request.user, period=period)
    except ValidationError as error:
        form_errors.to_messages(request, error)
        return redirect("finance:contract_list")
    messages.success(
        request,
        _("Due for %(p)s: € %(d)s.") % {"p": period.period, "d": settlement.due},
    )
    return redirect("finance:contract_list")
