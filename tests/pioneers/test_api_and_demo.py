"""The pioneers API and demo: attendance through the API, my own profile, two demo groups
with a year of meetings."""

import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from gezondewijk.pioneers.models import Attendance, IntervisionGroup, Meeting, SelfAssessment
from tests.conftest import World
from tests.pioneers.factories import GroupFactory, coordinator_in


def test_a_member_records_attendance_through_the_api(world: World) -> None:
    group = GroupFactory(region=world.region)
    anna = coordinator_in(group, world.wijk)
    meeting = Meeting.objects.create(group=group, starts_at="2027-01-12T15:00:00+01:00")
    client = Client()
    client.force_login(anna)
    response = client.put(
        f"/api/v1/pioneers/meetings/{meeting.pk}/attendance",
        data=json.dumps({"present": [anna.pk, world.resident.pk]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "present"
    assert not Attendance.objects.exists()
    response = client.put(
        f"/api/v1/pioneers/meetings/{meeting.pk}/attendance",
        data=json.dumps({"present": [anna.pk]}),
        content_type="application/json",
    )
    assert response.json() == [{"user": anna.pk, "present": True}]


def test_my_profile_through_the_api(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    response = client.post(
        "/api/v1/pioneers/me/competencies",
        data=json.dumps({"competency": "verbinden", "level": 3}),
        content_type="application/json",
    )
    assert response.status_code == 201
    growth = {g["competency"]: g for g in client.get("/api/v1/pioneers/me/competencies").json()}
    assert growth["verbinden"]["latest"] == 3


@pytest.mark.django_db
def test_the_demo_has_two_groups_with_a_year_of_meetings() -> None:
    call_command("demo", "--residents", "10", "--seed", "4")
    this_year = timezone.localdate().year
    for group in IntervisionGroup.objects.all():
        last_year = group.meetings.filter(starts_at__year=this_year - 1)
        assert last_year.count() == 4
        assert Attendance.objects.filter(meeting__in=last_year).exists()
        assert group.reading_list.count() >= 3
    assert IntervisionGroup.objects.count() == 2
    assert SelfAssessment.objects.exists()


@pytest.mark.django_db
def test_the_demo_has_assignments_in_every_stage() -> None:
    from gezondewijk.pioneers.models import StudentAssignment

    call_command("demo", "--residents", "10", "--seed", "4")
    statuses = set(StudentAssignment.objects.values_list("status", flat=True))
    assert statuses == {"open", "toegewezen", "lopend", "opgeleverd", "afgerond"}
    assert not StudentAssignment.objects.filter(status="open", hogeschool__isnull=False).exists()
