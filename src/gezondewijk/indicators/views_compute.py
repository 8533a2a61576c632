"""Pages to recompute every indicator value in the background and follow its progress."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gezondewijk.indicators import services
from gezondewijk.indicators.models import ComputeRun
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission


def _require(request: HttpRequest) -> None:
    if not policy.allows(request.user, Permission.RECOMPUTE_INDICATORS):
        raise PermissionDenied


@login_required
def compute(request: HttpRequest) -> HttpResponse:
    """The latest computation, and a button to start a new one (after an import)."""
    _require(request)
    if request.method == "POST":
        run = services.compute_run_start(user=request.user)
        return redirect("indicators:compute_run", run_id=run.pk)
    latest = ComputeRun.objects.order_by("-created_at", "-pk").first()
    return render(request, "indicators/compute.html", {"run": latest})


@login_required
def compute_run(request: HttpRequest, run_id: int) -> HttpResponse:
    """One computation: its progress while it runs (htmx asks again), then its outcome."""
    _require(request)
    run = get_object_or_404(ComputeRun, pk=run_id)
    fragment = request.headers.get("HX-Request") == "true"
    template = "indicators/compute_progress.html" if fragment else "indicators/compute.html"
    return render(request, template, {"run": run})
