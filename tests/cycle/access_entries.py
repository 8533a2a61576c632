"""Who may see the implementation cycle: the people who plan, fund and measure."""

from typing import Any

from django.urls import reverse

from gezondewijk.permissions.roles import Role
from tests.access import (
    ANONYMOUS,
    COORDINATOR_ELSEWHERE,
    COORDINATOR_HERE,
    KEY_ALL_SCOPES,
    REDIRECT_TO_LOGIN,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
    only,
    wijk_page,
)
from tests.conftest import World

STAFF = [
    Role.COORDINATOR.value,
    Role.PROFESSIONAL.value,
    Role.FUNDER.value,
    Role.RESEARCHER.value,
    Role.REGION_ADMIN.value,
]
STAFF_API = Expect(403, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 200), *((r, 200) for r in STAFF)))

PAGES = {
    "cycle:wijk": Page(
        only(STAFF, 200, 403, REDIRECT_TO_LOGIN),
        url=lambda w: reverse("cycle:wijk", args=[w.wijk.code]),
    ),
}

ENDPOINTS = {
    ("GET", "/api/v1/cycle/steps"): Endpoint(STAFF_API),
    ("GET", "/api/v1/cycle/{code}"): Endpoint(
        STAFF_API, url=lambda w: f"/api/v1/cycle/{w.wijk.code}"
    ),
}


def _first_step(world: World) -> dict[str, Any]:
    from gezondewijk.cycle.models import Step

    return {"step": Step.objects.order_by("order").values_list("pk", flat=True).first()}


# Every staff member reads every wijk's cycle; only its own coordinator moves it on.
OBJECTS = {
    "coordinator records a step in another wijk": ObjectCheck(
        COORDINATOR_HERE,
        COORDINATOR_ELSEWHERE,
        302,
        403,
        method="POST",
        url=wijk_page("cycle:wijk"),
        body=_first_step,
    ),
}
SHARED_BY_DESIGN = ""
