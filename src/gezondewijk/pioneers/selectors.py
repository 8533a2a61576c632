"""Reads of the pioneers' network: my groups, a group's year, my growth."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from gezondewijk.people.access import may_take_part
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.permissions.roles import Role
from gezondewijk.pioneers.models import (
    Attendance,
    Competency,
    IntervisionGroup,
    Level,
    Meeting,
    SelfAssessment,
)


def groups_for(*, user: Any) -> QuerySet[IntervisionGroup]:
    """The groups `user` takes part in; all of them for the region administrator."""
    if not policy.allows(user, Permission.TAKE_PART_IN_INTERVISION):
        return IntervisionGroup.objects.none()
    groups = IntervisionGroup.objects.annotate(member_count=Count("members", distinct=True))
    if user.is_superuser or Role.REGION_ADMIN in policy.roles_of(user):
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
    if meeting is None or not may_take_part(user, meeting.group):
        return None
    return meeting


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
