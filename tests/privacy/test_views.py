"""The resident's own data pages: consent, download and erase."""

import json

import pytest
from django.test import Client

from gezondewijk.people.models import User
from gezondewijk.privacy import selectors
from gezondewijk.privacy.models import Purpose
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident_client(world: World) -> Client:
    client = Client()
    client.force_login(world.resident)
    return client


def test_resident_downloads_their_data_as_json(world: World, resident_client: Client) -> None:
    response = resident_client.get("/mijn-gegevens/export.json")

    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["sections"]["people"]["account"]["email"] == world.resident.email


def test_resident_gives_and_withdraws_consent(world: World, resident_client: Client) -> None:
    resident_client.post("/mijn-gegevens/toestemming/", {"purpose": "wijkpanel", "granted": "1"})
    assert selectors.has_consent(user=world.resident, purpose=Purpose.PANEL)

    resident_client.post("/mijn-gegevens/toestemming/", {"purpose": "wijkpanel", "granted": "0"})
    assert not selectors.has_consent(user=world.resident, purpose=Purpose.PANEL)


def test_unknown_consent_purpose_is_refused_with_a_message(resident_client: Client) -> None:
    response = resident_client.post(
        "/mijn-gegevens/toestemming/", {"purpose": "verkopen", "granted": "1"}, follow=True
    )

    assert "Onbekend doel" in response.content.decode()


def test_erase_needs_the_confirmation_word(world: World, resident_client: Client) -> None:
    response = resident_client.post("/mijn-gegevens/wissen/", {"confirm": "ja"})

    assert response.status_code == 200
    assert "WISSEN" in response.content.decode()
    assert User.objects.filter(pk=world.resident.pk).exists()


def test_erase_with_confirmation_removes_the_account(world: World, resident_client: Client) -> None:
    response = resident_client.post("/mijn-gegevens/wissen/", {"confirm": "wissen"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=world.resident.pk).exists()
    assert resident_client.get("/mijn-gegevens/").status_code == 302  # logged out
