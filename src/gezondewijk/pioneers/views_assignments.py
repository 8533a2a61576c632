"""Pages for student assignments: the list with filters and a form to post one, one
assignment with its students, status and deliverable."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gezondewijk import form_errors
from gezondewijk.pioneers import access, assignments, forms, selectors
from gezondewijk.pioneers.models import AssignmentStatus, Obstacle, StudentAssignment


def _assignment(request: HttpRequest, pk: int, assign: bool = False) -> StudentAssignment:
    found = selectors.assignment_for(user=request.user, pk=pk, assign=assign)
    if found is None:
        raise Http404
    return found


@login_required
def assignment_list(request: HttpRequest) -> HttpResponse:
    obstacle = request.GET.get("obstacle", "")
    status = request.GET.get("status", "")
    listed = selectors.assignments_for(
        user=request.user,
        obstacle=obstacle if obstacle in Obstacle.values else "",
        status=status if status in AssignmentStatus.values else "",
    )
    form = forms.AssignmentForm(request.POST or None)
    if request.method == "POST":
        if not access.may_post_assignments(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                created = assignments.assignment_post(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors.add_to_form(form, error)
            else:
                messages.success(request, _("Assignment posted."))
                return redirect("pioneers:assignment_detail", pk=created.pk)
    context = {
        "assignments": listed,
        "obstacles": Obstacle.choices,
        "statuses": AssignmentStatus.choices,
        "chosen": {"obstacle": obstacle, "status": status},
        "form": form,
        "may_post": access.may_post_assignments(request.user),
    }
    return render(request, "pioneers/assignment_list.html", context)


def _detail(
    request: HttpRequest,
    assignment: StudentAssignment,
    assign_form: BaseForm | None = None,
    progress_form: BaseForm | None = None,
) -> HttpResponse:
    context = {
        "assignment": assignment,
        "may_assign": access.may_assign(request.user),
        "assign_form": assign_form or forms.AssignStudentsForm(),
        "progress_form": progress_form or forms.ProgressForm(),
    }
    status = 400 if assign_form or progress_form else 200
    return render(request, "pioneers/assignment_detail.html", context, status=status)


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _assignment(request, pk))


def _change(
    request: HttpRequest, pk: int, form: BaseForm, write: Any, done: str, form_name: str
) -> HttpResponse:
    """One change to an assignment by whoever assigns students: the form's data through
    `write`; its refusal on the form, shown again on the assignment's page."""
    assignment = _assignment(request, pk, assign=True)
    if form.is_valid():
        try:
            write(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, done)
            return redirect("pioneers:assignment_detail", pk=assignment.pk)
    return _detail(request, assignment, **{form_name: form})


@login_required
@require_POST
def assignment_assign(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request,
        pk,
        forms.AssignStudentsForm(request.POST),
        assignments.assignment_assign,
        _("Students assigned."),
        "assign_form",
    )


@login_required
@require_POST
def assignment_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request,
        pk,
        forms.ProgressForm(request.POST),
        assignments.assignment_progress,
        _("Status changed."),
        "progress_form",
    )
