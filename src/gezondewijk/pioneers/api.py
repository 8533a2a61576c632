"""API for the pioneers' network: my intervision groups and meetings, attendance, and my own
competency profile. Organisation systems (API keys) have no access: this is between people."""

from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from gezondewijk.errors import unknown
from gezondewijk.people.models import Organisation
from gezondewijk.permissions.api_auth import caller_of, require
from gezondewijk.permissions.policy import Permission
from gezondewijk.pioneers import assignments, selectors, services
from gezondewijk.pioneers.models import (
    AssignmentStatus,
    Attendance,
    Competency,
    IntervisionGroup,
    Meeting,
    Obstacle,
    SelfAssessment,
    StudentAssignment,
)

router = Router(tags=["pioneers"])


class GroupOut(Schema):
    id: int
    name: str
    description: str
    meetings_per_year: int
    member_count: int


class MeetingOut(Schema):
    id: int
    starts_at: datetime
    location: str
    agenda: str


class AttendanceIn(Schema):
    present: list[int] = Field(..., description="user ids of the members who were there")


class AttendanceOut(Schema):
    user: int = Field(..., alias="user_id")
    present: bool


class AssessmentIn(Schema):
    competency: Competency
    level: int = Field(..., ge=1, le=4)
    note: str = ""


class AssessmentOut(Schema):
    competency: Competency
    level: int
    assessed_on: date
    note: str


class CompetencyGrowthOut(Schema):
    competency: str
    first: int | None
    latest: int | None
    history: list[tuple[date, int]]


def _user(request: HttpRequest) -> Any:
    """The person calling: a system (an API key) has no part here, and every rule refuses
    it."""
    return caller_of(request).user


@router.get("/groups", response=list[GroupOut])
def groups(request: HttpRequest) -> QuerySet[IntervisionGroup]:
    return selectors.my_groups(user=_user(request))


@router.get("/groups/{group_id}/meetings", response=list[MeetingOut])
def meetings(request: HttpRequest, group_id: int) -> QuerySet[Meeting]:
    group = selectors.group_for(user=_user(request), pk=group_id)
    if group is None:
        raise HttpError(404, "Not found.")
    return group.meetings.order_by("starts_at")


@router.put("/meetings/{meeting_id}/attendance", response=list[AttendanceOut])
def attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn) -> list[Attendance]:
    user = _user(request)
    meeting = selectors.meeting_for(user=user, pk=meeting_id)
    if meeting is None:
        raise HttpError(404, "Not found.")
    return services.attendance_record(actor=user, meeting=meeting, present=set(payload.present))


@router.get("/me/competencies", response=list[CompetencyGrowthOut])
def my_competencies(request: HttpRequest) -> list[selectors.Growth]:
    return selectors.my_competencies(user=_user(request))


@router.post("/me/competencies", response={201: AssessmentOut})
def assess(request: HttpRequest, payload: AssessmentIn) -> Status[SelfAssessment]:
    return Status(201, services.self_assessment_record(actor=_user(request), **payload.dict()))


class AssignmentOut(Schema):
    id: int
    title: str
    description: str
    obstacle: Obstacle
    solution: str
    status: AssignmentStatus
    organisation: str = Field(..., alias="organisation.name")
    hogeschool: str | None = Field(None, alias="hogeschool.name")
    students: str
    deliverable_url: str
    deliverable_summary: str


class AssignmentIn(Schema):
    organisation: int
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1)
    obstacle: Obstacle
    solution: str = Field("", max_length=200)


class AssignIn(Schema):
    hogeschool: int
    students: str = Field(..., min_length=1, max_length=300)


class ProgressIn(Schema):
    status: AssignmentStatus
    deliverable_url: str = ""
    deliverable_summary: str = ""


def _organisation(organisation_id: int, field: str) -> Organisation:
    found = Organisation.objects.filter(pk=organisation_id).first()
    if found is None:
        raise unknown(field, "Unknown organisation.")
    return found


def _assignment(user: Any, assignment_id: int) -> StudentAssignment:
    found = selectors.assignment_for(user=user, pk=assignment_id, assign=True)
    if found is None:
        raise HttpError(404, "Not found.")
    return found


@router.get("/assignments", response=list[AssignmentOut], tags=["student assignments"])
def assignment_list(
    request: HttpRequest, obstacle: Obstacle | None = None, status: AssignmentStatus | None = None
) -> QuerySet[StudentAssignment]:
    return selectors.assignments_for(
        user=_user(request), obstacle=obstacle or "", status=status or ""
    )


@router.post("/assignments", response={201: AssignmentOut}, tags=["student assignments"])
def assignment_post(request: HttpRequest, payload: AssignmentIn) -> Status[StudentAssignment]:
    user = require(request, Permission.POST_ASSIGNMENTS).user  # before the organisation's 422
    data = payload.dict()
    data["organisation"] = _organisation(data["organisation"], "organisation")
    return Status(201, assignments.assignment_post(actor=user, **data))


@router.post(
    "/assignments/{assignment_id}/assign", response=AssignmentOut, tags=["student assignments"]
)
def assignment_assign(
    request: HttpRequest, assignment_id: int, payload: AssignIn
) -> StudentAssignment:
    user = _user(request)
    return assignments.assignment_assign(
        actor=user,
        assignment=_assignment(user, assignment_id),
        hogeschool=_organisation(payload.hogeschool, "hogeschool"),
        students=payload.students,
    )


@router.post(
    "/assignments/{assignment_id}/status", response=AssignmentOut, tags=["student assignments"]
)
def assignment_progress(
    request: HttpRequest, assignment_id: int, payload: ProgressIn
) -> StudentAssignment:
    user = _user(request)
    return assignments.assignment_progress(
        actor=user, assignment=_assignment(user, assignment_id), **payload.dict()
    )
