"""The places API: keys and scopes, field-level errors, no leaks about other areas."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope
from gezondewijk.places.importers.cbs import import_cbs_file
from gezondewijk.places.models import StrategicLocation
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _key_client(world: World, scopes: list[ApiScope], bearer: bool = False) -> Client:
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    _, raw = people_services.api_key_create(organisation=organisation, name="GGD", scopes=scopes)
    header = {"Authorization": f"Bearer {raw}"} if bearer else {"X-API-Key": raw}
    return Client(headers=header)


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _location(world: World, **overrides: Any) -> dict[str, Any]:
    return {
        "name": "Bibliotheek Centrum",
        "kind": "bibliotheek",
        "buurt": world.buurt.code,
        "latitude": "52.09",
        "longitude": "5.12",
        **overrides,
    }


def test_wijken_come_with_their_key_figures(world: World) -> None:
    client = _key_client(world, [ApiScope.PLACES_READ], bearer=True)

    body = client.get("/api/v1/wijken", {"gemeente": world.gemeente.code}).json()

    assert body["count"] == 2
    first = body["items"][0]
    assert first["code"] == world.wijk.code
    assert first["gemeente"] == world.gemeente.code
    assert first["key_figures"]["inhabitants"] == world.wijk.inhabitants


def test_a_revoked_key_is_refused(world: World) -> None:
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    key, raw = people_services.api_key_create(
        organisation=organisation, name="oud", scopes=[ApiScope.PLACES_READ]
    )
    key.revoked_at = key.created_at
    key.save()

    assert Client(headers={"X-API-Key": raw}).get("/api/v1/wijken").status_code == 401


def test_only_a_hash_of_the_key_is_stored(world: World) -> None:
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    key, raw = people_services.api_key_create(organisation=organisation, name="x", scopes=[])

    assert raw not in key.hashed_key
    assert key.prefix in raw


def test_invalid_location_is_refused_with_field_paths_and_nothing_stored(world: World) -> None:
    client = _key_client(world, [ApiScope.LOCATIONS_WRITE])

    response = _post(client, "/api/v1/locations", _location(world, latitude="95", kind="kasteel"))

    assert response.status_code == 422
    paths = {tuple(e["loc"]) for e in response.json()["detail"]}
    assert ("body", "payload", "latitude") in paths
    assert ("body", "payload", "kind") in paths
    assert not StrategicLocation.objects.exists()


def test_a_duplicate_location_name_in_the_buurt_is_a_field_error(world: World) -> None:
    client = _key_client(world, [ApiScope.LOCATIONS_WRITE])
    assert _post(client, "/api/v1/locations", _location(world)).status_code == 201

    response = _post(client, "/api/v1/locations", _location(world))

    assert response.status_code == 422
    assert StrategicLocation.objects.count() == 1


def test_a_key_cannot_write_outside_its_organisations_gemeente(world: World) -> None:
    foreign_buurt = factories.BuurtFactory()
    client = _key_client(world, [ApiScope.LOCATIONS_WRITE])

    response = _post(client, "/api/v1/locations", _location(world, buurt=foreign_buurt.code))
    unknown = _post(client, "/api/v1/locations", _location(world, buurt="BU99999999"))

    # An existing buurt outside the key's gemeente looks exactly like one that does not exist.
    assert response.status_code == unknown.status_code == 422
    assert response.json() == unknown.json()
    assert not StrategicLocation.objects.exists()


def test_coordinator_of_another_wijk_gets_404_for_a_location_there(world: World) -> None:
    there = factories.StrategicLocationFactory(buurt=world.other_buurt)
    client = Client()
    client.force_login(world.coordinator)

    patch = client.patch(
        f"/api/v1/locations/{there.pk}",
        data=json.dumps({"name": "Overgenomen"}),
        content_type="application/json",
    )
    missing = client.patch(
        "/api/v1/locations/999999",
        data=json.dumps({"name": "Overgenomen"}),
        content_type="application/json",
    )

    assert patch.status_code == missing.status_code == 404
    there.refresh_from_db()
    assert there.name != "Overgenomen"


def test_errors_are_json(world: World) -> None:
    response = Client().get("/api/v1/wijken")

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_openapi_document_describes_every_router() -> None:
    response = Client().get("/api/v1/openapi.json")

    paths = response.json()["paths"]
    assert {"/api/v1/wijken", "/api/v1/locations", "/api/v1/organisations"} <= set(paths)


def test_interactive_docs_are_served_without_a_cdn() -> None:
    html = Client().get("/api/v1/docs").content.decode()

    assert "cdn." not in html
    assert "/static/" in html


@pytest.mark.parametrize(
    ("parameter", "value"), [("limit", 10**24), ("offset", 10**24), ("limit", 1001)]
)
def test_a_limit_or_offset_beyond_the_bounds_is_refused_by_name(
    world: World, parameter: str, value: int
) -> None:
    # Found by the schemathesis fuzz test: limit=10**24 was a server error.
    client = _key_client(world, [ApiScope.PLACES_READ])
    response = client.get("/api/v1/buurten", {parameter: value})
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["query", parameter]]


def test_the_largest_page_is_served(world: World) -> None:
    client = _key_client(world, [ApiScope.PLACES_READ])
    body = client.get("/api/v1/buurten", {"limit": 1000, "offset": 0}).json()
    assert body["count"] == 2


def test_key_figures_come_with_year_source_and_history(world: World, tmp_path: Path) -> None:
    code = world.wijk.code
    for year, inhabitants in ((2023, 690), (2024, 700)):
        path = tmp_path / f"kwb_{year}.csv"
        path.write_text(f"gwb_code_10,regio,recs,a_inw\n{code},Noord,Wijk,{inhabitants}\n")
        import_cbs_file(path=path)
    client = _key_client(world, [ApiScope.PLACES_READ])

    body = client.get(f"/api/v1/areas/{code}/key-figures").json()

    inhabitants = next(item for item in body if item["figure"] == "inhabitants")
    assert inhabitants["newest"] == {"year": 2024, "value": 700.0, "source": "kwb_2024.csv"}
    assert [(h["year"], h["value"]) for h in inhabitants["history"]] == [(2023, 690), (2024, 700)]
    wijk = client.get(f"/api/v1/wijken/{code}").json()
    assert (wijk["division_year"], wijk["historic_since"]) == (2024, None)
    assert client.get("/api/v1/areas/WK999999/key-figures").status_code == 404
