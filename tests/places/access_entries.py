"""Who may open the places pages and call the places API."""

from typing import Any

from django.urls import reverse

from tests import factories
from tests.access import (
    ANONYMOUS,
    API_READ,
    COORDINATOR_ELSEWHERE,
    COORDINATOR_HERE,
    KEY_ALL_SCOPES,
    KEY_OTHER_GEMEENTE,
    KEY_OWN,
    LOGGED_IN_PAGE,
    MANAGERS,
    REDIRECT_TO_LOGIN,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
    only,
    wijk_page,
)
from tests.conftest import World


def _wijk_page(name: str) -> Any:
    return lambda world: reverse(name, args=[world.wijk.code])


def _location_url(world: World) -> str:
    location = factories.StrategicLocationFactory(buurt=world.buurt)
    return f"/api/v1/locations/{location.pk}"


def _new_location(world: World) -> dict[str, Any]:
    return {
        "name": "Moskee Al Fath",
        "kind": "moskee",
        "buurt": world.buurt.code,
        "latitude": "52.1",
        "longitude": "5.1",
    }


def _written_by_managers(ok: int) -> Expect:
    return Expect(403, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, ok), *((r, ok) for r in MANAGERS)))


PAGES = {
    "places:wijk_list": Page(LOGGED_IN_PAGE),
    "places:wijk_detail": Page(LOGGED_IN_PAGE, url=_wijk_page("places:wijk_detail")),
    "places:location_create": Page(
        only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN), url=_wijk_page("places:location_create")
    ),
}

ENDPOINTS = {
    ("GET", "/api/v1/gemeenten"): Endpoint(API_READ),
    ("GET", "/api/v1/gemeenten/{code}"): Endpoint(
        API_READ, url=lambda w: f"/api/v1/gemeenten/{w.gemeente.code}"
    ),
    ("GET", "/api/v1/wijken"): Endpoint(API_READ),
    ("GET", "/api/v1/wijken/{code}"): Endpoint(
        API_READ, url=lambda w: f"/api/v1/wijken/{w.wijk.code}"
    ),
    ("GET", "/api/v1/buurten"): Endpoint(API_READ),
    ("GET", "/api/v1/buurten/{code}"): Endpoint(
        API_READ, url=lambda w: f"/api/v1/buurten/{w.buurt.code}"
    ),
    ("GET", "/api/v1/areas/{code}/key-figures"): Endpoint(
        API_READ, url=lambda w: f"/api/v1/areas/{w.wijk.code}/key-figures"
    ),
    ("GET", "/api/v1/locations"): Endpoint(API_READ),
    ("GET", "/api/v1/locations/{location_id}"): Endpoint(API_READ, url=_location_url),
    ("POST", "/api/v1/locations"): Endpoint(_written_by_managers(201), body=_new_location),
    ("PATCH", "/api/v1/locations/{location_id}"): Endpoint(
        _written_by_managers(200), url=_location_url, body=lambda w: {"address": "Kerkstraat 1"}
    ),
}


# A coordinator manages the vindplaatsen of their own wijk only; an organisation's key
# writes only in its own gemeente. Elsewhere a location is "not found", and a buurt of another
# gemeente is an unknown buurt.
OBJECTS = {
    "coordinator adds a vindplaats in another wijk": ObjectCheck(
        COORDINATOR_HERE, COORDINATOR_ELSEWHERE, 200, 404, url=wijk_page("places:location_create")
    ),
    "coordinator changes a location in another wijk": ObjectCheck(
        COORDINATOR_HERE,
        COORDINATOR_ELSEWHERE,
        200,
        404,
        method="PATCH",
        url=_location_url,
        body=lambda w: {"address": "Kerkstraat 1"},
    ),
    "key changes a location in another gemeente": ObjectCheck(
        KEY_OWN,
        KEY_OTHER_GEMEENTE,
        200,
        404,
        method="PATCH",
        url=_location_url,
        body=lambda w: {"address": "Kerkstraat 1"},
    ),
    "key adds a location in another gemeente": ObjectCheck(
        KEY_OWN,
        KEY_OTHER_GEMEENTE,
        201,
        422,
        method="POST",
        url=lambda w: "/api/v1/locations",
        body=_new_location,
    ),
}
SHARED_BY_DESIGN = ""
