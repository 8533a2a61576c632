"""Pages: the indicator map, a wijk's benchmark, and its printable report (HTML and PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gezondewijk import form_errors
from gezondewijk.indicators import report, selectors, services
from gezondewijk.indicators.models import Domain, Indicator, Level, MainGoal
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Wijk


def _require(request: HttpRequest, wijk: Wijk | None = None) -> None:
    if not policy.allows(request.user, Permission.VIEW_INDICATORS, wijk):
        raise PermissionDenied


@login_required
def indicator_map(request: HttpRequest) -> HttpResponse:
    _require(request)
    indicators = list(selectors.indicators())
    chosen = next(
        (i for i in indicators if i.code == request.GET.get("indicator")),
        indicators[0] if indicators else None,
    )
    level = request.GET.get("level", Level.WIJK)
    if level not in Level.values:
        level = Level.WIJK
    periods = selectors.periods(indicator=chosen)
    try:
        period = int(request.GET.get("period", "")) if request.GET.get("period") else None
    except ValueError:
        period = None
    if period not in periods:
        period = periods[-1] if periods else None
    data = selectors.map_data(indicator=chosen, level=level, period=period) if chosen else None
    return render(
        request,
        "indicators/map.html",
        {
            "indicators": indicators,
            "chosen": chosen,
            "levels": Level.choices,
            "level": level,
            "periods": periods,
            "period": period,
            "data": data,
            "wijken": Wijk.objects.order_by("name") if level == Level.WIJK else None,
        },
    )


def _wijk(request: HttpRequest, code: str) -> Wijk:
    wijk = get_object_or_404(Wijk.objects.select_related("gemeente"), code=code)
    _require(request, wijk)
    return wijk


@login_required
def wijk_benchmark(request: HttpRequest, code: str) -> HttpResponse:
    wijk = _wijk(request, code)
    result = selectors.wijk_benchmark(wijk=wijk)
    goal = selectors.main_goal_of(wijk=wijk)
    context = {
        "wijk": wijk,
        "b": result,
        "goal": goal,
        "goal_label": MainGoal(goal).label if goal else None,
        "goal_rows": selectors.rows_for_goal(rows=result.rows, goal=goal),
        "other_rows": selectors.rows_for_goal(rows=result.rows, goal=goal, outside=True),
        "goals": MainGoal.choices,
        "may_choose_goal": policy.allows(request.user, Permission.CHOOSE_MAIN_GOAL, wijk),
    }
    return render(request, "indicators/wijk.html", context)


@login_required
@require_POST
def main_goal(request: HttpRequest, code: str) -> HttpResponse:
    """The wijk's coordinator chooses its main goal; the benchmark then leads with its set."""
    wijk = _wijk(request, code)
    if not policy.allows(request.user, Permission.CHOOSE_MAIN_GOAL, wijk):
        raise PermissionDenied  # the wijk's figures are open to staff; its goal is its own
    try:
        chosen = services.main_goal_choose(
            actor=request.user, wijk=wijk, goal=request.POST.get("goal", "")
        )
    except ValidationError as error:
        form_errors.to_messages(request, error)
    else:
        messages.success(
            request, _("Main goal set: %(goal)s.") % {"goal": chosen.get_goal_display()}
        )
    return redirect("indicators:wijk", code=wijk.code)


@login_required
def wijk_report(request: HttpRequest, code: str) -> HttpResponse:
    wijk = _wijk(request, code)
    result = selectors.wijk_benchmark(wijk=wijk)
    return render(request, "indicators/report.html", {"wijk": wijk, "b": result})


@login_required
def wijk_report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    wijk = _wijk(request, code)
    pdf = report.wijk_pdf(selectors.wijk_benchmark(wijk=wijk))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="gezonde-wijk-{wijk.code}.pdf"'
    return response


def _pick(options: list[Indicator], code: str | None, preferred: str) -> Indicator | None:
    by_code = {i.code: i for i in options}
    return by_code.get(code or "") or by_code.get(preferred) or (options[0] if options else None)


@login_required
def side_by_side(request: HttpRequest) -> HttpResponse:
    """A health indicator and a living-environment indicator, side by side on two maps, and
    their relation over the areas in a scatter chart."""
    _require(request)
    active = list(selectors.indicators())
    health_options = [i for i in active if i.domain == Domain.HEALTH]
    environment_options = [i for i in active if i.domain == Domain.ENVIRONMENT]
    health = _pick(health_options, request.GET.get("health"), "ggd-good-health")
    environment = _pick(environment_options, request.GET.get("environment"), "env-green-space")
    level = request.GET.get("level", Level.WIJK)
    if level not in Level.values:
        level = Level.WIJK
    shared = sorted(
        set(selectors.periods(indicator=health)) & set(selectors.periods(indicator=environment))
        if health and environment
        else set()
    )
    asked = request.GET.get("period", "")
    period = int(asked) if asked.isdigit() and int(asked) in shared else None
    if period is None and shared:
        period = shared[-1]
    result = (
        selectors.side_by_side(health=health, environment=environment, level=level, period=period)
        if health and environment and period is not None
        else None
    )
    return render(
        request,
        "indicators/side_by_side.html",
        {
            "health_options": health_options,
            "environment_options": environment_options,
            "health": health,
            "environment": environment,
            "levels": Level.choices,
            "level": level,
            "periods": shared,
            "period": period,
            "result": result,
            "chart": {
                "title": str(dict(Level.choices)[level]),
                "x": environment.label if environment else "",
                "y": health.label if health else "",
                "pairs": result.pairs if result else [],
            },
        },
    )
