"""Every role against every page and API endpoint that exists.

The matrix below is the specification. A page or endpoint without an entry makes
`test_every_page_and_endpoint_has_an_entry` fail, so nothing new ships unchecked.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from gezondewijk.api import api
from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope, Role
from tests import factories
from tests.conftest import World

ANONYMOUS = "anonymous"
KEY_ALL_SCOPES = "api-key:all-scopes"
KEY_NO_SCOPES = "api-key:no-scopes"
ROLES = [r.value for r in Role]
PEOPLE = [ANONYMOUS, *ROLES]
CALLERS = [*PEOPLE, KEY_ALL_SCOPES, KEY_NO_SCOPES]

# Django's own admin pages and the language switch sit behind these prefixes; the admin is
# covered through its index page.
NOT_OURS = ("admin", "set_language")


@dataclass(frozen=True)
class Expect:
    """Expected status per caller; `default` for callers not named."""

    default: int
    by_caller: tuple[tuple[str, int], ...] = ()

    def status_for(self, caller: str) -> int:
        return dict(self.by_caller).get(caller, self.default)


def _only(allowed: list[str], ok: int, denied: int, anon: int) -> Expect:
    return Expect(denied, ((ANONYMOUS, anon), *((r, ok) for r in allowed)))


LOGGED_IN = 200
REDIRECT_TO_LOGIN = 302
MANAGERS = [Role.COORDINATOR.value, Role.REGION_ADMIN.value]

PAGES: dict[str, tuple[str, Expect]] = {
    # name: (method, expectation)
    "home": ("GET", Expect(200)),
    "login": ("GET", Expect(302, ((ANONYMOUS, 200),))),  # logged-in people go straight home
    "logout": ("POST", Expect(302)),
    "places:wijk_list": ("GET", Expect(LOGGED_IN, ((ANONYMOUS, REDIRECT_TO_LOGIN),))),
    "places:wijk_detail": ("GET", Expect(LOGGED_IN, ((ANONYMOUS, REDIRECT_TO_LOGIN),))),
    "places:location_create": ("GET", _only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN)),
    "privacy:my_data": ("GET", Expect(LOGGED_IN, ((ANONYMOUS, REDIRECT_TO_LOGIN),))),
    "privacy:export": ("GET", Expect(LOGGED_IN, ((ANONYMOUS, REDIRECT_TO_LOGIN),))),
    "privacy:erase": ("GET", Expect(LOGGED_IN, ((ANONYMOUS, REDIRECT_TO_LOGIN),))),
    "privacy:consent": ("POST", Expect(302)),
    "admin:index": ("GET", _only([Role.REGION_ADMIN.value], 200, 302, 302)),
    "api-1:openapi-json": ("GET", Expect(200)),
    "api-1:openapi-view": ("GET", Expect(200)),
}

READ = Expect(200, ((ANONYMOUS, 401), (KEY_NO_SCOPES, 403)))
ENDPOINTS: dict[tuple[str, str], Expect] = {
    ("GET", "/api/v1/gemeenten"): READ,
    ("GET", "/api/v1/gemeenten/{code}"): READ,
    ("GET", "/api/v1/wijken"): READ,
    ("GET", "/api/v1/wijken/{code}"): READ,
    ("GET", "/api/v1/buurten"): READ,
    ("GET", "/api/v1/buurten/{code}"): READ,
    ("GET", "/api/v1/locations"): READ,
    ("GET", "/api/v1/locations/{location_id}"): READ,
    ("POST", "/api/v1/locations"): Expect(
        403, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 201), *((r, 201) for r in MANAGERS))
    ),
    ("PATCH", "/api/v1/locations/{location_id}"): Expect(
        403, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 200), *((r, 200) for r in MANAGERS))
    ),
    ("GET", "/api/v1/organisations"): READ,
    ("GET", "/api/v1/organisations/{organisation_id}"): READ,
    # A key speaks for an organisation's system, not for a person with data of their own.
    ("GET", "/api/v1/me/export"): Expect(
        200, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 403), (KEY_NO_SCOPES, 403))
    ),
}


def _page_names(resolver: URLResolver, prefix: str = "") -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _page_names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}"


def _our_pages() -> set[str]:
    names = set(_page_names(get_resolver()))
    ours = {n for n in names if not n.startswith(NOT_OURS)}
    # API endpoints are checked by method and path below; the API's docs pages count as pages.
    return {n for n in ours if not n.startswith("api-1:") or "openapi" in n}


def _our_endpoints() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
    }


def test_every_page_and_endpoint_has_an_entry() -> None:
    assert _our_pages() - {"admin:index"} == set(PAGES) - {"admin:index"}
    assert _our_endpoints() == set(ENDPOINTS)


# -- callers ------------------------------------------------------------------------------


@pytest.fixture
def client_for(world: World) -> Callable[[str], Client]:
    def make(caller: str) -> Client:
        if caller == ANONYMOUS:
            return Client()
        if caller.startswith("api-key:"):
            organisation = factories.OrganisationFactory(gemeente=world.gemeente)
            scopes = list(ApiScope) if caller == KEY_ALL_SCOPES else []
            _, raw = people_services.api_key_create(
                organisation=organisation, name="systeem", scopes=scopes
            )
            return Client(headers={"X-API-Key": raw})
        role = Role(caller)
        user = factories.user_with_role(role, world.region)
        if role == Role.RESIDENT:
            factories.ResidentProfileFactory(user=user, buurt=world.buurt)
        client = Client()
        client.force_login(user)
        return client

    return make


def _page_url(name: str, world: World) -> str:
    from django.urls import reverse

    if name in {"places:wijk_detail", "places:location_create"}:
        return reverse(name, args=[world.wijk.code])
    return reverse(name)


def _endpoint_request(method: str, path: str, world: World) -> tuple[str, dict[str, Any]]:
    location = factories.StrategicLocationFactory(buurt=world.buurt)
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    url = (
        path.replace("{location_id}", str(location.pk))
        .replace("{organisation_id}", str(organisation.pk))
        .replace("gemeenten/{code}", f"gemeenten/{world.gemeente.code}")
        .replace("wijken/{code}", f"wijken/{world.wijk.code}")
        .replace("buurten/{code}", f"buurten/{world.buurt.code}")
    )
    body: dict[str, Any] = {}
    if method == "POST":
        body = {
            "name": "Moskee Al Fath",
            "kind": "moskee",
            "buurt": world.buurt.code,
            "latitude": "52.1",
            "longitude": "5.1",
        }
    elif method == "PATCH":
        body = {"address": "Kerkstraat 1"}
    return url, body


@pytest.mark.parametrize("caller", PEOPLE)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access(
    name: str, caller: str, world: World, client_for: Callable[[str], Client]
) -> None:
    method, expect = PAGES[name]
    client = client_for(caller)
    url = _page_url(name, world)
    response = client.post(url) if method == "POST" else client.get(url)
    assert response.status_code == expect.status_for(caller), (name, caller)
    if caller == ANONYMOUS and response.status_code == 302 and name != "logout":
        assert "login" in response["Location"] or "inloggen" in response["Location"]


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path"), sorted(ENDPOINTS))
def test_endpoint_access(
    method: str, path: str, caller: str, world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for(caller)
    url, body = _endpoint_request(method, path, world)
    response = client.generic(method, url, data=json.dumps(body), content_type="application/json")
    expected = ENDPOINTS[(method, path)].status_for(caller)
    assert response.status_code == expected, (method, path, caller, response.content[:300])
