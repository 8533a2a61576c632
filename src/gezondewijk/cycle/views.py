"""The cycle page per wijk: current step, energy with its parts, advice with reasons, history."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezondewijk.cycle import selectors, services
from gezondewijk.cycle.models import Step
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places import selectors as places


class EnterStepForm(forms.Form):
    step = forms.ModelChoiceField(
        label=gettext_lazy("Step"), queryset=Step.objects.order_by("order")
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@login_required
def wijk_cycle(request: HttpRequest, code: str) -> HttpResponse:
    if not policy.allows(request.user, Permission.VIEW_CYCLE):
        raise PermissionDenied
    wijk = places.wijk_get(code=code)
    if wijk is None:
        raise Http404
    may_manage = policy.allows(request.user, Permission.MANAGE_CYCLE, wijk)
    form = EnterStepForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            services.cycle_enter_step(
                actor=request.user,
                wijk=wijk,
                step=form.cleaned_data["step"],
                notes=form.cleaned_data["notes"],
            )
            messages.success(request, _("Step recorded."))
            return redirect("cycle:wijk", code=code)
    current, energy_now, advice = selectors.state_of(wijk=wijk)
    context = {
        "wijk": wijk,
        "current": current,
        "energy": energy_now,
        "advice": advice,
        "steps": selectors.steps_list(),
        "history": selectors.history_of(wijk=wijk)[:20],
        "may_manage": may_manage,
        "form": form,
        "strategy": selectors.strategy_of(wijk=wijk),
    }
    return render(request, "cycle/wijk.html", context)


def panel(request: HttpRequest, wijk: object) -> str:
    """The cycle's panel on the coordinator dashboard."""
    from django.template.loader import render_to_string

    current, energy_now, advice = selectors.state_of(wijk=wijk)  # type: ignore[arg-type]
    return render_to_string(
        "cycle/panel.html",
        {"wijk": wijk, "current": current, "energy": energy_now, "advice": advice},
        request,
    )
