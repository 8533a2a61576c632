"""Intervision: four meetings a year, attendance of members only, reading together, and
groups that stay closed to coordinators outside them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from gezondewijk.permissions.roles import Role
from gezondewijk.pioneers import selectors, services
from gezondewijk.pioneers.models import Attendance, Meeting
from tests import factories
from tests.conftest import World
from tests.pioneers.factories import GroupFactory, coordinator_in


@pytest.fixture
def admin(world: World) -> object:
    return factories.user_with_role(Role.REGION_ADMIN, world.region)


def test_a_year_has_four_meetings_one_per_quarter_on_the_second_tuesday() -> None:
    days = services.meeting_dates(year=2027, per_year=4)
    assert [d.month for d in days] == [1, 4, 7, 10]
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in days)


def test_planning_a_year_twice_plans_it_once(world: World, admin: object) -> None:
    group = GroupFactory(region=world.region)
    services.meetings_schedule(actor=admin, group=group, year=2027, location="Buurthuis")
    services.meetings_schedule(actor=admin, group=group, year=2027)
    assert Meeting.objects.filter(group=group).count() == 4
    first = Meeting.objects.filter(group=group).first()
    assert first is not None
    assert first.location == "Buurthuis"
    assert first.starts_at.astimezone(dt.timezone(dt.timedelta(hours=1))).hour == 15


def test_a_coordinator_cannot_plan_meetings(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.meetings_schedule(
            actor=world.coordinator, group=GroupFactory(region=world.region), year=2027
        )


def test_attendance_is_recorded_for_every_member(world: World, admin: object) -> None:
    group = GroupFactory(region=world.region)
    anna = coordinator_in(group, world.wijk)
    bram = coordinator_in(group, world.other_wijk)
    meeting = services.meetings_schedule(actor=admin, group=group, year=2027)[0]
    services.attendance_record(actor=anna, meeting=meeting, present={anna.pk})
    rows = {a.user_id: a.present for a in Attendance.objects.filter(meeting=meeting)}
    assert rows == {anna.pk: True, bram.pk: False}
    summary = {
        r.member.pk: (r.present, r.recorded) for r in selectors.attendance_by_member(group=group)
    }
    assert summary == {anna.pk: (1, 1), bram.pk: (0, 1)}


def test_only_members_can_be_present(world: World, admin: object) -> None:
    group = GroupFactory(region=world.region)
    anna = coordinator_in(group, world.wijk)
    meeting = services.meetings_schedule(actor=admin, group=group, year=2027)[0]
    with pytest.raises(ValidationError) as caught:
        services.attendance_record(actor=anna, meeting=meeting, present={world.coordinator.pk})
    assert "present" in caught.value.message_dict
    assert not Attendance.objects.exists()


def test_a_coordinator_outside_the_group_cannot_take_part(world: World, admin: object) -> None:
    group = GroupFactory(region=world.region)
    coordinator_in(group, world.wijk)
    meeting = services.meetings_schedule(actor=admin, group=group, year=2027)[0]
    with pytest.raises(PermissionDenied):
        services.meeting_update(actor=world.coordinator, meeting=meeting, agenda="x", notes="")
    client = Client()
    client.force_login(world.coordinator)
    assert client.get(reverse("pioneers:group_detail", args=[group.pk])).status_code == 404
    assert client.get(reverse("pioneers:meeting_detail", args=[meeting.pk])).status_code == 404


def test_only_coordinators_join_a_group(world: World, admin: object) -> None:
    group = GroupFactory(region=world.region)
    with pytest.raises(ValidationError):
        services.group_member_add(actor=admin, group=group, user=world.resident)
    services.group_member_add(actor=admin, group=group, user=world.coordinator)
    assert list(group.members.all()) == [world.coordinator]


def test_a_member_records_a_meeting_on_its_page(world: World, admin: object) -> None:
    group = GroupFactory(region=world.region)
    anna = coordinator_in(group, world.wijk)
    meeting = services.meetings_schedule(actor=admin, group=group, year=2027)[0]
    client = Client()
    client.force_login(anna)
    url = reverse("pioneers:meeting_detail", args=[meeting.pk])
    response = client.post(
        url, {"agenda": "Casus: vrijwilligers haken af", "notes": "", "present": [anna.pk]}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.agenda == "Casus: vrijwilligers haken af"
    assert Attendance.objects.get(meeting=meeting, user=anna).present


def test_reading_together(world: World, admin: object) -> None:
    group = GroupFactory(region=world.region)
    anna = coordinator_in(group, world.wijk)
    meeting = services.meetings_schedule(actor=admin, group=group, year=2027)[0]
    item = services.reading_item_add(actor=anna, group=group, title="Werken vanuit energie")
    services.reading_item_discuss(actor=anna, item=item, meeting=meeting, notes="Herkenbaar.")
    other = services.meetings_schedule(
        actor=admin, group=GroupFactory(region=world.region), year=2027
    )[0]
    with pytest.raises(ValidationError):
        services.reading_item_discuss(actor=anna, item=item, meeting=other, notes="")
    with pytest.raises(ValidationError):
        services.reading_item_add(actor=anna, group=group, title="Link", url="geen link")
