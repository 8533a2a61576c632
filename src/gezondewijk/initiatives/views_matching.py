"""Pages for believers and introductions: my themes, proposals, sending, answering, blocking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gezondewijk import form_errors
from gezondewijk.initiatives import introductions, selectors, services
from gezondewijk.initiatives.forms import BeliefsForm
from gezondewijk.initiatives.models import Invitation, Theme
from gezondewijk.initiatives.views import require
from gezondewijk.people.models import User
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places import selectors as places
from gezondewijk.places.access import wijken_in_scope
from gezondewijk.places.models import Wijk
from gezondewijk.privacy.services import access_log_record


def _wijk_for(request: HttpRequest, code: str, permission: Permission) -> Wijk:
    wijk = places.wijk_get(code=code)
    if wijk is None:
        raise Http404
    if not policy.allows(request.user, permission, wijk):
        # A coordinator elsewhere learns nothing about this wijk.
        if wijken_in_scope(request.user, permission).exists():
            raise Http404
        raise PermissionDenied
    return wijk


@login_required
def beliefs(request: HttpRequest) -> HttpResponse:
    require(request, Permission.MARK_BELIEFS)
    current = Theme.objects.filter(beliefs__user_id=request.user.pk or 0)
    form = BeliefsForm(request.POST or None, initial={"themes": current})
    if request.method == "POST" and form.is_valid():
        services.beliefs_set(user=request.user, themes=list(form.cleaned_data["themes"]))  # type: ignore[arg-type]
        messages.success(request, _("Your themes are saved."))
        return redirect("initiatives:beliefs")
    return render(request, "initiatives/beliefs.html", {"form": form})


@login_required
def my_introductions(request: HttpRequest) -> HttpResponse:
    require(request, Permission.MARK_BELIEFS)
    invitations = [
        (i, introductions.visible_people(invitation=i))
        for i in introductions.invitations_of(user=request.user)
    ]
    context = {
        "invitations": invitations,
        "notifications": selectors.notifications_for(user=request.user)[:20],
        "blocks_all": request.user.contact_blocks.filter(blocked__isnull=True).exists(),  # type: ignore[union-attr]
    }
    selectors.notifications_for(user=request.user, unread_only=True).update(read_at=timezone.now())
    return render(request, "initiatives/introductions.html", context)


@login_required
@require_POST
def introduction_answer(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = Invitation.objects.filter(pk=pk, user_id=request.user.pk or 0).first()
    if invitation is None:
        raise Http404
    try:
        introductions.invitation_answer(
            user=request.user, invitation=invitation, accept=request.POST.get("answer") == "accept"
        )
    except ValidationError as error:
        form_errors.to_messages(request, error)
    return redirect("initiatives:introductions")


@login_required
@require_POST
def contact_block(request: HttpRequest) -> HttpResponse:
    require(request, Permission.MARK_BELIEFS)
    blocked = None
    if request.POST.get("user"):
        # Only someone the person can already see may be blocked by name.
        visible = {
            u.pk
            for i in introductions.invitations_of(user=request.user)
            for u in introductions.visible_people(invitation=i)
        }
        blocked = User.objects.filter(pk=request.POST["user"], pk__in=visible).first()
        if blocked is None:
            raise Http404
    try:
        introductions.contact_block(blocker=request.user, blocked=blocked)
    except ValidationError as error:
        form_errors.to_messages(request, error)
    else:
        messages.success(request, _("You will not be introduced to them again."))
    return redirect("initiatives:introductions")


@login_required
def matches(request: HttpRequest, code: str) -> HttpResponse:
    wijk = _wijk_for(request, code, Permission.MATCH_BELIEVERS)
    groups = introductions.believer_groups(wijk=wijk)
    shown = [u for g in groups for u in g.people]
    names = introductions.names_for_coordinator(shown)
    # A person's beliefs are their own statement: every look at them is on record.
    for person in {u.pk: u for u in shown}.values():
        access_log_record(
            actor=request.user,
            subject=person,
            resource="beliefs",
            reason="matching",
        )
    context = {
        "wijk": wijk,
        "groups": [(g, [(u.pk, names[u.pk]) for u in g.people]) for g in groups],
        "pairs": introductions.initiative_pairs(wijk=wijk),
    }
    return render(request, "initiatives/matches.html", context)


@login_required
@require_POST
def introduce(request: HttpRequest, code: str) -> HttpResponse:
    wijk = _wijk_for(request, code, Permission.MATCH_BELIEVERS)
    theme = Theme.objects.filter(pk=request.POST.get("theme") or 0).first()
    if theme is None:
        messages.error(request, _("Choose a theme."))
        return redirect("initiatives:matches", code=code)
    try:
        introductions.introduction_send(
            actor=request.user,
            wijk=wijk,
            theme=theme,
            user_ids=[int(u) for u in request.POST.getlist("users") if u.isdigit()],
            initiative_ids=[int(i) for i in request.POST.getlist("initiatives") if i.isdigit()],
            message=request.POST.get("message", ""),
        )
    except ValidationError as error:
        form_errors.to_messages(request, error)
    else:
        messages.success(request, _("Introduction sent."))
    return redirect("initiatives:matches", code=code)
