"""Who may open the initiative pages and call the initiatives API."""

from typing import Any

from django.urls import reverse

from gezondewijk.permissions.roles import Role
from tests.access import (
    ANONYMOUS,
    API_READ,
    COORDINATOR_ELSEWHERE,
    COORDINATOR_HERE,
    KEY_ALL_SCOPES,
    KEY_NO_SCOPES,
    LOGGED_IN_PAGE,
    MANAGERS,
    REDIRECT_TO_LOGIN,
    RESIDENT_OTHER,
    RESIDENT_SELF,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
    only,
    wijk_page,
)
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory

PARTICIPANTS = [Role.RESIDENT.value, Role.INITIATIVE_LEAD.value, Role.PROFESSIONAL.value]
STARTERS = [*PARTICIPANTS, *MANAGERS]


def _initiative(world: World) -> int:
    """An initiative in the world's wijk, led by the world's resident (not the caller)."""
    return InitiativeFactory(lead=world.resident, wijken=[world.wijk]).pk


def _page(name: str) -> Any:
    return lambda world: reverse(name, args=[_initiative(world)])


def _wijk_page(name: str) -> Any:
    return lambda world: reverse(name, args=[world.wijk.code])


def _someone_elses_invitation(world: World) -> str:
    from gezondewijk.initiatives.models import Introduction, Invitation
    from tests.initiatives.factories import theme

    introduction = Introduction.objects.create(kind="believers", theme=theme(), wijk=world.wijk)
    invitation = Invitation.objects.create(introduction=introduction, user=world.resident)
    return reverse("initiatives:answer", args=[invitation.pk])


PAGES = {
    "initiatives:list": Page(LOGGED_IN_PAGE),
    "initiatives:growth": Page(LOGGED_IN_PAGE),
    "initiatives:create": Page(only(STARTERS, 200, 403, REDIRECT_TO_LOGIN)),
    "initiatives:detail": Page(LOGGED_IN_PAGE, url=_page("initiatives:detail")),
    "initiatives:edit": Page(
        only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN), url=_page("initiatives:edit")
    ),
    "initiatives:activity_create": Page(
        only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN), url=_page("initiatives:activity_create")
    ),
    "initiatives:join": Page(
        only(PARTICIPANTS, 302, 403, REDIRECT_TO_LOGIN),
        method="POST",
        url=_page("initiatives:join"),
        body=lambda w: {"role": "deelnemer"},
    ),
    "initiatives:status": Page(
        only(MANAGERS, 302, 403, REDIRECT_TO_LOGIN),
        method="POST",
        url=_page("initiatives:status"),
        body=lambda w: {"status": "geborgd"},
    ),
    # Leaving an initiative one is not in changes nothing and returns to it.
    "initiatives:leave": Page(
        only(PARTICIPANTS, 302, 403, REDIRECT_TO_LOGIN),
        method="POST",
        url=_page("initiatives:leave"),
    ),
    # Handing over to a non-member is refused with a message, back on the page.
    "initiatives:hand_over": Page(
        only(MANAGERS, 302, 403, REDIRECT_TO_LOGIN),
        method="POST",
        url=_page("initiatives:hand_over"),
        body=lambda w: {"lead": w.coordinator.pk},
    ),
    "initiatives:beliefs": Page(only(PARTICIPANTS, 200, 403, REDIRECT_TO_LOGIN)),
    "initiatives:introductions": Page(only(PARTICIPANTS, 200, 403, REDIRECT_TO_LOGIN)),
    # Answering someone else's invitation: it does not exist for you.
    "initiatives:answer": Page(
        Expect(404, ((ANONYMOUS, REDIRECT_TO_LOGIN),)),
        method="POST",
        url=_someone_elses_invitation,
        body=lambda w: {"answer": "accept"},
    ),
    "initiatives:block": Page(only(PARTICIPANTS, 302, 403, REDIRECT_TO_LOGIN), method="POST"),
    "initiatives:matches": Page(
        only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN), url=_wijk_page("initiatives:matches")
    ),
    "initiatives:introduce": Page(
        only(MANAGERS, 302, 403, REDIRECT_TO_LOGIN),
        method="POST",
        url=_wijk_page("initiatives:introduce"),
    ),
    "initiatives:reach_map": Page(
        only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN), url=_wijk_page("initiatives:reach_map")
    ),
}


def _api(path: str) -> Any:
    return lambda world: path.format(id=_initiative(world))


def _new_initiative(world: World) -> dict[str, Any]:
    return {
        "name": "Buurtmoestuin",
        "description": "Samen groente kweken.",
        "themes": ["voeding"],
        "wijken": [world.wijk.code],
    }


def _by_people(allowed: list[str], ok: int, others: int) -> Expect:
    """Things a person does: keys are refused whatever their scopes."""
    return Expect(
        others,
        (
            (ANONYMOUS, 401),
            (KEY_ALL_SCOPES, 403),
            (KEY_NO_SCOPES, 403),
            *((r, ok) for r in allowed),
        ),
    )


ENDPOINTS = {
    ("GET", "/api/v1/themes"): Endpoint(API_READ),
    ("GET", "/api/v1/initiatives"): Endpoint(API_READ),
    ("GET", "/api/v1/initiatives/{initiative_id}"): Endpoint(
        API_READ, url=_api("/api/v1/initiatives/{id}")
    ),
    ("GET", "/api/v1/activities"): Endpoint(API_READ),
    ("GET", "/api/v1/initiatives/growth"): Endpoint(API_READ),
    ("POST", "/api/v1/initiatives"): Endpoint(_by_people(STARTERS, 201, 403), body=_new_initiative),
    ("POST", "/api/v1/initiatives/{initiative_id}/members"): Endpoint(
        _by_people(PARTICIPANTS, 201, 403),
        url=_api("/api/v1/initiatives/{id}/members"),
        body=lambda w: {"role": "vrijwilliger"},
    ),
    # Managing someone else's initiative: it is not yours to see as such.
    ("POST", "/api/v1/initiatives/{initiative_id}/status"): Endpoint(
        _by_people(MANAGERS, 200, 404),
        url=_api("/api/v1/initiatives/{id}/status"),
        body=lambda w: {"status": "geborgd", "note": "Gemeente betaalt mee."},
    ),
    ("POST", "/api/v1/initiatives/{initiative_id}/activities"): Endpoint(
        _by_people(MANAGERS, 201, 404),
        url=_api("/api/v1/initiatives/{id}/activities"),
        body=lambda w: {"title": "Wandeling", "date": "2026-05-01", "participants": 9},
    ),
}


# The lead manages their own initiative, a coordinator those in their own wijk.
OBJECTS = {
    "coordinator edits an initiative of another wijk": ObjectCheck(
        COORDINATOR_HERE, COORDINATOR_ELSEWHERE, 200, 403, url=_page("initiatives:edit")
    ),
    "resident edits another resident's initiative": ObjectCheck(
        RESIDENT_SELF, RESIDENT_OTHER, 200, 403, url=_page("initiatives:edit")
    ),
    "coordinator matches believers in another wijk": ObjectCheck(
        COORDINATOR_HERE, COORDINATOR_ELSEWHERE, 200, 404, url=wijk_page("initiatives:matches")
    ),
}
SHARED_BY_DESIGN = ""
