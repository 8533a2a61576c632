"""Who may open the indicator pages and call the indicators API."""

from typing import Any

from django.urls import reverse

from gezondewijk.indicators.models import ComputeRun
from gezondewijk.permissions.roles import Role
from tests.access import (
    ANONYMOUS,
    COORDINATOR_ELSEWHERE,
    COORDINATOR_HERE,
    KEY_ALL_SCOPES,
    KEY_NO_SCOPES,
    REDIRECT_TO_LOGIN,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
    only,
    wijk_page,
)

STAFF = [
    Role.COORDINATOR.value,
    Role.PROFESSIONAL.value,
    Role.FUNDER.value,
    Role.RESEARCHER.value,
    Role.REGION_ADMIN.value,
]
STAFF_PAGE = only(STAFF, 200, 403, REDIRECT_TO_LOGIN)
MANAGERS = [Role.COORDINATOR.value, Role.REGION_ADMIN.value]
# An organisation's system reads the (suppressed) values with the indicators:read scope.
STAFF_API = Expect(
    403, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 200), (KEY_NO_SCOPES, 403), *((r, 200) for r in STAFF))
)


def _wijk(name: str) -> Any:
    return lambda world: reverse(name, args=[world.wijk.code])


PAGES = {
    "indicators:map": Page(STAFF_PAGE),
    "indicators:side_by_side": Page(STAFF_PAGE),
    "indicators:wijk": Page(STAFF_PAGE, url=_wijk("indicators:wijk")),
    "indicators:main_goal": Page(
        only(MANAGERS, 302, 403, REDIRECT_TO_LOGIN),
        method="POST",
        url=_wijk("indicators:main_goal"),
        body=lambda w: {"goal": "thuis"},
    ),
    "indicators:report": Page(STAFF_PAGE, url=_wijk("indicators:report")),
    # Recomputing replaces every value: the region's set-up work.
    "indicators:compute": Page(only([Role.REGION_ADMIN.value], 200, 403, REDIRECT_TO_LOGIN)),
    "indicators:compute_run": Page(
        only([Role.REGION_ADMIN.value], 200, 403, REDIRECT_TO_LOGIN),
        url=lambda w: reverse("indicators:compute_run", args=[ComputeRun.objects.create().pk]),
    ),
    "indicators:report_pdf": Page(STAFF_PAGE, url=_wijk("indicators:report_pdf")),
}

ENDPOINTS = {
    ("GET", "/api/v1/indicators/definitions"): Endpoint(STAFF_API),
    ("GET", "/api/v1/indicators/values"): Endpoint(
        STAFF_API, url=lambda w: "/api/v1/indicators/values?indicator=cbs-65-plus"
    ),
    ("GET", "/api/v1/indicators/wijken/{code}/benchmark"): Endpoint(
        STAFF_API, url=lambda w: f"/api/v1/indicators/wijken/{w.wijk.code}/benchmark"
    ),
}

# Indicator values are suppressed aggregates: the people who plan, fund and measure compare
# every wijk with its peers (VIEW_INDICATORS is not scoped). A wijk's main goal is its own.
OBJECTS = {
    "coordinator chooses the main goal of another wijk": ObjectCheck(
        COORDINATOR_HERE,
        COORDINATOR_ELSEWHERE,
        302,
        403,
        method="POST",
        url=wijk_page("indicators:main_goal"),
        body=lambda w: {"goal": "zorg"},
    ),
}
SHARED_BY_DESIGN = ""
