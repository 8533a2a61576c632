"""The pioneers' part of export and erase: memberships, attendance and the self-assessment.
All of it is the person's own; erase removes it. Meeting notes belong to the group."""

from typing import Any

from gezondewijk.pioneers.models import (
    Attendance,
    GroupMember,
    SelfAssessment,
    StudentAssignment,
)
from gezondewijk.privacy import registry


def _export(user: Any) -> dict[str, Any]:
    return {
        "intervision_groups": [
            {"group": m.group.name, "joined_at": m.joined_at.isoformat()}
            for m in GroupMember.objects.filter(user=user).select_related("group")
        ],
        "attendance": [
            {"meeting": a.meeting.starts_at.isoformat(), "present": a.present}
            for a in Attendance.objects.filter(user=user).select_related("meeting")
        ],
        "self_assessments": [
            {
                "competency": s.competency,
                "level": s.level,
                "assessed_on": s.assessed_on.isoformat(),
                "note": s.note,
            }
            for s in SelfAssessment.objects.filter(user=user)
        ],
        "student_assignments_posted": [
            {"title": a.title, "posted": a.created_at.isoformat()}
            for a in StudentAssignment.objects.filter(posted_by=user)
        ],
    }


def _erase(user: Any) -> None:
    SelfAssessment.objects.filter(user=user).delete()
    Attendance.objects.filter(user=user).delete()
    GroupMember.objects.filter(user=user).delete()
    # The assignment is the organisation's; it stays without the person who posted it.
    StudentAssignment.objects.filter(posted_by=user).update(posted_by=None)


# Registered with privacy's PERSONAL_DATA hook in this app's hooks.py.
PROVIDER = registry.PersonalDataProvider(
    name="pioneers",
    export=_export,
    erase=_erase,
    models=(GroupMember, Attendance, SelfAssessment, StudentAssignment),
)
