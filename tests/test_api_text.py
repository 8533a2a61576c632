"""NUL characters are invalid input for the API: PostgreSQL cannot hold or compare them."""

import pytest
from django.test import Client

from tests.conftest import World


@pytest.fixture
def coordinator(world: World) -> Client:
    client = Client()
    client.force_login(world.coordinator)
    return client


def test_a_nul_in_a_json_body_cannot_be_read(coordinator: Client) -> None:
    response = coordinator.post(
        "/api/v1/checks/panel/surveys",
        data='{"title": "Enquête", "wijk": "WK90\\u00000101"}',
        content_type="application/json",
    )
    # The parser refuses it, and the API answers as for any body it cannot read.
    assert response.status_code == 400
    assert response.json()["detail"] == "Cannot parse request body"


def test_a_nul_in_a_query_string_is_invalid_input(coordinator: Client) -> None:
    response = coordinator.get("/api/v1/indicators/values", {"indicator": "ggd\x00lonely"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query"]


def test_a_nul_in_a_path_is_invalid_input(coordinator: Client, world: World) -> None:
    response = coordinator.get("/api/v1/indicators/wijken/WK90%0001/benchmark")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path"]


def test_text_without_nul_still_gets_through(coordinator: Client, world: World) -> None:
    response = coordinator.get(f"/api/v1/indicators/wijken/{world.wijk.code}/benchmark")
    assert response.status_code == 200
