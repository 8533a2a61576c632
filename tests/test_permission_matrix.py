"""Every role against every page and API endpoint that exists, and callers against objects.

The entries live beside each app's tests, in `tests/<app>/access_entries.py`; this module
gathers them. A page or endpoint that no app's entries cover makes
`test_every_page_and_endpoint_has_an_entry` fail, so nothing new ships unchecked; an unnamed
URL pattern, which no entry could name, fails it too.

Each app with per-object or per-area data also lists `OBJECTS`: a caller allowed in general
but not on this object (another wijk, another resident, another organisation's key) is
refused, while the insider of the same kind is let in. An app whose parametrised pages show
what everyone of a role may see anyway says so in `SHARED_BY_DESIGN` instead.
"""

import importlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    include,
    path,
    reverse,
)
from django.urls.resolvers import RegexPattern
from ninja import NinjaAPI, Router

from gezondewijk.api import api
from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.access import (
    ANONYMOUS,
    CALLERS,
    COORDINATOR_ELSEWHERE,
    COORDINATOR_HERE,
    KEY_OTHER_GEMEENTE,
    KEY_OTHER_ORGANISATION,
    KEY_OWN,
    PEOPLE,
    REGION_ADMIN_ELSEWHERE,
    REGION_ADMIN_HERE,
    RESIDENT_OTHER,
    RESIDENT_SELF,
    Endpoint,
    ObjectCheck,
    Page,
    own_organisation,
)
from tests.conftest import World

# Django's own admin pages and the language switch sit behind these prefixes; the admin is
# covered through its index page.
NOT_OURS = ("admin", "set_language")


APPS = {
    entries.parent.name: importlib.import_module(f"tests.{entries.parent.name}.access_entries")
    for entries in sorted(Path(__file__).parent.glob("*/access_entries.py"))
}


def _gather() -> tuple[dict[str, Page], dict[tuple[str, str], Endpoint], dict[str, ObjectCheck]]:
    pages: dict[str, Page] = {}
    endpoints: dict[tuple[str, str], Endpoint] = {}
    objects: dict[str, ObjectCheck] = {}
    for app, module in APPS.items():
        assert not set(pages) & set(module.PAGES), f"{app}: page entered twice"
        assert not set(endpoints) & set(module.ENDPOINTS), f"{app}: endpoint twice"
        pages.update(module.PAGES)
        endpoints.update(module.ENDPOINTS)
        checks = getattr(module, "OBJECTS", {})
        objects.update({f"{app}: {name}": check for name, check in checks.items()})
    return pages, endpoints, objects


PAGES, ENDPOINTS, OBJECTS = _gather()


def _page_names(resolver: URLResolver, prefix: str = "", route: str = "") -> Iterator[str]:
    """The full name of every URL pattern; an unnamed one as `<namespace:>unnamed:<route>`."""
    for pattern in resolver.url_patterns:
        here = f"{route}{pattern.pattern}"
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _page_names(pattern, namespace, here)
        elif isinstance(pattern, URLPattern):
            yield f"{prefix}{pattern.name or f'unnamed:{here}'}"


def _our_pages(resolver: URLResolver) -> set[str]:
    names = set(_page_names(resolver))
    ours = {n for n in names if not n.startswith(NOT_OURS)}
    # API endpoints are checked by method and path below; the API's docs pages count as pages.
    return {n for n in ours if not n.startswith("api-1:") or "openapi" in n}


def _our_endpoints(ninja_api: NinjaAPI) -> set[tuple[str, str]]:
    """Every operation of every router, read from the routers themselves so that one left
    out of the OpenAPI document (include_in_schema=False) counts too."""
    prefix = "/api/v1"
    found = set()
    for router_prefix, router in ninja_api._routers:
        for route_path, path_view in router.path_operations.items():
            parts = (p.strip("/") for p in (router_prefix, route_path))
            route = "/" + "/".join(p for p in parts if p)
            for operation in path_view.operations:
                found |= {(method.upper(), f"{prefix}{route}") for method in operation.methods}
    return found


def test_every_page_and_endpoint_has_an_entry() -> None:
    assert _our_pages(get_resolver()) - {"admin:index"} == set(PAGES) - {"admin:index"}
    assert _our_endpoints(api) == set(ENDPOINTS)
    # The document a client reads lists the same operations.
    schema = api.get_openapi_schema()
    documented = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops}
    assert documented == set(ENDPOINTS)


