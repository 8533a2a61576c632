"""The coordinator dashboard per wijk: the six obstacles at a glance, panels from the apps."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gezondewijk.dashboard import panel_cache, panels
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places import selectors as places
from gezondewijk.places.access import wijken_in_scope


@login_required
def choose(request: HttpRequest) -> HttpResponse:
    """The coordinator's own wijken; with one wijk straight to its dashboard."""
    wijken = list(wijken_in_scope(request.user, Permission.VIEW_DASHBOARD))
    if not wijken:
        raise PermissionDenied
    if len(wijken) == 1:
        return redirect("dashboard:wijk", code=wijken[0].code)
    listed = places.wijken_list(within=wijken_in_scope(request.user, Permission.VIEW_DASHBOARD))
    return render(request, "dashboard/choose.html", {"wijken": listed})


@login_required
def wijk_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    wijk = places.wijk_get(code=code)
    if wijk is None:
        raise Http404
    if not policy.allows(request.user, Permission.VIEW_DASHBOARD, wijk):
        if wijken_in_scope(request.user, Permission.VIEW_DASHBOARD).exists():
            raise Http404
        raise PermissionDenied
    shown = {obstacle: panels.panels_for(obstacle) for obstacle in panels.Obstacle}
    html = panel_cache.rendered(request, wijk, [p for found in shown.values() for p in found])
    obstacles = [
        {
            "key": obstacle.value,
            "question": panels.QUESTIONS[obstacle],
            "panels": [(p.title, html[p.key]) for p in found],
            "not_yet": panels.NOT_YET[obstacle],
        }
        for obstacle, found in shown.items()
    ]
    return render(request, "dashboard/wijk.html", {"wijk": wijk, "obstacles": obstacles})
