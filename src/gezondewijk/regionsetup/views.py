"""Pages of the region set-up: the overview per gemeente, choosing gemeenten, uploads and
their progress. Thin: the rules are in services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gezondewijk import form_errors
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.regionsetup import selectors, services
from gezondewijk.regionsetup.forms import BoundariesForm, KeyFiguresForm
from gezondewijk.regionsetup.models import ImportKind, ImportRun


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The region to set up: straight to it when there is one."""
    if not policy.allows(request.user, Permission.SET_UP_REGION):
        raise PermissionDenied
    regions = list(selectors.regions_for(user=request.user))
    if len(regions) == 1:
        return redirect("regionsetup:region", slug=regions[0].slug)
    return render(request, "regionsetup/index.html", {"regions": regions})


@login_required
def region(request: HttpRequest, slug: str) -> HttpResponse:
    chosen = selectors.region_for(user=request.user, slug=slug)
    context = {
        "region": chosen,
        "overview": selectors.region_overview(region=chosen),
        "runs": selectors.recent_runs(region=chosen),
        "compute_run": selectors.latest_compute_run(),
        "may_recompute": policy.allows(request.user, Permission.RECOMPUTE_INDICATORS),
    }
    return render(request, "regionsetup/region.html", context)


@login_required
def gemeenten(request: HttpRequest, slug: str) -> HttpResponse:
    """Search the gemeenten the platform knows by name or code; add one to the region or
    take one out."""
    chosen = selectors.region_for(user=request.user, slug=slug)
    status = 200
    if request.method == "POST":
        action = services.gemeente_add if "add" in request.POST else services.gemeente_remove
        code = request.POST.get("add") or request.POST.get("remove") or ""
        try:
            gemeente = action(user=request.user, region=chosen, code=code)
        except ValidationError as error:
            form_errors.to_messages(request, error)
            status = 400
        else:
            text = (
                _("%(gemeente)s is now part of the region.")
                if gemeente.region_id
                else _("%(gemeente)s is no longer part of the region.")
            )
            messages.success(request, text % {"gemeente": gemeente})
            query = request.POST.get("q", "")
            target = request.path + (f"?q={query}" if query else "")
            return redirect(target)
    query = request.GET.get("q", request.POST.get("q", ""))
    context = {
        "region": chosen,
        "members": list(chosen.gemeenten.order_by("name", "code")),
        "query": query,
        "found": selectors.gemeenten_search(query=query),
    }
    return render(request, "regionsetup/gemeenten.html", context, status=status)


@login_required
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload key figures or boundaries; the import runs in the background."""
    chosen = selectors.region_for(user=request.user, slug=slug)
    key_figures = KeyFiguresForm(prefix="kf")
    boundaries = BoundariesForm(prefix="gr")
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind == ImportKind.BOUNDARIES:
            boundaries = BoundariesForm(request.POST, request.FILES, prefix="gr")
            form: KeyFiguresForm | BoundariesForm = boundaries
        else:
            kind = ImportKind.KEY_FIGURES
            key_figures = KeyFiguresForm(request.POST, request.FILES, prefix="kf")
            form = key_figures
        if form.is_valid():
            data = form.cleaned_data
            try:
                if kind == ImportKind.KEY_FIGURES:
                    options = services.key_figure_options(
                        region=chosen,
                        year=data["year"],
                        only_region=data["only_region"],
                        join_region=data["join_region"],
                    )
                else:
                    options = services.boundary_options(
                        level=data["level"], year=data["year"], skip_unknown=data["skip_unknown"]
                    )
                run = services.import_run_start(
                    user=request.user,
                    region=chosen,
                    kind=kind,
                    upload=data["bestand"],
                    options=options,
                )
            except ValidationError as error:
                form_errors.add_to_form(form, error, unnamed_to="bestand")
            else:
                return redirect("regionsetup:run", slug=chosen.slug, run_id=run.pk)
        status = 400
    else:
        status = 200
    context = {"region": chosen, "key_figures": key_figures, "boundaries": boundaries}
    return render(request, "regionsetup/upload.html", context, status=status)


@login_required
def run(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    """One import: its progress while it runs (htmx asks again), then its report or the
    importer's refusal."""
    chosen = selectors.region_for(user=request.user, slug=slug)
    found = get_object_or_404(ImportRun.objects.defer("content"), pk=run_id, region=chosen)
    fragment = request.headers.get("HX-Request") == "true"
    template = "regionsetup/run_progress.html" if fragment else "regionsetup/run.html"
    return render(request, template, {"region": chosen, "run": found})
