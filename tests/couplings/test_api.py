"""The couplings' API with an organisation's key: subscribe, read the log, exchange the map."""

from __future__ import annotations

import pytest
from django.test import Client

from gezondewijk.couplings.models import DeliveryAttempt, WebhookDelivery, WebhookSubscription
from gezondewijk.people import services as people
from gezondewijk.people.models import ApiScope, Organisation
from tests.conftest import World
from tests.factories import GemeenteFactory, OrganisationFactory
from tests.plein.factories import activity_at, mosque

pytestmark = pytest.mark.django_db

URL = "/api/v1/couplings"


def _client(organisation: Organisation, *scopes: ApiScope) -> Client:
    _, raw = people.api_key_create(organisation=organisation, name="systeem", scopes=list(scopes))
    return Client(headers={"X-API-Key": raw})


def test_an_organisations_system_subscribes_and_reads_its_delivery_log(world: World) -> None:
    organisation = OrganisationFactory(gemeente=world.gemeente)
    client = _client(organisation, ApiScope.WEBHOOKS_MANAGE)

    created = client.post(
        f"{URL}/webhooks",
        {"url": "https://partner.example.org/hook", "events": ["activity.planned"]},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert len(body["secret"]) == 64
    subscription = WebhookSubscription.objects.get(pk=body["id"])
    assert subscription.organisation == organisation

    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="activity.planned", payload={"id": "x"}
    )
    DeliveryAttempt.objects.create(delivery=delivery, status_code=503)
    log = client.get(f"{URL}/webhooks/{subscription.pk}/deliveries").json()
    assert log[0]["status"] == "pending"
    assert log[0]["log"][0]["status_code"] == 503
    assert [s["id"] for s in client.get(f"{URL}/webhooks").json()] == [subscription.pk]
    assert "secret" not in client.get(f"{URL}/webhooks").json()[0]

    assert client.delete(f"{URL}/webhooks/{subscription.pk}").status_code == 204
    assert not WebhookSubscription.objects.exists()


def test_an_unknown_event_is_refused_naming_the_field(world: World) -> None:
    client = _client(OrganisationFactory(gemeente=world.gemeente), ApiScope.WEBHOOKS_MANAGE)
    response = client.post(
        f"{URL}/webhooks",
        {"url": "https://partner.example.org/hook", "events": ["initiative.exploded"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:3] == ["body", "payload", "events"]


def test_the_social_map_round_trips_through_the_api(world: World) -> None:
    organisation, place = mosque(world.buurt)
    activity_at(organisation, place, code="al-fath-wandelen")
    client = _client(organisation, ApiScope.SOCIALMAP_READ, ApiScope.SOCIALMAP_WRITE)

    workbook = client.get(f"{URL}/socialmap").content
    csv = client.get(f"{URL}/socialmap", {"format": "csv", "table": "activiteiten"})
    assert csv["Content-Type"].startswith("text/csv")
    assert b"al-fath-wandelen" in csv.content

    imported = client.post(f"{URL}/socialmap", workbook, content_type="application/octet-stream")
    assert imported.status_code == 200
    assert imported.json()["imported"] == {"organisaties": 1, "locaties": 1, "activiteiten": 1}
    assert client.get(f"{URL}/socialmap").status_code == 200


def test_a_bad_csv_row_answers_422_with_table_line_and_column(world: World) -> None:
    client = _client(OrganisationFactory(gemeente=world.gemeente), ApiScope.SOCIALMAP_WRITE)
    body = "gemeente,naam,type,wijken,website,beschrijving\nGM9001,X,onbekend,,,\n"
    response = client.post(f"{URL}/socialmap?table=organisaties", body, content_type="text/csv")
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["body", "organisaties", 2, "type"]
    assert not Organisation.objects.filter(name="X").exists()


def test_a_key_imports_only_into_its_own_gemeente(world: World) -> None:
    elsewhere = GemeenteFactory(code="GM9002", region=world.region)
    client = _client(OrganisationFactory(gemeente=elsewhere), ApiScope.SOCIALMAP_WRITE)
    body = "gemeente,naam,type,wijken,website,beschrijving\nGM9001,Overname,buurthuis,,,\n"
    response = client.post(f"{URL}/socialmap?table=organisaties", body, content_type="text/csv")
    assert response.status_code == 422
    assert "buiten de gemeente" in response.json()["detail"][0]["msg"]


def test_csv_export_needs_a_table(world: World) -> None:
    client = _client(OrganisationFactory(gemeente=world.gemeente), ApiScope.SOCIALMAP_READ)
    response = client.get(f"{URL}/socialmap", {"format": "csv"})
    assert response.status_code == 422  # invalid input, in the documented shape
    assert response.json()["detail"][0]["loc"] == ["query", "table"]
