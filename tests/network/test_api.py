"""The network API: a resident's own ties only, and a wijk's suppressed figures."""

import json

import pytest
from django.test import Client

from gezondewijk.network import runs
from gezondewijk.network.models import NetworkRun, Tie
from tests.conftest import World
from tests.network.factories import befriend, resident

pytestmark = pytest.mark.django_db


def client_of(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def post(client: Client, url: str, body: dict) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_resident_adds_and_lists_their_own_ties(world: World) -> None:
    client = client_of(world.resident)
    created = post(
        client,
        "/api/v1/network/ties",
        {
            "target_type": "contact",
            "contact_label": "tante Mien",
            "kind": "familie",
            "strength": 3,
            "supports": ["emotional_support"],
        },
    )
    assert created.status_code == 201  # type: ignore[attr-defined]
    listed = client.get("/api/v1/network/ties").json()
    assert [(t["name"], t["kind"], t["supports"]) for t in listed] == [
        ("tante Mien", "familie", ["emotional_support"])
    ]


def test_invalid_input_names_the_field(world: World) -> None:
    client = client_of(world.resident)
    too_strong = post(
        client,
        "/api/v1/network/ties",
        {"target_type": "contact", "contact_label": "x", "strength": 7},
    )
    assert too_strong.status_code == 422  # type: ignore[attr-defined]
    assert too_strong.json()["detail"][0]["loc"][-1] == "strength"  # type: ignore[attr-defined]
    unknown = post(
        client, "/api/v1/network/ties", {"target_type": "inwoner", "connect_code": "ZZZZZZZZ"}
    )
    assert unknown.status_code == 422  # type: ignore[attr-defined]
    assert unknown.json()["detail"][0]["loc"][-1] == "connect_code"  # type: ignore[attr-defined]
    assert not Tie.objects.exists()


def test_another_residents_tie_answers_not_found(world: World) -> None:
    mine = Tie.objects.create(
        owner=world.resident, target_type="contact", contact_label="oom Kees", kind="familie"
    )
    other = client_of(resident(world.buurt))
    assert other.get("/api/v1/network/ties").json() == []
    assert other.delete(f"/api/v1/network/ties/{mine.pk}").status_code == 404
    assert (
        other.patch(
            f"/api/v1/network/ties/{mine.pk}",
            json.dumps({"strength": 1}),
            content_type="application/json",
        ).status_code
        == 404
    )
    mine.refresh_from_db()
    assert mine.strength == 2


def test_wijk_figures_leave_small_cells_out(world: World, settings: object) -> None:
    settings.PRIVACY_MIN_CELL_SIZE = 3  # type: ignore[attr-defined]
    trio = [resident(world.buurt) for _ in range(3)]
    pair = [resident(world.other_buurt) for _ in range(2)]
    befriend(trio[0], trio[1])
    befriend(trio[1], trio[2])
    befriend(trio[0], trio[2])
    befriend(pair[0], pair[1])
    runs.network_run_execute(run_id=NetworkRun.objects.create(region=world.region).pk)

    mine = client_of(world.coordinator).get(f"/api/v1/network/wijken/{world.wijk.code}").json()
    assert [c["residents"] for c in mine["communities"]] == [3]
    other = client_of(world.coordinator).get(f"/api/v1/network/wijken/{world.other_wijk.code}")
    assert other.status_code == 404  # a wijk coordinator sees only their own wijk
