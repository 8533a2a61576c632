"""Intervision groups, the competency profile and student assignments: the same rules at the
page and at the API.

A group and its meetings are for its members and the region administrator; another
coordinator is not even told the group exists (404), a role without intervision is refused
(403). The competency profile is each coordinator's own. The assignments board is shared by the
staff; assigning students is for the hogeschool's coordinator (a researcher) and the region.
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.people.models import OrganisationType
from gezondewijk.pioneers.models import (
    AssignmentStatus,
    Attendance,
    IntervisionGroup,
    Meeting,
    SelfAssessment,
    StudentAssignment,
)
from tests import factories
from tests.conftest import World
from tests.doors import Door, Outcome, caller, client_for
from tests.pioneers.factories import GroupFactory, coordinator_in

ALLOWED, FORBIDDEN, NOT_FOUND = Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.NOT_FOUND
MISSING = 999_999  # no group, meeting or assignment has this id

GROUP_CASES = [
    ("member", ALLOWED),
    ("region admin", ALLOWED),
    ("coordinator here", NOT_FOUND),  # takes part in intervision, but not in this group
    ("researcher", FORBIDDEN),
    ("professional", FORBIDDEN),
    ("resident", FORBIDDEN),
]


def _group(world: World) -> tuple[IntervisionGroup, Any]:
    group = GroupFactory()
    return group, coordinator_in(group, world.wijk)


def _who(world: World, member: Any, who: str) -> Any:
    return member if who == "member" else caller(world, who)


# -- a group's meetings ----------------------------------------------------------------------

GROUP_DOORS = [
    Door(
        "page",
        lambda client, pk: client.get(reverse("pioneers:group_detail", args=[pk])),
        {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
    Door(
        "api",
        lambda client, pk: client.get(f"/api/v1/pioneers/groups/{pk}/meetings"),
        {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
]


@pytest.mark.parametrize("door", GROUP_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), GROUP_CASES)
def test_a_group_is_found_by_the_same_people_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    group, member = _group(world)
    starts = "2027-01-12T15:00:00+01:00"
    Meeting.objects.create(group=group, starts_at=starts, location="Buurthuis De Linde")
    client = client_for(_who(world, member, who))
    reply = door.call(client, group.pk)
    assert reply.status_code == door.statuses[outcome]
    if outcome is ALLOWED:
        assert "Buurthuis De Linde" in reply.content.decode()
        assert door.call(client, MISSING).status_code == door.statuses[NOT_FOUND]


# -- recording who was at a meeting ----------------------------------------------------------


def _attendance_page(client: Client, target: tuple[int, int]) -> Any:
    meeting, present = target
    url = reverse("pioneers:meeting_detail", args=[meeting])
    return client.post(url, {"agenda": "", "notes": "", "present": [present]})


def _attendance_api(client: Client, target: tuple[int, int]) -> Any:
    meeting, present = target
    url = f"/api/v1/pioneers/meetings/{meeting}/attendance"
    return client.put(url, {"present": [present]}, content_type="application/json")


ATTENDANCE_DOORS = [
    Door("page", _attendance_page, {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404}),
    Door("api", _attendance_api, {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404}),
]


@pytest.mark.parametrize("door", ATTENDANCE_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), GROUP_CASES)
def test_attendance_is_recorded_by_the_same_people_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    group, member = _group(world)
    meeting = Meeting.objects.create(group=group, starts_at="2027-01-12T15:00:00+01:00")
    client = client_for(_who(world, member, who))
    reply = door.call(client, (meeting.pk, member.pk))
    assert reply.status_code == door.statuses[outcome]
    recorded = Attendance.objects.filter(meeting=meeting, user=member, present=True)
    assert recorded.exists() == (outcome is ALLOWED)
    if outcome is ALLOWED:
        missing = door.call(client, (MISSING, member.pk))
        assert missing.status_code == door.statuses[NOT_FOUND]


# -- one's own competency profile ------------------------------------------------------------

OWN_CASES = [
    ("coordinator here", ALLOWED),
    ("coordinator elsewhere", ALLOWED),
    ("region admin", FORBIDDEN),
    ("researcher", FORBIDDEN),
    ("professional", FORBIDDEN),
    ("resident", FORBIDDEN),
]

PROFILE_DOORS = [
    Door(
        "page",
        lambda client, _: client.get(reverse("pioneers:competencies")),
        {ALLOWED: 200, FORBIDDEN: 403},
    ),
    Door(
        "api",
        lambda client, _: client.get("/api/v1/pioneers/me/competencies"),
        {ALLOWED: 200, FORBIDDEN: 403},
    ),
]


@pytest.mark.parametrize("door", PROFILE_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), OWN_CASES)
def test_the_competency_profile_is_the_coordinators_own_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    assert door.call(client_for(caller(world, who)), None).status_code == door.statuses[outcome]


ASSESSMENT = {"competency": "verbinden", "level": 2, "note": ""}

ASSESS_DOORS = [
    Door(
        "page",
        lambda client, _: client.post(reverse("pioneers:competencies"), ASSESSMENT),
        {ALLOWED: 302, FORBIDDEN: 403},
    ),
    Door(
        "api",
        lambda client, _: client.post(
            "/api/v1/pioneers/me/competencies", ASSESSMENT, content_type="application/json"
        ),
        {ALLOWED: 201, FORBIDDEN: 403},
    ),
]


@pytest.mark.parametrize("door", ASSESS_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), OWN_CASES)
def test_a_self_assessment_is_recorded_by_the_same_people_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    person = caller(world, who)
    assert door.call(client_for(person), None).status_code == door.statuses[outcome]
    assert SelfAssessment.objects.filter(user=person).exists() == (outcome is ALLOWED)


# -- student assignments ---------------------------------------------------------------------

STAFF_CASES = [
    ("coordinator here", ALLOWED),
    ("professional", ALLOWED),
    ("funder", ALLOWED),
    ("researcher", ALLOWED),
    ("region admin", ALLOWED),
    ("resident", FORBIDDEN),
]

BOARD_DOORS = [
    Door(
        "page",
        lambda client, _: client.get(reverse("pioneers:assignment_list")),
        {ALLOWED: 200, FORBIDDEN: 403},
    ),
    Door(
        "api",
        lambda client, _: client.get("/api/v1/pioneers/assignments"),
        {ALLOWED: 200, FORBIDDEN: 403},
    ),
]


def _assignment(world: World) -> StudentAssignment:
    return StudentAssignment.objects.create(
        organisation=factories.OrganisationFactory(gemeente=world.gemeente),
        title="Waarom komen ouderen niet naar het buurthuis?",
        description="Interview tien ouderen.",
        obstacle="kwetsbare_groepen",
    )


@pytest.mark.parametrize("door", BOARD_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), STAFF_CASES)
def test_the_assignments_board_is_for_the_same_people_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    _assignment(world)
    reply = door.call(client_for(caller(world, who)), None)
    assert reply.status_code == door.statuses[outcome]
    assert ("buurthuis" in reply.content.decode()) == (outcome is ALLOWED)


ASSIGN_CASES = [
    ("researcher", ALLOWED),
    ("region admin", ALLOWED),
    ("coordinator here", FORBIDDEN),
    ("professional", FORBIDDEN),
    ("funder", FORBIDDEN),
    ("resident", FORBIDDEN),
]


def _assign_page(client: Client, target: tuple[int, int]) -> Any:
    assignment, hogeschool = target
    url = reverse("pioneers:assignment_assign", args=[assignment])
    return client.post(url, {"hogeschool": hogeschool, "students": "Sam, Noor"})


def _assign_api(client: Client, target: tuple[int, int]) -> Any:
    assignment, hogeschool = target
    url = f"/api/v1/pioneers/assignments/{assignment}/assign"
    body = {"hogeschool": hogeschool, "students": "Sam, Noor"}
    return client.post(url, body, content_type="application/json")


ASSIGN_DOORS = [
    Door("page", _assign_page, {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404}),
    Door("api", _assign_api, {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404}),
]


@pytest.mark.parametrize("door", ASSIGN_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), ASSIGN_CASES)
def test_students_are_assigned_by_the_same_people_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    assignment = _assignment(world)
    hogeschool = factories.OrganisationFactory(
        gemeente=world.gemeente, type=OrganisationType.HOGESCHOOL, name="Hogeschool Test"
    )
    client = client_for(caller(world, who))
    assert door.call(client, (assignment.pk, hogeschool.pk)).status_code == door.statuses[outcome]
    assignment.refresh_from_db()
    assert (assignment.status == AssignmentStatus.ASSIGNED) == (outcome is ALLOWED)
    if outcome is ALLOWED:
        missing = door.call(client, (MISSING, hogeschool.pk))
        assert missing.status_code == door.statuses[NOT_FOUND]
