"""Student assignments: organisations post a question tied to one of the six obstacles, a
hogeschool coordinator assigns students, and the work moves on to a deliverable."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gezondewijk.people.models import Organisation, OrganisationType
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.pioneers.models import AssignmentStatus, StudentAssignment

S = AssignmentStatus
# Where an assignment may go next; "toegewezen" is reached only through assignment_assign.
NEXT: dict[str, set[str]] = {
    S.OPEN: set(),
    S.ASSIGNED: {S.IN_PROGRESS},
    S.IN_PROGRESS: {S.DELIVERED},
    S.DELIVERED: {S.CLOSED, S.IN_PROGRESS},
    S.CLOSED: set(),
}


def _require(actor: Any, permission: Permission) -> None:
    if not policy.allows(actor, permission):
        raise PermissionDenied


def assignment_post(
    *,
    actor: Any,
    organisation: Organisation,
    title: str,
    description: str,
    obstacle: str,
    solution: str = "",
) -> StudentAssignment:
    _require(actor, Permission.POST_ASSIGNMENTS)
    assignment = StudentAssignment(
        organisation=organisation,
        title=title,
        description=description,
        obstacle=obstacle,
        solution=solution,
        posted_by=actor,
    )
    assignment.full_clean()
    with transaction.atomic():
        assignment.save()
    return assignment


def assignment_assign(
    *, actor: Any, assignment: StudentAssignment, hogeschool: Organisation, students: str
) -> StudentAssignment:
    _require(actor, Permission.ASSIGN_STUDENTS)
    if hogeschool.type != OrganisationType.HOGESCHOOL:
        raise ValidationError({"hogeschool": _("Choose a hogeschool.")})
    if not students.strip():
        raise ValidationError({"students": _("Name at least one student.")})
    if assignment.status not in (S.OPEN, S.ASSIGNED):
        raise ValidationError({"status": _("This assignment is already under way.")})
    assignment.hogeschool = hogeschool
    assignment.students = students.strip()
    assignment.status = S.ASSIGNED
    assignment.full_clean()
    with transaction.atomic():
        assignment.save()
    return assignment


def assignment_progress(
    *,
    actor: Any,
    assignment: StudentAssignment,
    status: str,
    deliverable_url: str = "",
    deliverable_summary: str = "",
) -> StudentAssignment:
    _require(actor, Permission.ASSIGN_STUDENTS)
    if status not in NEXT.get(assignment.status, set()):
        raise ValidationError(
            {
                "status": _("An assignment that is “%(now)s” cannot become “%(next)s”.")
                % {"now": assignment.get_status_display(), "next": status}
            }
        )
    if deliverable_url:
        assignment.deliverable_url = deliverable_url
    if deliverable_summary:
        assignment.deliverable_summary = deliverable_summary
    if status == S.DELIVERED and not (assignment.deliverable_url or assignment.deliverable_summary):
        raise ValidationError(
            {"deliverable_summary": _("Describe or link the deliverable before delivering.")}
        )
    assignment.status = status
    assignment.full_clean()
    with transaction.atomic():
        assignment.save()
    return assignment
