"""The admin belongs to region administrators; residents' profiles are not in it."""

import pytest
from django.test import Client

from gezondewijk.people.models import ApiKey
from gezondewijk.permissions.roles import Role
from gezondewijk.privacy.models import AccessLog
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(world: World) -> Client:
    client = Client()
    client.force_login(factories.user_with_role(Role.REGION_ADMIN, world.region))
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/beheer/places/wijk/",
        "/beheer/places/buurt/",
        "/beheer/places/strategiclocation/add/",
        "/beheer/people/organisation/",
        "/beheer/people/apikey/add/",
        "/beheer/privacy/accesslog/",
    ],
)
def test_region_admin_manages_the_regions_set_up(admin_client: Client, url: str) -> None:
    assert admin_client.get(url).status_code == 200


def test_residents_profiles_are_not_in_the_admin(admin_client: Client) -> None:
    assert admin_client.get("/beheer/people/residentprofile/").status_code == 404


def test_the_access_log_cannot_be_changed(admin_client: Client, world: World) -> None:
    AccessLog.objects.create(actor=world.coordinator, subject=world.resident, resource="x")
    entry = AccessLog.objects.get()

    assert admin_client.post(f"/beheer/privacy/accesslog/{entry.pk}/delete/").status_code == 403
    assert AccessLog.objects.count() == 1


def test_opening_someones_account_is_logged(admin_client: Client, world: World) -> None:
    admin_client.get(f"/beheer/people/user/{world.resident.pk}/change/")

    entry = AccessLog.objects.get(subject=world.resident)
    assert entry.resource == "account"


def test_coordinator_cannot_use_the_admin(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)

    assert client.get("/beheer/places/wijk/").status_code == 302


def test_a_new_api_key_is_shown_once_and_stored_hashed(admin_client: Client, world: World) -> None:
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)

    response = admin_client.post(
        "/beheer/people/apikey/add/",
        {"organisation": organisation.pk, "name": "Koppeling", "scopes": ["places:read"]},
        follow=True,
    )

    key = ApiKey.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    raw = next(word for m in shown for word in m.split() if word.startswith("gw_"))
    assert key.scopes == ["places:read"]
    assert raw not in key.hashed_key
    assert Client(headers={"X-API-Key": raw}).get("/api/v1/wijken").status_code == 200