def _page(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def _with(extra: URLPattern | URLResolver) -> URLResolver:
    return URLResolver(RegexPattern(r"^/"), [*get_resolver().url_patterns, extra])


def _app_namespaces() -> list[str]:
    ours = [n for n in get_resolver().namespace_dict if not n.startswith((*NOT_OURS, "api-1"))]
    return [*sorted(ours), ""]  # "": the web app's pages, which have no namespace


@pytest.mark.parametrize("namespace", _app_namespaces())
def test_the_guard_sees_a_new_page_of_every_app(namespace: str) -> None:
    page = path("pagina/", _page, name="nieuw")
    extra = path("nieuw/", include(([page], namespace) if namespace else [page]))
    new = _our_pages(_with(extra)) - _our_pages(get_resolver())
    assert new == {f"{namespace}:nieuw" if namespace else "nieuw"}
    assert not new <= set(PAGES)


def test_the_guard_sees_an_unnamed_page() -> None:
    new = _our_pages(_with(path("naamloos/", _page))) - _our_pages(get_resolver())
    assert new == {"unnamed:naamloos/"}


def test_the_guard_sees_every_operation_even_one_left_out_of_the_document() -> None:
    router = Router()
    router.get("/zichtbaar")(lambda request: {})
    router.post("/verborgen", include_in_schema=False)(lambda request: {})
    fresh = NinjaAPI(urls_namespace="guard-test")
    fresh.add_router("/nieuw", router)
    assert _our_endpoints(fresh) == {
        ("GET", "/api/v1/nieuw/zichtbaar"),
        ("POST", "/api/v1/nieuw/verborgen"),
    }


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


# -- object level -------------------------------------------------------------------------


def _takes_arguments(name: str) -> bool:
    """Whether a page is about one object or area: its URL needs arguments."""
    try:
        reverse(name)
    except NoReverseMatch:
        return True
    return False


def test_every_app_with_objects_checks_them_per_object() -> None:
    for app, module in APPS.items():
        parametrised = [n for n in module.PAGES if _takes_arguments(n)] + [
            path for (_, path) in module.ENDPOINTS if "{" in path
        ]
        if parametrised:
            assert getattr(module, "OBJECTS", None) or getattr(module, "SHARED_BY_DESIGN", ""), (
                f"{app} has pages or endpoints about one object ({parametrised[0]}, ...): "
                "list OBJECTS checks, or say in SHARED_BY_DESIGN why every caller of a role "
                "may see every object"
            )


def _object_client(caller: str, world: World) -> Client:
    if caller.startswith("api-key:"):
        if caller == KEY_OWN:
            organisation = own_organisation(world)
        elif caller == KEY_OTHER_ORGANISATION:
            organisation = factories.OrganisationFactory(gemeente=world.gemeente)
        else:
            assert caller == KEY_OTHER_GEMEENTE, caller
            elsewhere = factories.GemeenteFactory(region=world.region)
            organisation = factories.OrganisationFactory(gemeente=elsewhere)
        _, raw = people_services.api_key_create(
            organisation=organisation, name="systeem", scopes=list(ApiScope)
        )
        return Client(headers={"X-API-Key": raw})
    users = {
        COORDINATOR_HERE: lambda: world.coordinator,
        COORDINATOR_ELSEWHERE: lambda: factories.user_with_role(Role.COORDINATOR, world.other_wijk),
        REGION_ADMIN_HERE: lambda: factories.user_with_role(Role.REGION_ADMIN, world.region),
        REGION_ADMIN_ELSEWHERE: lambda: factories.user_with_role(
            Role.REGION_ADMIN, factories.RegionFactory()
        ),
        RESIDENT_SELF: lambda: world.resident,
        RESIDENT_OTHER: lambda: _other_resident(world),
    }
    client = Client()
    client.force_login(users[caller]())
    return client


def _other_resident(world: World) -> Any:
    user = factories.ResidentProfileFactory(buurt=world.other_buurt).user
    people_services.role_grant(user=user, role=Role.RESIDENT, scope=world.other_wijk)
    return user


def _call(client: Client, check: ObjectCheck, url: str, world: World) -> Any:
    if url.startswith("/api/"):
        body = json.dumps(check.body(world))
        return client.generic(check.method, url, data=body, content_type="application/json")
    if check.method == "GET":
        return client.get(url)
    return client.post(url, data=check.body(world))


@pytest.mark.parametrize("name", sorted(OBJECTS))
def test_object_access(name: str, world: World) -> None:
    check = OBJECTS[name]
    url = check.url(world)
    outsider = _call(_object_client(check.outsider, world), check, url, world)
    assert outsider.status_code == check.refused, (name, check.outsider, outsider.content[:300])
    insider = _call(_object_client(check.insider, world), check, url, world)
    assert insider.status_code == check.ok, (name, check.insider, insider.content[:300])
