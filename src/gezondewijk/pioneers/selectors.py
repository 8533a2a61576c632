"""Reads of the pioneers' network: my groups, a group's year, my growth."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet

from gezondewijk.pioneers import access
from gezondewijk.pioneers.models import (
    Attendance,
    Competency,
    IntervisionGroup,
    Level,
    Meeting,
    SelfAssessment,
    StudentAssignment,
)


def groups_for(*, user: Any) -> QuerySet[IntervisionGroup]:
    """The groups `user` takes part in; all of them for the region administrator."""
    if not access.may_take_part_at_all(user):
        return IntervisionGroup.objects.none()
    groups = IntervisionGroup.objects.annotate(member_count=Count("members", distinct=True))
    if access.sees_every_group(user):
        return groups
    return groups.filter(members=user)


def group_get(*, user: Any, pk: int) -> IntervisionGroup | None:
    """The group, if `user` may take part in it; otherwise None, as if it did not exist."""
    group = (
        groups_for(user=user)
        .prefetch_related(
            "members",
            "reading_list__discussed_at",
            Prefetch("meetings", queryset=Meeting.objects.prefetch_related("attendance")),
        )
        .filter(pk=pk)
        .first()
    )
    return group


def meeting_get(*, user: Any, pk: int) -> Meeting | None:
    meeting = Meeting.objects.select_related("group").filter(pk=pk).first()
    if meeting is None or not access.may_take_part(user, meeting.group):
        return None
    return meeting


def my_groups(*, user: Any) -> QuerySet[IntervisionGroup]:
    """`groups_for`, for a person who asks for their groups: PermissionDenied when they have
    no part in intervision at all."""
    if not access.may_take_part_at_all(user):
        raise PermissionDenied
    return groups_for(user=user)


def group_for(*, user: Any, pk: int) -> IntervisionGroup | None:
    """The group for `user`, or None when it does not exist or is not theirs (another group's
    intervision is not even shown to exist). PermissionDenied when `user` has no part in
    intervision at all."""
    if not access.may_take_part_at_all(user):
        raise PermissionDenied
    return group_get(user=user, pk=pk)


def meeting_for(*, user: Any, pk: int) -> Meeting | None:
    """A meeting of one of `user`'s groups, as `group_for`."""
    if not access.may_take_part_at_all(user):
        raise PermissionDenied
    return meeting_get(user=user, pk=pk)


def meetings_of(*, user: Any) -> QuerySet[Meeting]:
    """Every meeting of every group `user` takes part in."""
    return (
        Meeting.objects.filter(group__in=groups_for(user=user).values("pk"))
        .select_related("group")
        .order_by("starts_at")
    )


@dataclass(frozen=True)
class MemberAttendance:
    member: Any
    present: int
    recorded: int


def attendance_by_member(*, group: IntervisionGroup) -> list[MemberAttendance]:
    """Per member: at how many of the recorded meetings they were present (one query)."""
    counts = {
        row["user_id"]: row
        for row in Attendance.objects.filter(meeting__group=group)
        .values("user_id")
        .annotate(present=Count("pk", filter=Q(present=True)), recorded=Count("pk"))
    }
    return [
        MemberAttendance(
            m, counts.get(m.pk, {}).get("present", 0), counts.get(m.pk, {}).get("recorded", 0)
        )
        for m in group.members.order_by("display_name", "email")
    ]


@dataclass(frozen=True)
class Growth:
    competency: str
    label: Any
    first: int | None
    latest: int | None
    history: list[tuple[Any, int]]

    @property
    def change(self) -> int:
        return (self.latest or 0) - (self.first or 0)

    @property
    def latest_label(self) -> Any:
        return Level(self.latest).label if self.latest else "–"


def my_competencies(*, user: Any) -> list[Growth]:
    """The competency profile of `user` themselves: PermissionDenied when they keep none."""
    if not access.may_assess_own(user):
        raise PermissionDenied
    return competency_growth(user=user)


def competency_growth(*, user: Any) -> list[Growth]:
    """Per competency of the profile: first and latest level, and every score in between."""
    history: dict[str, list[tuple[Any, int]]] = {c: [] for c in Competency.values}
    for a in SelfAssessment.objects.filter(user=user).order_by("assessed_on"):
        history[a.competency].append((a.assessed_on, a.level))
    return [
        Growth(
            value,
            label,
            history[value][0][1] if history[value] else None,
            history[value][-1][1] if history[value] else None,
            history[value],
        )
        for value, label in Competency.choices
    ]


def assignments_list(*, obstacle: str = "", status: str = "") -> QuerySet[StudentAssignment]:
    found = StudentAssignment.objects.select_related("organisation", "hogeschool")
    if obstacle:
        found = found.filter(obstacle=obstacle)
    if status:
        found = found.filter(status=status)
    return found


def assignments_for(
    *, user: Any, obstacle: str = "", status: str = ""
) -> QuerySet[StudentAssignment]:
    """The assignments board for `user`: PermissionDenied when they may not look it up."""
    if not access.may_view_assignments(user):
        raise PermissionDenied
    return assignments_list(obstacle=obstacle, status=status)


def assignment_for(*, user: Any, pk: int, assign: bool = False) -> StudentAssignment | None:
    """The assignment for `user`, or None when it does not exist. The board is shared, so a
    refusal raises PermissionDenied: when `user` may not look assignments up, or with
    `assign`, may not assign students and move assignments on (pioneers.access)."""
    allowed = access.may_assign(user) if assign else access.may_view_assignments(user)
    if not allowed:
        raise PermissionDenied
    return assignments_list().filter(pk=pk).first()
