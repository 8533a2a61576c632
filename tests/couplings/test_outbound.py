"""Webhooks cannot be aimed at the platform's own network (server-side request forgery):
refused when the URL names such an address, refused at delivery when the host name leads
there, and never sent on by a redirect. Deliveries go to a real receiver on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from gezondewijk.couplings import outbound, webhooks
from gezondewijk.couplings.models import DeliveryStatus, Event, WebhookSubscription
from gezondewijk.people import services as people
from gezondewijk.people.models import ApiScope
from tests import factories
from tests.conftest import World
from tests.couplings import receiver as http_receiver

pytestmark = pytest.mark.django_db(transaction=True)

INSIDE = [
    "http://127.0.0.1/hook",  # the platform itself
    "http://10.0.0.5/hook",  # the local network
    "http://192.168.1.1/hook",
    "http://169.254.169.254/latest/meta-data/",  # a cloud's metadata service
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",  # loopback written as IPv6
    "http://0.0.0.0/hook",
    "http://100.64.0.1/hook",  # carrier-grade NAT
]


@pytest.fixture
def receiver() -> Iterator[http_receiver.Receiver]:
    running = http_receiver.start()
    yield running
    running.stop()


def _organisation(world: World) -> Any:
    return factories.OrganisationFactory(gemeente=world.gemeente)


def _deliver_once(world: World, url: str) -> Any:
    """An event for one subscription to `url`, and one try at delivering it."""
    webhooks.subscription_create(
        organisation=_organisation(world), url=url, events=[Event.SURVEY_OPENED]
    )
    (delivery,) = webhooks.event_publish(event=Event.SURVEY_OPENED, data={"id": 1})
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    delivery.refresh_from_db()
    return delivery


@pytest.mark.parametrize("url", INSIDE)
def test_a_url_with_an_inside_address_is_refused(world: World, url: str) -> None:
    with pytest.raises(ValidationError) as refused:
        webhooks.subscription_create(
            organisation=_organisation(world), url=url, events=[Event.SURVEY_OPENED]
        )
    assert "url" in refused.value.message_dict
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "https:///hook"])
def test_a_url_that_is_not_http_is_refused(world: World, url: str) -> None:
    with pytest.raises(ValidationError):
        webhooks.subscription_create(
            organisation=_organisation(world), url=url, events=[Event.SURVEY_OPENED]
        )


def test_public_addresses_and_host_names_are_accepted() -> None:
    outbound.url_check("https://93.184.215.14/hook")
    outbound.url_check("https://partner.example.org:8443/hook?x=1")


def test_the_api_names_the_refused_url_and_stores_nothing(world: World) -> None:
    _key, raw = people.api_key_create(
        organisation=_organisation(world), name="systeem", scopes=[ApiScope.WEBHOOKS_MANAGE]
    )
    answer = Client(headers={"X-API-Key": raw}).post(
        "/api/v1/couplings/webhooks",
        {"url": "http://169.254.169.254/latest/meta-data/", "events": ["survey.opened"]},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "169.254.169.254" in answer.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_a_host_name_that_leads_inside_gets_nothing(
    world: World, receiver: http_receiver.Receiver
) -> None:
    port = receiver.server.server_address[1]

    delivery = _deliver_once(world, f"http://localhost:{port}/hook")

    assert receiver.received == []
    assert delivery.status == DeliveryStatus.PENDING
    attempt = delivery.log.get()
    assert attempt.status_code is None
    assert attempt.error.startswith("localhost")  # named, with the address it leads to


def test_an_allowed_network_is_reached_by_host_name(
    world: World, receiver: http_receiver.Receiver, settings: Any
) -> None:
    settings.GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
    port = receiver.server.server_address[1]

    delivery = _deliver_once(world, f"http://localhost:{port}/hook")

    assert delivery.status == DeliveryStatus.DELIVERED
    (arrived,) = receiver.received
    assert arrived.headers["Host"] == f"localhost:{port}"


def test_a_redirect_is_not_followed(world: World, settings: Any) -> None:
    settings.GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    target = http_receiver.start()
    forwarder = http_receiver.start()
    forwarder.redirect_to = target.url
    try:
        delivery = _deliver_once(world, forwarder.url)
    finally:
        forwarder.stop()
        target.stop()

    assert target.received == []
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.log.get().status_code == 302


def test_a_malformed_allowed_network_stops_the_start_with_its_name() -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GEZONDEWIJK_")}
    started = subprocess.run(
        [sys.executable, "-m", "gezondewijk", "check"],
        env={**clean, "GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS": "10.20.0.0/16,10.0.0.0/33"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert started.returncode != 0
    assert "GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/33' is not a network" in started.stderr
