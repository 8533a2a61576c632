"""Who may call the organisations API and use the admin."""

from gezondewijk.permissions.roles import Role
from tests import factories
from tests.access import API_READ, Endpoint, ObjectCheck, Page, only
from tests.conftest import World


def _organisation_url(world: World) -> str:
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    return f"/api/v1/organisations/{organisation.pk}"


PAGES = {
    # Django's own admin pages are covered through their index page.
    "admin:index": Page(only([Role.REGION_ADMIN.value], 200, 302, 302)),
}

ENDPOINTS = {
    ("GET", "/api/v1/organisations"): Endpoint(API_READ),
    ("GET", "/api/v1/organisations/{organisation_id}"): Endpoint(API_READ, url=_organisation_url),
}

OBJECTS: dict[str, ObjectCheck] = {}
SHARED_BY_DESIGN = (
    "Organisations are public facts of the region: every role and key with the scope may look "
    "any of them up."
)
