"""Who may open the coordinator dashboard."""

from django.urls import reverse

from tests.access import MANAGERS, REDIRECT_TO_LOGIN, Page, only

PAGES = {
    "dashboard:choose": Page(only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN)),
    "dashboard:wijk": Page(
        only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN),
        url=lambda w: reverse("dashboard:wijk", args=[w.wijk.code]),
    ),
}

ENDPOINTS: dict = {}
