"""Ties, tie requests, a wijk's figures and its connectors: one rule each, at both doors.

A resident's tie is read and changed by its owner alone; a request is answered once by the
resident it names; a wijk's figures are for who plans and measures there; connector names
follow the consent text "Coördinatoren mogen mij zien als verbinder" exactly.
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.network import services
from gezondewijk.network.models import NetworkRun, RunStatus, Tie
from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope, Organisation
from gezondewijk.privacy.models import AccessLog
from tests import factories
from tests.conftest import World
from tests.doors import Door, Outcome, caller, client_for
from tests.network.factories import resident

ALLOWED, FORBIDDEN, NOT_FOUND = Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.NOT_FOUND


def _owner(world: World, who: str) -> Any:
    """The callers of the tie cases: the owner, another resident, or a staff role."""
    if who == "owner":
        return world.resident
    if who == "other resident":
        return resident(world.buurt)
    return caller(world, who)


def _tie(world: World) -> Tie:
    return Tie.objects.create(
        owner=world.resident, target_type="contact", contact_label="oom Kees", kind="familie"
    )


TIE_CASES = [
    ("owner", ALLOWED),
    ("other resident", NOT_FOUND),
    ("coordinator here", FORBIDDEN),
    ("researcher", FORBIDDEN),
]

DETAILS = {"kind": "buur", "strength": 3, "frequency": "wekelijks", "supports": []}

EDIT_DOORS = [
    Door(
        "page",
        lambda client, tie: client.post(reverse("network:tie_edit", args=[tie.pk]), DETAILS),
        {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
    Door(
        "api",
        lambda client, tie: client.patch(
            f"/api/v1/network/ties/{tie.pk}", DETAILS, content_type="application/json"
        ),
        {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
]

DELETE_DOORS = [
    Door(
        "page",
        lambda client, tie: client.post(reverse("network:tie_delete", args=[tie.pk])),
        {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
    Door(
        "api",
        lambda client, tie: client.delete(f"/api/v1/network/ties/{tie.pk}"),
        {ALLOWED: 204, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
]


@pytest.mark.parametrize("door", EDIT_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), TIE_CASES)
def test_changing_a_tie_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    tie = _tie(world)
    reply = door.call(client_for(_owner(world, who)), tie)
    assert reply.status_code == door.statuses[outcome]
    tie.refresh_from_db()
    assert (tie.kind == "buur") == (outcome is ALLOWED)


@pytest.mark.parametrize("door", DELETE_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), TIE_CASES)
def test_removing_a_tie_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    tie = _tie(world)
    reply = door.call(client_for(_owner(world, who)), tie)
    assert reply.status_code == door.statuses[outcome]
    assert Tie.objects.filter(pk=tie.pk).exists() == (outcome is not ALLOWED)


CONFIRM_DOORS = [
    Door(
        "page",
        lambda client, tie: client.post(
            reverse("network:tie_answer", args=[tie.pk]), {"answer": "confirm"}
        ),
        {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
    Door(
        "api",
        lambda client, tie: client.post(f"/api/v1/network/ties/{tie.pk}/confirm"),
        {ALLOWED: 201, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
]


@pytest.mark.parametrize("door", CONFIRM_DOORS, ids=str)
@pytest.mark.parametrize(
    ("who", "declined", "outcome"),
    [
        ("named resident", False, ALLOWED),
        ("named resident", True, NOT_FOUND),  # declined once: no longer offered, at either door
        ("owner", False, NOT_FOUND),  # the one who recorded it does not confirm it
        ("other resident", False, NOT_FOUND),
        ("coordinator here", False, FORBIDDEN),
    ],
)
def test_confirming_a_tie_request_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, declined: bool, outcome: Outcome
) -> None:
    asker = resident(world.buurt)
    request = services.tie_create(
        owner=asker,
        target_type="inwoner",
        details=services.TieDetails(),
        connect_code=services.network_profile_get(user=world.resident).connect_code,
    )
    if declined:
        services.tie_decline(user=world.resident, tie=request)
    who_calls = {"named resident": world.resident, "owner": asker}.get(who) or _owner(world, who)
    reply = door.call(client_for(who_calls), request)
    assert reply.status_code == door.statuses[outcome]
    confirmed = Tie.objects.filter(owner=world.resident, resident=asker).exists()
    assert confirmed == (outcome is ALLOWED)


# -- a wijk's figures and its connectors ----------------------------------------------------------


def _connectors_run(world: World) -> tuple[Any, Any]:
    """A finished analysis in which two residents of the wijk bridge groups: one chose to be
    visible as a connector, the other did not."""
    visible = resident(world.buurt, visible=True)
    hidden = resident(world.buurt, visible=False)
    visible.display_name, hidden.display_name = "Zichtbare Verbinder", "Stille Verbinder"
    visible.save()
    hidden.save()
    NetworkRun.objects.create(
        region=world.region,
        status=RunStatus.DONE,
        results={
            "connectors": [
                {"user_id": u.pk, "wijk_id": world.wijk.pk, "communities_bridged": 2}
                for u in (visible, hidden)
            ]
        },
    )
    return visible, hidden


def _page_names(client: Client, world: World) -> Any:
    reply = client.get(reverse("network:wijk_network", args=[world.wijk.code]))
    if reply.status_code != 200:
        return reply.status_code, []
    return reply.status_code, [str(c["user"]) for c in reply.context["network"]["connectors"]]


def _api_names(client: Client, world: World) -> Any:
    reply = client.get(f"/api/v1/network/wijken/{world.wijk.code}")
    return reply.status_code, reply.json().get("connectors", []) if reply.status_code == 200 else []


WIJK_DOORS = [
    Door("page", _page_names, {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404}),
    Door("api", _api_names, {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404}),
]


@pytest.mark.parametrize("door", WIJK_DOORS, ids=str)
@pytest.mark.parametrize(
    ("who", "outcome", "sees_names"),
    [
        ("coordinator here", ALLOWED, True),
        ("coordinator of the region", ALLOWED, True),
        ("coordinator elsewhere", NOT_FOUND, False),
        ("researcher", ALLOWED, False),  # the figures, but the consent does not name researchers
        ("region admin", ALLOWED, False),
        ("resident", FORBIDDEN, False),
    ],
)
def test_connector_names_follow_the_consent_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome, sees_names: bool
) -> None:
    visible, hidden = _connectors_run(world)
    user = caller(world, who)
    status, names = door.call(client_for(user), world)
    assert status == door.statuses[outcome]
    assert names == (["Zichtbare Verbinder"] if sees_names else [])
    logged = AccessLog.objects.filter(actor=user, subject=visible).exists()
    assert logged == sees_names
    assert not AccessLog.objects.filter(subject=hidden).exists()


def test_a_superuser_does_not_see_connector_names(world: World) -> None:
    _connectors_run(world)
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    status, names = _page_names(client_for(admin), world)
    assert (status, names) == (200, [])


def test_an_organisations_system_gets_the_figures_without_names(world: World) -> None:
    _connectors_run(world)
    organisation = Organisation.objects.create(name="GGD", gemeente=world.gemeente)
    _, raw = people_services.api_key_create(
        organisation=organisation, name="ggd", scopes=[ApiScope("network:read")]
    )
    reply = Client(headers={"X-API-Key": raw}).get(f"/api/v1/network/wijken/{world.wijk.code}")
    assert reply.status_code == 200
    assert reply.json()["connectors"] == []


def test_the_dashboard_panel_carries_no_connector_names(world: World) -> None:
    from gezondewijk.network import selectors

    _connectors_run(world)
    run = selectors.latest_run(region=world.region)
    assert "connectors" not in selectors.wijk_network(run=run, wijk=world.wijk)
