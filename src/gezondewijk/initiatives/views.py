"""Pages for initiatives: find, start, join and manage them, report activities, growth."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gezondewijk import form_errors, freshness
from gezondewijk.initiatives import access, engine, selectors, services
from gezondewijk.initiatives.forms import ActivityForm, InitiativeForm, JoinForm, StatusForm
from gezondewijk.initiatives.models import TRANSITIONS, Initiative
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places import selectors as places
from gezondewijk.places.access import wijken_in_scope
from gezondewijk.places.models import Wijk

PAGE_SIZE = 50


def require(request: HttpRequest, permission: Permission) -> None:
    if not policy.allows(request.user, permission):
        raise PermissionDenied


def _initiative_or_404(request: HttpRequest, pk: int, manage: bool = False) -> Initiative:
    # Refused on an existing initiative: PermissionDenied (403), since initiatives are public.
    found = selectors.initiative_for(user=request.user, pk=pk, manage=manage)
    if found is None:
        raise Http404
    return found


def _managed_or_404(request: HttpRequest, pk: int) -> Initiative:
    return _initiative_or_404(request, pk, manage=True)


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    require(request, Permission.VIEW_INITIATIVES)
    wijk = places.wijk_get(code=request.GET["wijk"]) if request.GET.get("wijk") else None
    found = selectors.initiatives_list(
        wijk=wijk,
        theme_slug=request.GET.get("thema") or None,
        status=request.GET.get("status") or None,
    )

    def table() -> str:
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("pagina"))
        scores = engine.influence_of([i.pk for i in page])
        query = request.GET.copy()
        query.pop("pagina", None)
        context = {
            "initiatives": [(i, scores[i.pk]) for i in page],
            "page": page,
            "query": query.urlencode(),
        }
        return render_to_string("initiatives/_initiative_table.html", context, request)

    # The table is the same for everyone who may see it: kept until the data changes.
    asked = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]
    context = {
        "table": freshness.kept(f"initiatives:list:{get_language()}:{asked}", table),
        "wijk": wijk,
        "wijken": places.wijken_list(),
        "themes": selectors.themes_list(),
        "may_start": policy.allows(request.user, Permission.START_INITIATIVE),
        "mine": selectors.initiatives_of(user=request.user),
    }
    return render(request, "initiatives/initiative_list.html", context)


@login_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative_or_404(request, pk)
    may_manage = access.may_manage(request.user, initiative)
    membership = selectors.membership_of(user=request.user, initiative=initiative)
    context = {
        "initiative": initiative,
        "influence": engine.influence_of([initiative.pk])[initiative.pk],
        "activities": selectors.activities_list(initiative=initiative)[:20],
        "history": initiative.status_changes.all(),
        "member_count": initiative.memberships.count(),
        # Names of members are for the members and whoever manages the initiative.
        "members": selectors.members_of(initiative=initiative)
        if access.may_see_members(request.user, initiative, membership)
        else None,
        "membership": membership,
        "may_manage": may_manage,
        "may_join": policy.allows(request.user, Permission.JOIN_INITIATIVE) and not membership,
        "join_form": JoinForm(),
        "status_form": StatusForm(allowed=TRANSITIONS[initiative.status]),
    }
    return render(request, "initiatives/initiative_detail.html", context)


@login_required
def initiative_create(request: HttpRequest) -> HttpResponse:
    require(request, Permission.START_INITIATIVE)
    wijken = wijken_in_scope(request.user, Permission.START_INITIATIVE)
    form = InitiativeForm(request.POST or None, wijken=wijken)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                lead=request.user,  # type: ignore[arg-type]
                **form.for_service(),
            )
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(
                request, _("Your initiative “%(name)s” has started.") % {"name": initiative.name}
            )
            return redirect("initiatives:detail", pk=initiative.pk)
    return render(request, "initiatives/initiative_form.html", {"form": form})


@login_required
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _managed_or_404(request, pk)
    wijken = Wijk.objects.filter(
        pk__in=[
            *wijken_in_scope(request.user, Permission.START_INITIATIVE).values_list(
                "pk", flat=True
            ),
            *initiative.wijken.values_list("pk", flat=True),
        ]
    )
    initial = {
        "name": initiative.name,
        "description": initiative.description,
        "themes": initiative.themes.all(),
        "wijken": initiative.wijken.all(),
        "partners": initiative.partners.all(),
    }
    form = InitiativeForm(request.POST or None, wijken=wijken, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                actor=request.user, initiative=initiative, **form.for_service()
            )
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("initiatives:detail", pk=initiative.pk)
    return render(
        request, "initiatives/initiative_form.html", {"form": form, "initiative": initiative}
    )


@login_required
@require_POST
def initiative_join(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, Permission.JOIN_INITIATIVE)
    initiative = _initiative_or_404(request, pk)
    form = JoinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how you want to take part."))
        return redirect("initiatives:detail", pk=pk)
    try:
        services.initiative_join(
            user=request.user,  # type: ignore[arg-type]
            initiative=initiative,
            role=form.cleaned_data["role"],
        )
    except ValidationError as error:
        form_errors.to_messages(request, error)
    else:
        messages.success(request, _("Welcome to “%(name)s”!") % {"name": initiative.name})
    return redirect("initiatives:detail", pk=pk)


@login_required
@require_POST
def initiative_leave(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, Permission.JOIN_INITIATIVE)
    initiative = _initiative_or_404(request, pk)
    try:
        services.initiative_leave(user=request.user, initiative=initiative)  # type: ignore[arg-type]
    except ValidationError as error:
        form_errors.to_messages(request, error)
    else:
        messages.success(
            request, _("You no longer take part in “%(name)s”.") % {"name": initiative.name}
        )
    return redirect("initiatives:detail", pk=pk)


@login_required
@require_POST
def initiative_hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _managed_or_404(request, pk)
    member = initiative.memberships.filter(user_id=request.POST.get("lead") or 0).first()
    try:
        if member is None:
            raise ValidationError({"lead": _("The new lead must be a member of the initiative.")})
        services.initiative_hand_over(actor=request.user, initiative=initiative, lead=member.user)
    except ValidationError as error:
        form_errors.to_messages(request, error)
    else:
        messages.success(request, _("The initiative has a new lead."))
    return redirect("initiatives:detail", pk=pk)


@login_required
@require_POST
def initiative_status(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _managed_or_404(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.initiative_set_status(
                actor=request.user,
                initiative=initiative,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form_errors.to_messages(request, error)
        else:
            messages.success(request, _("Status changed."))
    return redirect("initiatives:detail", pk=pk)


@login_required
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _managed_or_404(request, pk)
    form = ActivityForm(request.POST or None, wijken=initiative.wijken.all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.activity_record(
                actor=request.user,
                initiative=initiative,
                title=data["title"],
                date=data["date"],
                participants=data["participants"],
                location=data["location"],
                target_groups=data["target_groups"],
            )
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("Activity recorded."))
            return redirect("initiatives:detail", pk=pk)
    return render(
        request, "initiatives/activity_form.html", {"form": form, "initiative": initiative}
    )


@login_required
def growth(request: HttpRequest) -> HttpResponse:
    require(request, Permission.VIEW_INITIATIVES)
    wijken = list(places.wijken_list())
    wijk = places.wijk_get(code=request.GET["wijk"]) if request.GET.get("wijk") else None
    chosen = [wijk] if wijk else wijken
    frame = engine.growth_per_quarter(wijk_ids=[w.pk for w in chosen])
    rows = engine.growth_totals(frame)
    quarters, per_wijk = engine.growth_by_wijk(frame)
    names = {w.pk: w for w in wijken}
    table = [(names[wijk_id], cells) for wijk_id, cells in per_wijk]
    return render(
        request,
        "initiatives/growth.html",
        {"rows": rows, "wijk": wijk, "wijken": wijken, "quarters": quarters, "table": table},
    )
