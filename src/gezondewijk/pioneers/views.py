"""Pages of the pioneers' network: my intervision groups, a meeting, my competency profile."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gezondewijk import form_errors
from gezondewijk.people.models import User
from gezondewijk.pioneers import access, calendar_feed, forms, selectors, services
from gezondewijk.pioneers.models import IntervisionGroup, Meeting


def _group(request: HttpRequest, pk: int) -> IntervisionGroup:
    group = selectors.group_for(user=request.user, pk=pk)
    if group is None:  # another group's intervision is not even shown to exist
        raise Http404
    return group


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = selectors.meeting_for(user=request.user, pk=pk)
    if meeting is None:
        raise Http404
    return meeting


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "pioneers/group_list.html", {"groups": selectors.my_groups(user=request.user)}
    )


def _group_page(request: HttpRequest, group: IntervisionGroup, **bound: Any) -> HttpResponse:
    context = {
        "my_feed": request.build_absolute_uri(
            reverse("pioneers:my_calendar", args=[calendar_feed.feed_token(request.user)])
        ),
        "group": group,
        "attendance": selectors.attendance_by_member(group=group),
        "reading_form": bound.get("reading_form") or forms.ReadingItemForm(),
        "schedule_form": bound.get("schedule_form") or forms.ScheduleForm(),
        "may_manage": access.may_manage(request.user),
    }
    return render(request, "pioneers/group_detail.html", context, status=400 if bound else 200)


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _group_page(request, _group(request, pk))


@login_required
@require_POST
def reading_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    form = forms.ReadingItemForm(request.POST)
    if form.is_valid():
        try:
            services.reading_item_add(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("Added to the reading list."))
            return redirect("pioneers:group_detail", pk=group.pk)
    return _group_page(request, group, reading_form=form)


@login_required
@require_POST
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    if not access.may_manage(request.user):
        raise PermissionDenied
    form = forms.ScheduleForm(request.POST)
    if form.is_valid():
        planned = services.meetings_schedule(actor=request.user, group=group, **form.cleaned_data)
        messages.success(request, _("%(n)s meetings planned.") % {"n": len(planned)})
        return redirect("pioneers:group_detail", pk=group.pk)
    return _group_page(request, group, schedule_form=form)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    members = [(m.pk, str(m)) for m in meeting.group.members.order_by("display_name", "email")]
    present = [a.user_id for a in meeting.attendance.all() if a.present]
    meeting_form = forms.MeetingForm(
        request.POST or None, initial={"agenda": meeting.agenda, "notes": meeting.notes}
    )
    attendance_form = forms.AttendanceForm(
        request.POST or None, members=members, initial={"present": present}
    )
    if request.method == "POST" and meeting_form.is_valid() and attendance_form.is_valid():
        try:
            with_services = services.meeting_update(
                actor=request.user, meeting=meeting, **meeting_form.cleaned_data
            )
            services.attendance_record(
                actor=request.user,
                meeting=with_services,
                present=set(attendance_form.cleaned_data["present"]),
            )
        except ValidationError as error:
            form_errors.add_to_form(attendance_form, error)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("pioneers:meeting_detail", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "meeting_form": meeting_form,
        "attendance_form": attendance_form,
        "recorded": meeting.attendance.exists(),
    }
    return render(request, "pioneers/meeting_detail.html", context)


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def group_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    meetings = group.meetings.select_related("group").order_by("starts_at")
    body = calendar_feed.calendar_of(meetings, name=group.name, domain=request.get_host())
    return _ics(body, f"intervisie-{group.pk}.ics")


def my_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The personal feed, for a calendar program: no log-in, a signed token instead."""
    user_id = calendar_feed.user_id_from_token(token)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None or not access.may_take_part_at_all(user):
        raise Http404
    meetings = selectors.meetings_of(user=user)
    body = calendar_feed.calendar_of(meetings, name=_("My intervision"), domain=request.get_host())
    return _ics(body, "mijn-intervisie.ics")


@login_required
def competencies(request: HttpRequest) -> HttpResponse:
    growth = selectors.my_competencies(user=request.user)
    form = forms.SelfAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("Your self-assessment is saved."))
            return redirect("pioneers:competencies")
    return render(request, "pioneers/competencies.html", {"form": form, "growth": growth})
