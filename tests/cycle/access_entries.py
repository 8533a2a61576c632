"""Who may see the implementation cycle: the people who plan, fund and measure."""

from django.urls import reverse

from gezondewijk.people.models import Role
from tests.access import ANONYMOUS, KEY_ALL_SCOPES, REDIRECT_TO_LOGIN, Endpoint, Expect, Page, only

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
