"""Who may open the pioneers' pages and call their API: coordinators who are members of a
group (the role gets a group of its own here) and the region administrator."""

from typing import Any

from django.urls import reverse

from gezondewijk.people.models import OrganisationType
from gezondewijk.permissions.roles import Role
from gezondewijk.pioneers import calendar_feed
from gezondewijk.pioneers.models import GroupMember, Meeting, StudentAssignment
from tests.access import (
    ANONYMOUS,
    COORDINATOR_ELSEWHERE,
    COORDINATOR_HERE,
    REDIRECT_TO_LOGIN,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
    only,
)
from tests.conftest import World
from tests.factories import OrganisationFactory
from tests.pioneers.factories import GroupFactory, coordinator_in

PARTICIPANTS = [Role.COORDINATOR.value, Role.REGION_ADMIN.value]
ADMIN = [Role.REGION_ADMIN.value]
COORDINATOR = [Role.COORDINATOR.value]


def _group_url(name: str) -> Any:
    return lambda world: reverse(name, args=[GroupFactory(region=world.region).pk])


def _feed_url(world: World) -> str:
    member = coordinator_in(GroupFactory(region=world.region), world.wijk)
    return reverse("pioneers:my_calendar", args=[calendar_feed.feed_token(member)])


def _meeting(world: World) -> Meeting:
    group = GroupFactory(region=world.region)
    return Meeting.objects.create(group=group, starts_at="2026-04-14T15:00:00+02:00")


# A coordinator who is not in the group finds it does not exist (404); the administrator may.
NOT_MY_GROUP = Expect(
    403,
    ((ANONYMOUS, REDIRECT_TO_LOGIN), (Role.COORDINATOR.value, 404), (Role.REGION_ADMIN.value, 200)),
)


def _posted(admin_status: int) -> Expect:
    return Expect(
        403,
        (
            (ANONYMOUS, REDIRECT_TO_LOGIN),
            (Role.COORDINATOR.value, 404),
            (Role.REGION_ADMIN.value, admin_status),
        ),
    )


STAFF = [
    r.value
    for r in (Role.COORDINATOR, Role.PROFESSIONAL, Role.FUNDER, Role.RESEARCHER, Role.REGION_ADMIN)
]
ASSIGNERS = [Role.RESEARCHER.value, Role.REGION_ADMIN.value]


def _assignment(world: World) -> StudentAssignment:
    return StudentAssignment.objects.create(
        organisation=OrganisationFactory(gemeente=world.gemeente),
        title="Eenzaamheid in kaart",
        description="Waar wonen de mensen die we niet bereiken?",
        obstacle="kwetsbare_groepen",
    )


def _hogeschool(world: World) -> int:
    return OrganisationFactory(gemeente=world.gemeente, type=OrganisationType.HOGESCHOOL).pk


PAGES = {
    "pioneers:assignment_list": Page(only(STAFF, 200, 403, REDIRECT_TO_LOGIN)),
    "pioneers:assignment_detail": Page(
        only(STAFF, 200, 403, REDIRECT_TO_LOGIN),
        url=lambda w: reverse("pioneers:assignment_detail", args=[_assignment(w).pk]),
    ),
    "pioneers:assignment_assign": Page(
        only(ASSIGNERS, 302, 403, REDIRECT_TO_LOGIN),
        method="POST",
        url=lambda w: reverse("pioneers:assignment_assign", args=[_assignment(w).pk]),
        body=lambda w: {"hogeschool": _hogeschool(w), "students": "Sam, Noor"},
    ),
    # A new assignment cannot start "lopend" before students are assigned: 400 with the reason.
    "pioneers:assignment_progress": Page(
        only(ASSIGNERS, 400, 403, REDIRECT_TO_LOGIN),
        method="POST",
        url=lambda w: reverse("pioneers:assignment_progress", args=[_assignment(w).pk]),
        body=lambda w: {"status": "lopend"},
    ),
    "pioneers:group_list": Page(only(PARTICIPANTS, 200, 403, REDIRECT_TO_LOGIN)),
    "pioneers:competencies": Page(only(COORDINATOR, 200, 403, REDIRECT_TO_LOGIN)),
    "pioneers:group_detail": Page(NOT_MY_GROUP, url=_group_url("pioneers:group_detail")),
    "pioneers:group_calendar": Page(NOT_MY_GROUP, url=_group_url("pioneers:group_calendar")),
    # The personal feed is opened by a calendar program: the signed token is the key.
    "pioneers:my_calendar": Page(Expect(200), url=_feed_url),
    "pioneers:reading_add": Page(
        _posted(302),
        method="POST",
        url=_group_url("pioneers:reading_add"),
        body=lambda w: {"title": "Samen lezen"},
    ),
    "pioneers:schedule": Page(
        _posted(302),
        method="POST",
        url=_group_url("pioneers:schedule"),
        body=lambda w: {"year": "2027"},
    ),
    "pioneers:meeting_detail": Page(
        NOT_MY_GROUP, url=lambda w: reverse("pioneers:meeting_detail", args=[_meeting(w).pk])
    ),
}


