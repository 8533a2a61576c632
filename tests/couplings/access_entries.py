"""Who may use the couplings: staff take the social map along, the region administrator
imports it; webhooks belong to an organisation's system (an API key), never to a person."""

from typing import Any

from django.urls import reverse

from gezondewijk.couplings import webhooks
from gezondewijk.permissions.roles import Role
from tests.access import (
    ANONYMOUS,
    KEY_ALL_SCOPES,
    KEY_NO_SCOPES,
    KEY_OTHER_ORGANISATION,
    KEY_OWN,
    REDIRECT_TO_LOGIN,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
    only,
    own_organisation,
)
from tests.conftest import World
from tests.factories import OrganisationFactory

STAFF = [
    r.value
    for r in (Role.COORDINATOR, Role.PROFESSIONAL, Role.FUNDER, Role.RESEARCHER, Role.REGION_ADMIN)
]


def _api(ok: int, people: list[str]) -> Expect:
    """`ok` for a key with every scope and for `people`; 401 for a visitor; 403 otherwise."""
    return Expect(
        403,
        ((ANONYMOUS, 401), (KEY_NO_SCOPES, 403), (KEY_ALL_SCOPES, ok), *((p, ok) for p in people)),
    )


def _someone_elses_subscription(world: World) -> int:
    organisation = OrganisationFactory(gemeente=world.gemeente)
    return webhooks.subscription_create(
        organisation=organisation, url="https://example.org/hook", events=["survey.opened"]
    ).pk


def _subscribe_body(world: World) -> dict[str, Any]:
    return {"url": "https://example.org/hook", "events": ["initiative.started"]}


PAGES = {
    "couplings:docs": Page(Expect(200)),
    "couplings:socialmap": Page(only(STAFF, 200, 403, REDIRECT_TO_LOGIN)),
    "couplings:socialmap_download": Page(
        only(STAFF, 200, 403, REDIRECT_TO_LOGIN),
        url=lambda w: reverse("couplings:socialmap_download", args=["xlsx"]),
    ),
}

ENDPOINTS = {
    ("GET", "/api/v1/couplings/socialmap"): Endpoint(_api(200, STAFF)),
    # An empty body is no file: refused with 422 once the caller may import at all.
    ("POST", "/api/v1/couplings/socialmap"): Endpoint(_api(422, [Role.REGION_ADMIN.value])),
    ("GET", "/api/v1/couplings/webhooks"): Endpoint(_api(200, [])),
    ("POST", "/api/v1/couplings/webhooks"): Endpoint(_api(201, []), body=_subscribe_body),
    # Another organisation's subscription does not exist for this key.
    ("DELETE", "/api/v1/couplings/webhooks/{pk}"): Endpoint(
        _api(404, []),
        url=lambda w: f"/api/v1/couplings/webhooks/{_someone_elses_subscription(w)}",
    ),
    ("GET", "/api/v1/couplings/webhooks/{pk}/deliveries"): Endpoint(
        _api(404, []),
        url=lambda w: f"/api/v1/couplings/webhooks/{_someone_elses_subscription(w)}/deliveries",
    ),
}


def _own_subscription(world: World) -> int:
    return webhooks.subscription_create(
        organisation=own_organisation(world),
        url="https://example.org/hook",
        events=["survey.opened"],
    ).pk


# A subscription belongs to the organisation whose key made it.
OBJECTS = {
    "key reads the deliveries of another organisation's webhook": ObjectCheck(
        KEY_OWN,
        KEY_OTHER_ORGANISATION,
        200,
        404,
        url=lambda w: f"/api/v1/couplings/webhooks/{_own_subscription(w)}/deliveries",
    ),
    "key deletes another organisation's webhook": ObjectCheck(
        KEY_OWN,
        KEY_OTHER_ORGANISATION,
        204,
        404,
        method="DELETE",
        url=lambda w: f"/api/v1/couplings/webhooks/{_own_subscription(w)}",
    ),
}
SHARED_BY_DESIGN = ""
