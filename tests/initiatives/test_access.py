"""One initiative, the same rules at the page and at the API.

Initiatives are public: everyone finds every one. Managing one (its status, its activities) is
for its lead and the coordinators of its wijken. The doors keep their own answer to a refused
manager: the page says 403, the API has always said 404; what matters here is that the same
callers are refused at both and that nothing changes when they are.
"""

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.initiatives.models import Activity, Initiative, Status
from tests.conftest import World
from tests.doors import Door, Outcome, caller, client_for
from tests.initiatives.factories import InitiativeFactory

ALLOWED, FORBIDDEN, NOT_FOUND = Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.NOT_FOUND


def _initiative(world: World) -> Initiative:
    return InitiativeFactory(lead=world.resident, status=Status.ACTIEF, wijken=[world.wijk])


def _who(world: World, initiative: Initiative, who: str) -> Any:
    return initiative.lead if who == "lead" else caller(world, who)


MANAGE_CASES = [
    ("lead", ALLOWED),
    ("coordinator here", ALLOWED),
    ("coordinator of the region", ALLOWED),
    ("region admin", ALLOWED),
    ("coordinator elsewhere", FORBIDDEN),
    ("researcher", FORBIDDEN),
    ("professional", FORBIDDEN),
]


def _status_page(client: Client, initiative: Initiative) -> Any:
    url = reverse("initiatives:status", args=[initiative.pk])
    return client.post(url, {"status": Status.GEBORGD, "note": ""})


def _status_api(client: Client, initiative: Initiative) -> Any:
    url = f"/api/v1/initiatives/{initiative.pk}/status"
    return client.post(url, {"status": Status.GEBORGD}, content_type="application/json")


STATUS_DOORS = [
    Door("page", _status_page, {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404}),
    Door("api", _status_api, {ALLOWED: 200, FORBIDDEN: 404, NOT_FOUND: 404}),
]


@pytest.mark.parametrize("door", STATUS_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), MANAGE_CASES)
def test_changing_the_status_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    initiative = _initiative(world)
    reply = door.call(client_for(_who(world, initiative, who)), initiative)
    assert reply.status_code == door.statuses[outcome]
    initiative.refresh_from_db()
    assert (initiative.status == Status.GEBORGD) == (outcome is ALLOWED)


def _activity_page(client: Client, initiative: Initiative) -> Any:
    url = reverse("initiatives:activity_create", args=[initiative.pk])
    data = {"title": "Wandeling", "date": date.today().isoformat(), "participants": 5}
    return client.post(url, data)


def _activity_api(client: Client, initiative: Initiative) -> Any:
    url = f"/api/v1/initiatives/{initiative.pk}/activities"
    body = {"title": "Wandeling", "date": date.today().isoformat(), "participants": 5}
    return client.post(url, body, content_type="application/json")


ACTIVITY_DOORS = [
    Door("page", _activity_page, {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404}),
    Door("api", _activity_api, {ALLOWED: 201, FORBIDDEN: 404, NOT_FOUND: 404}),
]


@pytest.mark.parametrize("door", ACTIVITY_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), MANAGE_CASES)
def test_recording_an_activity_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    initiative = _initiative(world)
    reply = door.call(client_for(_who(world, initiative, who)), initiative)
    assert reply.status_code == door.statuses[outcome]
    assert Activity.objects.filter(initiative=initiative).exists() == (outcome is ALLOWED)


READ_DOORS = [
    Door(
        "page",
        lambda client, pk: client.get(reverse("initiatives:detail", args=[pk])),
        {ALLOWED: 200, NOT_FOUND: 404},
    ),
    Door(
        "api",
        lambda client, pk: client.get(f"/api/v1/initiatives/{pk}"),
        {ALLOWED: 200, NOT_FOUND: 404},
    ),
]


@pytest.mark.parametrize("door", READ_DOORS, ids=str)
@pytest.mark.parametrize(
    "who", ["resident", "coordinator elsewhere", "researcher", "funder", "professional"]
)
def test_every_role_finds_an_initiative_and_a_missing_one_at_both_doors(
    world: World, door: Door, who: str
) -> None:
    initiative = _initiative(world)
    client = client_for(caller(world, who))
    assert door.call(client, initiative.pk).status_code == door.statuses[ALLOWED]
    assert door.call(client, initiative.pk + 1000).status_code == door.statuses[NOT_FOUND]
