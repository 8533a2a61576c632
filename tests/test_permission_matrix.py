"""Every role against every page and API endpoint that exists.

The entries live beside each app's tests, in `tests/<app>/access_entries.py`; this module
gathers them. A page or endpoint that no app's entries cover makes
`test_every_page_and_endpoint_has_an_entry` fail, so nothing new ships unchecked.
"""

import importlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gezondewijk.api import api
from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope, Role
from tests import factories
from tests.access import ANONYMOUS, CALLERS, PEOPLE, Endpoint, Page
from tests.conftest import World

# Django's own admin pages and the language switch sit behind these prefixes; the admin is
# covered through its index page.
NOT_OURS = ("admin", "set_language")


def _gather() -> tuple[dict[str, Page], dict[tuple[str, str], Endpoint]]:
    pages: dict[str, Page] = {}
    endpoints: dict[tuple[str, str], Endpoint] = {}
    for module_file in sorted(Path(__file__).parent.glob("*/access_entries.py")):
        module = importlib.import_module(f"tests.{module_file.parent.name}.access_entries")
        assert not set(pages) & set(module.PAGES), f"{module_file}: page entered twice"
        assert not set(endpoints) & set(module.ENDPOINTS), f"{module_file}: endpoint twice"
        pages.update(module.PAGES)
        endpoints.update(module.ENDPOINTS)
    return pages, endpoints


PAGES, ENDPOINTS = _gather()


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
            scopes = list(ApiScope) if caller.endswith("all-scopes") else []
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


@pytest.mark.parametrize("caller", PEOPLE)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access(
    name: str, caller: str, world: World, client_for: Callable[[str], Client]
) -> None:
    page = PAGES[name]
    client = client_for(caller)
    url = page.url(world) if page.url else reverse(name)
    if page.method == "GET":
        response = client.get(url)
    elif page.method == "POST":
        response = client.post(url, data=page.body(world))
    else:
        response = client.generic(page.method, url, data=json.dumps(page.body(world)))
    assert response.status_code == page.expect.status_for(caller), (name, caller)
    if caller == ANONYMOUS and response.status_code == 302 and name != "logout":
        assert "login" in response["Location"] or "inloggen" in response["Location"]


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path"), sorted(ENDPOINTS))
def test_endpoint_access(
    method: str, path: str, caller: str, world: World, client_for: Callable[[str], Client]
) -> None:
    endpoint = ENDPOINTS[(method, path)]
    client = client_for(caller)
    url = endpoint.url(world) if endpoint.url else path
    body = json.dumps(endpoint.body(world))
    response = client.generic(method, url, data=body, content_type="application/json")
    expected = endpoint.expect.status_for(caller)
    assert response.status_code == expected, (method, path, caller, response.content[:300])