def _api(ok: int, allowed: list[str], *, coordinator: int | None = None) -> Expect:
    expected = [(r, ok) for r in allowed]
    if coordinator is not None:
        expected.append((Role.COORDINATOR.value, coordinator))
    # Organisation systems have no business in intervision: keys are refused.
    return Expect(403, ((ANONYMOUS, 401), *expected))


P = "/api/v1/pioneers"
ENDPOINTS = {
    ("GET", f"{P}/groups"): Endpoint(_api(200, PARTICIPANTS)),
    ("GET", f"{P}/groups/{{group_id}}/meetings"): Endpoint(
        _api(200, ADMIN, coordinator=404),
        url=lambda w: f"{P}/groups/{GroupFactory(region=w.region).pk}/meetings",
    ),
    ("PUT", f"{P}/meetings/{{meeting_id}}/attendance"): Endpoint(
        _api(200, ADMIN, coordinator=404),
        url=lambda w: f"{P}/meetings/{_meeting(w).pk}/attendance",
        body=lambda w: {"present": []},
    ),
    ("GET", f"{P}/me/competencies"): Endpoint(_api(200, COORDINATOR)),
    ("GET", f"{P}/assignments"): Endpoint(_api(200, STAFF)),
    ("POST", f"{P}/assignments"): Endpoint(
        _api(201, STAFF),
        body=lambda w: {
            "organisation": OrganisationFactory(gemeente=w.gemeente).pk,
            "title": "Gezonde kantine",
            "description": "Wat kopen sporters?",
            "obstacle": "financiering",
        },
    ),
    ("POST", f"{P}/assignments/{{assignment_id}}/assign"): Endpoint(
        _api(200, ASSIGNERS),
        url=lambda w: f"{P}/assignments/{_assignment(w).pk}/assign",
        body=lambda w: {"hogeschool": _hogeschool(w), "students": "Sam"},
    ),
    ("POST", f"{P}/assignments/{{assignment_id}}/status"): Endpoint(
        _api(422, ASSIGNERS),
        url=lambda w: f"{P}/assignments/{_assignment(w).pk}/status",
        body=lambda w: {"status": "lopend"},
    ),
    ("POST", f"{P}/me/competencies"): Endpoint(
        _api(201, COORDINATOR), body=lambda w: {"competency": "verbinden", "level": 2}
    ),
}


def _my_group(name: str) -> Any:
    """A page of an intervision group of which the world's coordinator is a member."""

    def url(world: World) -> str:
        group = GroupFactory(region=world.region)
        GroupMember.objects.create(group=group, user=world.coordinator)
        return reverse(name, args=[group.pk])

    return url


# What is said in intervision stays in the group: another coordinator does not see it.
OBJECTS = {
    "coordinator opens another group": ObjectCheck(
        COORDINATOR_HERE, COORDINATOR_ELSEWHERE, 200, 404, url=_my_group("pioneers:group_detail")
    ),
    "coordinator adds reading to another group": ObjectCheck(
        COORDINATOR_HERE,
        COORDINATOR_ELSEWHERE,
        302,
        404,
        method="POST",
        url=_my_group("pioneers:reading_add"),
        body=lambda w: {"title": "De wijk als netwerk", "url": "https://example.org/boek"},
    ),
}
SHARED_BY_DESIGN = ""
