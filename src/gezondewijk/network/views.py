"""Pages of the network app: "mijn wijk" for the resident, the wijk network for coordinators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gezondewijk import form_errors
from gezondewijk.network import access, selectors, services
from gezondewijk.network.forms import ChoicesForm, TieDetailsForm, TieForm
from gezondewijk.network.models import NetworkRun, Tie
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.privacy.models import Consent, Purpose


def _resident(request: HttpRequest) -> Any:
    if not access.may_keep_network(request.user):
        raise PermissionDenied
    return request.user


@login_required
def mijn_wijk(request: HttpRequest) -> HttpResponse:
    user = _resident(request)
    form = TieForm(request.POST or None, choices=selectors.tie_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.tie_create(
                owner=user,
                target_type=data["target_type"],
                details=form.details(),
                connect_code=data["connect_code"],
                contact_label=data["contact_label"],
                organisation_id=data["organisation"],
                location_id=data["location"],
                initiative_id=data.get("initiative"),
            )
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        except PermissionDenied:
            form.add_error(None, _("Only residents with a profile keep a network."))
        else:
            messages.success(request, _("The tie was added to your network."))
            return redirect("network:mijn_wijk")
    ties = selectors.own_network(owner=user)
    profile = services.network_profile_get(user=user)
    counts = Consent.objects.filter(
        user=user, purpose=Purpose.NETWORK_ANALYSIS, withdrawn_at__isnull=True
    ).exists()
    initiatives = selectors.initiative_labels(ties)
    context = {
        "form": form,
        "ties": [(tie, selectors.tie_label(tie, initiatives)) for tie in ties],
        "requests": selectors.tie_requests_for(user=user),
        "graph": selectors.ego_graph(owner=user, ties=ties),
        "spread": selectors.support_spread(ties=ties),
        "suggestions": selectors.suggestions_for(owner=user, ties=ties),
        "profile": profile,
        "choices_form": ChoicesForm(
            initial={
                "counts_in_analysis": counts,
                "visible_as_connector": profile.visible_as_connector,
            }
        ),
    }
    return render(request, "network/mijn_wijk.html", context, status=400 if form.errors else 200)


def _own_tie(request: HttpRequest, tie_id: int) -> Tie:
    tie = selectors.tie_for(user=_resident(request), pk=tie_id)
    if tie is None:
        raise Http404
    return tie


@login_required
def tie_edit(request: HttpRequest, tie_id: int) -> HttpResponse:
    tie = _own_tie(request, tie_id)
    initial = {
        "kind": tie.kind,
        "strength": tie.strength,
        "frequency": tie.frequency,
        "supports": tie.supports,
    }
    form = TieDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.tie_update(owner=tie.owner, tie=tie, details=form.details())
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("The tie was changed."))
            return redirect("network:mijn_wijk")
    label = selectors.tie_label(tie, selectors.initiative_labels([tie]))
    return render(request, "network/tie_edit.html", {"form": form, "tie": tie, "label": label})


@login_required
@require_POST
def tie_delete(request: HttpRequest, tie_id: int) -> HttpResponse:
    tie = _own_tie(request, tie_id)
    services.tie_delete(owner=tie.owner, tie=tie)
    messages.success(request, _("The tie was removed from your network."))
    return redirect("network:mijn_wijk")


@login_required
@require_POST
def tie_answer(request: HttpRequest, tie_id: int) -> HttpResponse:
    """Confirm or decline a tie another resident recorded to me."""
    user = _resident(request)
    tie = selectors.tie_request_for(user=user, pk=tie_id)
    if tie is None:
        raise Http404
    if request.POST.get("answer") == "confirm":
        try:
            services.tie_confirm(user=user, tie=tie)
        except ValidationError as error:
            form_errors.to_messages(request, error)
        else:
            messages.success(request, _("Confirmed: you are now in each other's network."))
    else:
        services.tie_decline(user=user, tie=tie)
        messages.success(request, _("Declined. The request will not be shown again."))
    return redirect("network:mijn_wijk")


@login_required
@require_POST
def choices(request: HttpRequest) -> HttpResponse:
    user = _resident(request)
    form = ChoicesForm(request.POST)
    form.is_valid()  # two check boxes: always valid
    services.network_profile_update(
        user=user,
        visible_as_connector=form.cleaned_data["visible_as_connector"],
        counts_in_analysis=form.cleaned_data["counts_in_analysis"],
    )
    messages.success(request, _("Your choices were saved."))
    return redirect("network:mijn_wijk")


# -- coordinators -----------------------------------------------------------------------------


def _wijk_for(request: HttpRequest, code: str) -> Any:
    # A coordinator elsewhere learns nothing about this wijk; others are plainly refused.
    if not access.may_view_figures(request.user):
        raise PermissionDenied
    wijk = selectors.wijk_for(actor=request.user, code=code)
    if wijk is None:
        raise Http404
    return wijk


@login_required
def wijk_network(request: HttpRequest, code: str) -> HttpResponse:
    wijk = _wijk_for(request, code)
    region = wijk.gemeente.region
    context = {
        "wijk": wijk,
        "network": selectors.wijk_network_for(user=request.user, wijk=wijk),
        "current": selectors.current_run(region=region),
        "may_refresh": region is not None
        and policy.allows(request.user, Permission.REFRESH_NETWORK, region),
    }
    return render(request, "network/wijk_network.html", context)


@login_required
@require_POST
def run_start(request: HttpRequest, code: str) -> HttpResponse:
    wijk = _wijk_for(request, code)
    if wijk.gemeente.region is None:
        raise Http404
    run = services.network_run_start(user=request.user, region=wijk.gemeente.region)
    return render(request, "network/run_progress.html", {"run": run, "wijk": wijk})


@login_required
def run_progress(request: HttpRequest, code: str, run_id: int) -> HttpResponse:
    wijk = _wijk_for(request, code)
    run = get_object_or_404(NetworkRun, pk=run_id, region=wijk.gemeente.region)
    return render(request, "network/run_progress.html", {"run": run, "wijk": wijk})
