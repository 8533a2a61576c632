"""Pages about places: the wijken, one wijk with its buurten and vindplaatsen."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places import selectors, services, wijk_links
from gezondewijk.places.access import wijken_in_scope
from gezondewijk.places.forms import LocationForm
from gezondewijk.places.models import Wijk


def _require(request: HttpRequest, permission: Permission) -> None:
    if not policy.allows(request.user, permission):
        raise PermissionDenied


def _wijk_or_404(code: str) -> Wijk:
    wijk = selectors.wijk_get(code=code)
    if wijk is None:
        raise Http404
    return wijk


@login_required
def wijk_list(request: HttpRequest) -> HttpResponse:
    _require(request, Permission.VIEW_AREAS)
    wijken = selectors.wijken_list()
    mine = set(
        wijken_in_scope(request.user, Permission.MANAGE_LOCATIONS).values_list("pk", flat=True)
    )
    return render(request, "places/wijk_list.html", {"wijken": wijken, "mine": mine})


@login_required
def wijk_detail(request: HttpRequest, code: str) -> HttpResponse:
    _require(request, Permission.VIEW_AREAS)
    wijk = _wijk_or_404(code)
    context = {
        "wijk": wijk,
        "buurten": selectors.buurten_list(wijk_code=wijk.code),
        "locations": selectors.locations_list(wijk_code=wijk.code),
        "may_manage": policy.allows(request.user, Permission.MANAGE_LOCATIONS, wijk),
        "show_key_figures": policy.allows(request.user, Permission.VIEW_KEY_FIGURES),
        "links": wijk_links.links_for(request.user, wijk),
        "key_figures": selectors.key_figures_of(code=wijk.code),
    }
    return render(request, "places/wijk_detail.html", context)


@login_required
def location_create(request: HttpRequest, code: str) -> HttpResponse:
    wijk = _wijk_or_404(code)
    if not policy.allows(request.user, Permission.MANAGE_LOCATIONS, wijk):
        # Someone who may manage locations elsewhere learns nothing about this wijk.
        if wijken_in_scope(request.user, Permission.MANAGE_LOCATIONS).exists():
            raise Http404
        raise PermissionDenied
    form = LocationForm(request.POST or None, wijk=wijk)
    if request.method == "POST" and form.is_valid():
        location = services.location_create(**form.cleaned_data)
        messages.success(request, _("Location “%(name)s” added.") % {"name": location.name})
        return redirect("places:wijk_detail", code=wijk.code)
    return render(request, "places/location_form.html", {"wijk": wijk, "form": form})
