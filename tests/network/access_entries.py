"""Who may open "mijn wijk", the wijk network page and the network API."""

from typing import Any

from django.urls import reverse

from gezondewijk.network.models import NetworkRun, TargetType, Tie
from gezondewijk.permissions.roles import Role
from tests.access import (
    ANONYMOUS,
    COORDINATOR_ELSEWHERE,
    COORDINATOR_HERE,
    KEY_ALL_SCOPES,
    KEY_NO_SCOPES,
    KEY_OTHER_GEMEENTE,
    KEY_OWN,
    REDIRECT_TO_LOGIN,
    RESIDENT_OTHER,
    RESIDENT_SELF,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
    only,
)
from tests.conftest import World

RESIDENTS = [Role.RESIDENT.value]
AGGREGATE_VIEWERS = [Role.COORDINATOR.value, Role.RESEARCHER.value, Role.REGION_ADMIN.value]
REFRESHERS = [Role.COORDINATOR.value, Role.REGION_ADMIN.value]


def _world_resident_tie(world: World) -> Tie:
    """A tie of the world's resident: the caller (another person) never owns it."""
    return Tie.objects.create(
        owner=world.resident,
        target_type=TargetType.CONTACT,
        contact_label="oom Kees",
        kind="familie",
    )


def _run(world: World) -> NetworkRun:
    return NetworkRun.objects.create(region=world.region)


def _wijk(name: str) -> Any:
    return lambda world: reverse(name, args=[world.wijk.code])


# Nobody but the owner reaches a tie: another resident gets 404 as if it did not exist; other
# roles keep no network at all.
OTHERS_TIE = Expect(403, ((ANONYMOUS, REDIRECT_TO_LOGIN), *((r, 404) for r in RESIDENTS)))
OWN_ONLY_API = Expect(403, ((ANONYMOUS, 401), *((r, 200) for r in RESIDENTS)))

PAGES = {
    "network:mijn_wijk": Page(only(RESIDENTS, 200, 403, REDIRECT_TO_LOGIN)),
    "network:choices": Page(only(RESIDENTS, 302, 403, REDIRECT_TO_LOGIN), method="POST"),
    "network:tie_edit": Page(
        OTHERS_TIE,
        url=lambda w: reverse("network:tie_edit", args=[_world_resident_tie(w).pk]),
    ),
    "network:tie_delete": Page(
        OTHERS_TIE,
        method="POST",
        url=lambda w: reverse("network:tie_delete", args=[_world_resident_tie(w).pk]),
    ),
    "network:tie_answer": Page(
        OTHERS_TIE,
        method="POST",
        url=lambda w: reverse("network:tie_answer", args=[_world_resident_tie(w).pk]),
    ),
    "network:wijk_network": Page(
        only(AGGREGATE_VIEWERS, 200, 403, REDIRECT_TO_LOGIN), url=_wijk("network:wijk_network")
    ),
    "network:run_start": Page(
        Expect(
            403,
            (
                (ANONYMOUS, REDIRECT_TO_LOGIN),
                (Role.RESEARCHER.value, 403),
                *((r, 200) for r in REFRESHERS),
            ),
        ),
        method="POST",
        url=_wijk("network:run_start"),
    ),
    "network:run_progress": Page(
        only(AGGREGATE_VIEWERS, 200, 403, REDIRECT_TO_LOGIN),
        url=lambda w: reverse("network:run_progress", args=[w.wijk.code, _run(w).pk]),
    ),
}

ENDPOINTS = {
    ("GET", "/api/v1/network/ties"): Endpoint(OWN_ONLY_API),
    ("POST", "/api/v1/network/ties"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), *((r, 201) for r in RESIDENTS))),
        body=lambda w: {"target_type": "contact", "contact_label": "tante Mien"},
    ),
    ("PATCH", "/api/v1/network/ties/{tie_id}"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), *((r, 404) for r in RESIDENTS))),
        url=lambda w: f"/api/v1/network/ties/{_world_resident_tie(w).pk}",
        body=lambda w: {"strength": 3},
    ),
    ("DELETE", "/api/v1/network/ties/{tie_id}"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), *((r, 404) for r in RESIDENTS))),
        url=lambda w: f"/api/v1/network/ties/{_world_resident_tie(w).pk}",
    ),
    ("POST", "/api/v1/network/ties/{tie_id}/confirm"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), *((r, 404) for r in RESIDENTS))),
        url=lambda w: f"/api/v1/network/ties/{_world_resident_tie(w).pk}/confirm",
    ),
    ("GET", "/api/v1/network/wijken/{code}"): Endpoint(
        Expect(
            403,
            (
                (ANONYMOUS, 401),
                (KEY_ALL_SCOPES, 200),
                (KEY_NO_SCOPES, 403),
                *((r, 200) for r in AGGREGATE_VIEWERS),
            ),
        ),
        url=lambda w: f"/api/v1/network/wijken/{w.wijk.code}",
    ),
}


# Outside their wijk (or gemeente, for a key) a caller learns nothing: 404, as if absent.
OBJECTS = {
    "coordinator opens the network of another wijk": ObjectCheck(
        COORDINATOR_HERE, COORDINATOR_ELSEWHERE, 200, 404, url=_wijk("network:wijk_network")
    ),
    "key reads the network figures of another gemeente": ObjectCheck(
        KEY_OWN,
        KEY_OTHER_GEMEENTE,
        200,
        404,
        url=lambda w: f"/api/v1/network/wijken/{w.wijk.code}",
    ),
    "coordinator reads the network figures of another wijk": ObjectCheck(
        COORDINATOR_HERE,
        COORDINATOR_ELSEWHERE,
        200,
        404,
        url=lambda w: f"/api/v1/network/wijken/{w.wijk.code}",
    ),
    "resident opens another resident's tie": ObjectCheck(
        RESIDENT_SELF,
        RESIDENT_OTHER,
        200,
        404,
        url=lambda w: reverse("network:tie_edit", args=[_world_resident_tie(w).pk]),
    ),
    "resident changes another resident's tie": ObjectCheck(
        RESIDENT_SELF,
        RESIDENT_OTHER,
        200,
        404,
        method="PATCH",
        url=lambda w: f"/api/v1/network/ties/{_world_resident_tie(w).pk}",
        body=lambda w: {"strength": 3},
    ),
    "resident deletes another resident's tie": ObjectCheck(
        RESIDENT_SELF,
        RESIDENT_OTHER,
        204,
        404,
        method="DELETE",
        url=lambda w: f"/api/v1/network/ties/{_world_resident_tie(w).pk}",
    ),
}
SHARED_BY_DESIGN = ""
