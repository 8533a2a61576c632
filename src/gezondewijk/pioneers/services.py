"""Writes of the pioneers' network. Each checks the policy, validates, writes in one
transaction."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.permissions.roles import Role
from gezondewijk.pioneers import access
from gezondewijk.pioneers.models import (
    Attendance,
    GroupMember,
    IntervisionGroup,
    Meeting,
    ReadingItem,
    SelfAssessment,
)
from gezondewijk.places.models import Region

MEETING_HOUR = 15  # intervision meets in the afternoon, after the morning consultations


def _require(user: Any, permission: Permission, group: IntervisionGroup | None = None) -> None:
    if not policy.allows(user, permission):
        raise PermissionDenied
    if group is not None and not access.may_take_part(user, group):
        raise PermissionDenied


def group_create(
    *, actor: Any, region: Region, name: str, description: str = "", meetings_per_year: int = 4
) -> IntervisionGroup:
    _require(actor, Permission.MANAGE_INTERVISION)
    group = IntervisionGroup(
        region=region, name=name, description=description, meetings_per_year=meetings_per_year
    )
    group.full_clean()
    with transaction.atomic():
        group.save()
    return group


def group_member_add(*, actor: Any, group: IntervisionGroup, user: Any) -> GroupMember:
    _require(actor, Permission.MANAGE_INTERVISION)
    if Role.COORDINATOR not in policy.roles_of(user):
        raise ValidationError({"user": _("Only coordinators take part in intervision.")})
    with transaction.atomic():
        member, _created = GroupMember.objects.get_or_create(group=group, user=user)
    return member


def meeting_dates(*, year: int, per_year: int, weekday: int = calendar.TUESDAY) -> list[dt.date]:
    """Evenly spread over the year: the second `weekday` of the first month of each period
    (four a year: January, April, July, October)."""
    dates = []
    for index in range(per_year):
        month = 1 + (12 * index) // per_year
        first = dt.date(year, month, 1)
        offset = (weekday - first.weekday()) % 7
        dates.append(first + dt.timedelta(days=offset + 7))
    return dates


def meetings_schedule(
    *, actor: Any, group: IntervisionGroup, year: int, location: str = ""
) -> list[Meeting]:
    """Plan the year's meetings; dates already planned are left as they are."""
    _require(actor, Permission.MANAGE_INTERVISION)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Choose a year between 2000 and 2100.")})
    zone = timezone.get_current_timezone()
    planned = []
    with transaction.atomic():
        for day in meeting_dates(year=year, per_year=group.meetings_per_year):
            starts_at = dt.datetime.combine(day, dt.time(MEETING_HOUR), tzinfo=zone)
            meeting, _created = Meeting.objects.get_or_create(
                group=group, starts_at=starts_at, defaults={"location": location}
            )
            planned.append(meeting)
    return planned


def meeting_update(*, actor: Any, meeting: Meeting, agenda: str, notes: str) -> Meeting:
    _require(actor, Permission.TAKE_PART_IN_INTERVISION, meeting.group)
    meeting.agenda = agenda
    meeting.notes = notes
    meeting.full_clean()
    with transaction.atomic():
        meeting.save(update_fields=["agenda", "notes"])
    return meeting


def attendance_record(*, actor: Any, meeting: Meeting, present: set[int]) -> list[Attendance]:
    """Who was there: every member gets a row, present or not."""
    _require(actor, Permission.TAKE_PART_IN_INTERVISION, meeting.group)
    member_ids = set(
        GroupMember.objects.filter(group=meeting.group).values_list("user_id", flat=True)
    )
    strangers = present - member_ids
    if strangers:
        raise ValidationError({"present": _("Only members of the group can attend.")})
    with transaction.atomic():
        Attendance.objects.filter(meeting=meeting).delete()
        return Attendance.objects.bulk_create(
            Attendance(meeting=meeting, user_id=user_id, present=user_id in present)
            for user_id in sorted(member_ids)
        )


def reading_item_add(
    *, actor: Any, group: IntervisionGroup, title: str, author: str = "", url: str = ""
) -> ReadingItem:
    _require(actor, Permission.TAKE_PART_IN_INTERVISION, group)
    item = ReadingItem(group=group, title=title, author=author, url=url)
    item.full_clean()
    with transaction.atomic():
        item.save()
    return item


def reading_item_discuss(
    *, actor: Any, item: ReadingItem, meeting: Meeting, notes: str
) -> ReadingItem:
    _require(actor, Permission.TAKE_PART_IN_INTERVISION, item.group)
    if meeting.group_id != item.group_id:
        raise ValidationError({"meeting": _("This meeting belongs to another group.")})
    item.discussed_at = meeting
    item.discussion_notes = notes
    with transaction.atomic():
        item.save(update_fields=["discussed_at", "discussion_notes"])
    return item


def self_assessment_record(
    *, actor: Any, competency: str, level: int, note: str = "", on: dt.date | None = None
) -> SelfAssessment:
    """A coordinator scores themself; a second score on the same day replaces the first."""
    _require(actor, Permission.ASSESS_OWN_COMPETENCIES)
    assessment = SelfAssessment(
        user=actor,
        competency=competency,
        level=level,
        note=note,
        assessed_on=on or timezone.localdate(),
    )
    assessment.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        saved, _created = SelfAssessment.objects.update_or_create(
            user=actor,
            competency=competency,
            assessed_on=assessment.assessed_on,
            defaults={"level": level, "note": note},
        )
    return saved
