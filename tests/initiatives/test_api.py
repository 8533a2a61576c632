"""The initiatives API: validation names the field, scope hides other wijken."""

import json

from django.test import Client

from gezondewijk.initiatives.models import Initiative
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _post(client: Client, url: str, body: dict) -> object:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_starting_in_another_wijk_answers_as_if_it_did_not_exist(world: World) -> None:
    response = _post(
        _client(world.resident),
        "/api/v1/initiatives",
        {"name": "X", "description": "Y", "themes": ["bewegen"], "wijken": [world.other_wijk.code]},
    )
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "wijken"]  # type: ignore[attr-defined]
    assert not Initiative.objects.exists()


def test_an_unknown_theme_is_named(world: World) -> None:
    response = _post(
        _client(world.resident),
        "/api/v1/initiatives",
        {"name": "X", "description": "Y", "themes": ["vliegen"], "wijken": [world.wijk.code]},
    )
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "themes"]  # type: ignore[attr-defined]


def test_the_detail_shows_influence_parts_and_a_wrong_status_is_refused(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    client = _client(world.resident)
    detail = client.get(f"/api/v1/initiatives/{initiative.pk}").json()
    assert {p["key"] for p in detail["influence"]["parts"]} >= {"members", "network_reach"}
    refused = _post(client, f"/api/v1/initiatives/{initiative.pk}/status", {"status": "idee"})
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert refused.json()["detail"][0]["loc"] == ["body", "payload", "status"]  # type: ignore[attr-defined]


def test_initiatives_filter_by_wijk(world: World) -> None:
    mine = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    InitiativeFactory(lead=world.resident, wijken=[world.other_wijk])
    found = _client(world.resident).get(f"/api/v1/initiatives?wijk={world.wijk.code}").json()
    assert [i["id"] for i in found["items"]] == [mine.pk]


def test_growth_is_given_per_wijk_and_quarter(world: World) -> None:
    InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    rows = _client(world.resident).get(f"/api/v1/initiatives/growth?wijk={world.wijk.code}").json()
    assert rows[-1]["wijk"] == world.wijk.code
    assert rows[-1]["initiatives"] == 1
    assert rows[-1]["quarter"].count("-Q") == 1
