"""Pages for referrals: refer, follow the loop, answer, choose, and the suppressed figures.

Every page that shows a referral fetches it through selectors.referral_for, which asks
access.may_read and logs the read; anyone else is told it does not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gezondewijk import form_errors
from gezondewijk.checks.defaults import DIMENSIONS
from gezondewijk.people.models import User
from gezondewijk.referrals import access, selectors, services
from gezondewijk.referrals.engine import LEVELS
from gezondewijk.referrals.forms import (
    AdvanceForm,
    AnswerForm,
    ChooseForm,
    FollowUpForm,
    ReferForm,
    TookPartForm,
)
from gezondewijk.referrals.models import TRANSITIONS, Answer, FollowUp, Reason, Referral, Status


def _referral_or_404(request: HttpRequest, pk: int, purpose: str = "referral") -> Referral:
    found = selectors.referral_for(user=request.user, pk=pk, purpose=purpose)
    if found is None:
        raise Http404
    return found


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    refers, receives, own = (
        access.may_refer(user),
        access.may_receive(user),
        access.may_keep_own(user),
    )
    if not (refers or receives or own):
        raise PermissionDenied
    context: dict[str, Any] = {"refers": refers, "receives": receives, "own": own}
    if own:
        context["mine"] = selectors.referrals_of_resident(user=user)
        context["code"] = selectors.code_of(user=user).code
    if refers:
        made = list(selectors.referrals_made_by(user=user)[:100])
        selectors.log_list_read(user=user, referrals=made, reason="referrer's list")
        told = selectors.referrals_as_told_to_referrer(referrals=made)
        feedback = [selectors.feedback_for_referrer(referral=r) for r in made]
        context["made"] = list(zip(told, feedback, strict=True))
    if receives:
        received = list(selectors.referrals_received_by(user=user)[:100])
        selectors.log_list_read(user=user, referrals=received, reason="coach's list")
        context["received"] = received
        context["due"] = selectors.follow_ups_due(coach=user)
    return render(request, "referrals/home.html", context)


@login_required
def refer(request: HttpRequest) -> HttpResponse:
    if not access.may_refer(request.user):
        raise PermissionDenied
    resident = None
    code = (request.POST.get("code") or request.GET.get("code") or "").strip()
    if code:
        resident = selectors.resident_by_code(code=code)
    coaches = selectors.coaches_for(resident=resident) if resident else User.objects.none()
    form = ReferForm(request.POST or None, coaches=coaches, initial={"code": code})
    if request.method == "POST" and form.is_valid():
        if resident is None:
            form.add_error("code", _("No resident with this referral code."))
        else:
            data = form.cleaned_data
            try:
                referral = services.referral_create(
                    referrer=request.user,  # type: ignore[arg-type]
                    resident=resident,
                    reason=data["reason"],
                    resident_consented=data["resident_consented"],
                    coach=data["coach"],
                    time_preference=data["time_preference"] or "",
                    close_to_home=data["close_to_home"],
                )
            except ValidationError as error:
                form_errors.add_to_form(form, error)
            else:
                messages.success(request, _("The referral has been sent."))
                return redirect("referrals:detail", pk=referral.pk)
    return render(request, "referrals/refer.html", {"form": form, "resident": resident})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral_or_404(request, pk)
    user = request.user
    services.referral_receive(user=user, referral=referral)  # type: ignore[arg-type]
    # What this viewer is shown; access and the referral's own records go by the stored row.
    shown = selectors.as_seen_by(referral=referral, viewer=user)
    is_resident = access.is_resident_of(user, referral)
    may_follow = access.may_follow(user, referral)
    context = {
        "referral": shown,
        "is_resident": is_resident,
        "is_referrer": access.is_referrer_of(user, referral),
        "may_follow": may_follow,
        "events": selectors.history_of(referral=referral, outcome=shown.outcome_shared),
        "follow_ups": selectors.follow_ups_of(referral=referral),
        "themes": selectors.themes_by_reason().get(referral.reason, []),
        "proposals": selectors.proposals_for(referral=referral, viewer=user)
        if shown.is_open and (is_resident or may_follow)
        else [],
        "feedback": selectors.feedback_for_referrer(referral=referral)
        if access.is_referrer_of(user, referral)
        else None,
        "answer_form": AnswerForm(
            initial={
                "feedback_participation": referral.feedback_participation,
                "feedback_health": referral.feedback_health,
            }
        ),
        "advance_form": AdvanceForm(),
        "next_statuses": [Status(s) for s in Status.values if s in TRANSITIONS[shown.status]],
        "took_part_form": TookPartForm(),
        "follow_up_form": FollowUpForm(),
        "answered": shown.answer != Answer.PENDING,
        "dimensions": list(DIMENSIONS.values()),
    }
    return render(request, "referrals/detail.html", context)


def _act(request: HttpRequest, pk: int, action: Any) -> HttpResponse:
    referral = _referral_or_404(request, pk, purpose="referral update")
    try:
        action(referral)
    except ValidationError as error:
        form_errors.to_messages(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("referrals:detail", pk=referral.pk)


def _act_on_form(
    request: HttpRequest, pk: int, form: Any, invalid: str, action: Any
) -> HttpResponse:
    """`_act` with the cleaned data of `form`; an invalid form is sent back with `invalid`."""
    if not form.is_valid():
        referral = _referral_or_404(request, pk)
        messages.error(request, invalid)
        return redirect("referrals:detail", pk=referral.pk)
    return _act(request, pk, lambda r: action(r, form.cleaned_data))


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_form(
        request,
        pk,
        AnswerForm(request.POST),
        _("Accept, decline or withdraw."),
        lambda r, data: services.referral_answer(
            user=request.user,  # type: ignore[arg-type]
            referral=r,
            answer=data["answer"],
            feedback_participation=data["feedback_participation"],
            feedback_health=data["feedback_health"],
        ),
    )


@login_required
@require_POST
def choose(request: HttpRequest, pk: int) -> HttpResponse:
    form = ChooseForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    return _act(
        request,
        pk,
        lambda r: services.referral_choose(
            user=request.user,  # type: ignore[arg-type]
            referral=r,
            initiative_id=data.get("initiative"),
            activity_id=data.get("activity"),
        ),
    )


@login_required
@require_POST
def advance(request: HttpRequest, pk: int) -> HttpResponse:
    form = AdvanceForm(request.POST)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    return _act(
        request,
        pk,
        lambda r: services.referral_advance(
            user=request.user,  # type: ignore[arg-type]
            referral=r,
            status=status,
        ),
    )


@login_required
@require_POST
def took_part(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_form(
        request,
        pk,
        TookPartForm(request.POST),
        _("Give the date on which the resident first took part."),
        lambda r, data: services.referral_took_part(
            user=request.user,  # type: ignore[arg-type]
            referral=r,
            on=data["on"],
        ),
    )


@login_required
@require_POST
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_form(
        request,
        pk,
        FollowUpForm(request.POST),
        _("Give the date of the follow-up."),
        lambda r, data: services.follow_up_plan(
            user=request.user,  # type: ignore[arg-type]
            referral=r,
            due_on=data["due_on"],
        ),
    )


@login_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    follow = get_object_or_404(FollowUp.objects.select_related("referral"), pk=pk)
    referral = _referral_or_404(request, follow.referral_id, purpose="referral update")
    if not access.may_follow(request.user, referral):
        raise Http404
    services.follow_up_done(user=request.user, follow_up=follow)  # type: ignore[arg-type]
    messages.success(request, _("Saved."))
    return redirect("referrals:detail", pk=referral.pk)


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    if not access.may_view_figures(request.user):
        raise PermissionDenied
    level = request.GET.get("niveau", "practice")
    if level not in LEVELS:
        level = "practice"
    table = selectors.figures(level=level)
    context = {
        "level": level,
        "levels": [(lv, LEVEL_LABELS[lv]) for lv in LEVELS],
        "rows": table.to_dicts(),
        "level_label": LEVEL_LABELS[level],
        "reasons": dict(Reason.choices),
    }
    return render(request, "referrals/figures.html", context)


LEVEL_LABELS = {
    "practice": gettext_lazy("practice"),
    "wijk": gettext_lazy("wijk"),
    "theme": gettext_lazy("theme"),
}
