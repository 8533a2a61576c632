"""Who may open their own data pages: everyone logged in, each for themselves only."""

from tests.access import (
    ANONYMOUS,
    KEY_ALL_SCOPES,
    KEY_NO_SCOPES,
    LOGGED_IN_PAGE,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
)

PAGES = {
    "privacy:my_data": Page(LOGGED_IN_PAGE),
    "privacy:export": Page(LOGGED_IN_PAGE),
    "privacy:erase": Page(LOGGED_IN_PAGE),
    "privacy:consent": Page(Expect(302), method="POST"),
}

ENDPOINTS = {
    # A key speaks for an organisation's system, not for a person with data of their own.
    ("GET", "/api/v1/me/export"): Endpoint(
        Expect(200, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 403), (KEY_NO_SCOPES, 403)))
    ),
}

OBJECTS: dict[str, ObjectCheck] = {}
SHARED_BY_DESIGN = ""
