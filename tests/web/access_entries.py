"""The start page, log-in and log-out, and the API's own documentation pages."""

from tests.access import ANONYMOUS, Expect, ObjectCheck, Page

PAGES = {
    "home": Page(Expect(200)),
    "login": Page(Expect(302, ((ANONYMOUS, 200),))),  # logged-in people go straight home
    "logout": Page(Expect(302), method="POST"),
    "api-1:openapi-json": Page(Expect(200)),
    "api-1:openapi-view": Page(Expect(200)),
}

ENDPOINTS: dict = {}

OBJECTS: dict[str, ObjectCheck] = {}
SHARED_BY_DESIGN = ""
