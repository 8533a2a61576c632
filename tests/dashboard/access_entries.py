"""Who may open the coordinator dashboard."""

from django.urls import reverse

from tests.access import (
    COORDINATOR_ELSEWHERE,
    COORDINATOR_HERE,
    MANAGERS,
    REDIRECT_TO_LOGIN,
    ObjectCheck,
    Page,
    only,
    wijk_page,
)

PAGES = {
    "dashboard:choose": Page(only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN)),
    "dashboard:wijk": Page(
        only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN),
        url=lambda w: reverse("dashboard:wijk", args=[w.wijk.code]),
    ),
}

ENDPOINTS: dict = {}


OBJECTS = {
    "coordinator opens the dashboard of another wijk": ObjectCheck(
        COORDINATOR_HERE, COORDINATOR_ELSEWHERE, 200, 404, url=wijk_page("dashboard:wijk")
    ),
}
SHARED_BY_DESIGN = ""
