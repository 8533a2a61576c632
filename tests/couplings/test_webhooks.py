"""Webhook delivery against a real HTTP receiver on 127.0.0.1, through the task queue and a
real database worker: signed, retried with back-off, and nothing lost while it is down."""

from __future__ import annotations

import itertools
import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from gezondewijk.checks import services as checks
from gezondewijk.checks.models import PanelSurvey, Questionnaire
from gezondewijk.couplings import signing, webhooks
from gezondewijk.couplings.models import DeliveryStatus, Event, WebhookDelivery
from gezondewijk.initiatives import services as initiatives
from tests import factories
from tests.conftest import World
from tests.couplings import receiver as http_receiver
from tests.couplings.activities import activities_import
from tests.plein.factories import mosque, theme

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def receiver() -> Iterator[http_receiver.Receiver]:
    running = http_receiver.start()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def _short_backoff(settings: Any) -> None:
    # The real base is 30 s; the doubling is what is tested, not the wait.
    settings.GEZONDEWIJK_WEBHOOK_BACKOFF_S = 0.2
    # The receiver listens on loopback, which webhooks may reach only when allowed.
    settings.GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]


def _work() -> None:
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def _work_until_delivered(delivery: WebhookDelivery, rounds: int = 12) -> None:
    for _ in range(rounds):
        _work()
        delivery.refresh_from_db()
        if delivery.status == DeliveryStatus.DELIVERED:
            return
        time.sleep(max(0.0, (delivery.next_attempt_at - timezone.now()).total_seconds()) + 0.05)


def _subscribe(world: World, url: str, *events: Event) -> Any:
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    return webhooks.subscription_create(
        organisation=organisation, url=url, events=events or list(Event)
    )


def test_a_started_initiative_reaches_the_receiver_signed(
    world: World, receiver: http_receiver.Receiver
) -> None:
    subscription = _subscribe(world, receiver.url, Event.INITIATIVE_STARTED)
    initiatives.initiative_create(
        lead=world.resident,
        name="Ommetje Oost",
        description="Samen lopen.",
        themes=[theme()],
        wijken=[world.wijk],
    )
    delivery = WebhookDelivery.objects.get()

    _work()

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    (arrived,) = receiver.received
    header = arrived.headers[signing.HEADER]
    assert signing.verify(subscription.secret, header, arrived.body)
    assert not signing.verify("another secret", header, arrived.body)
    assert not signing.verify(subscription.secret, header, arrived.body + b" ")
    payload = json.loads(arrived.body)
    assert payload["type"] == "initiative.started"
    assert payload["data"]["name"] == "Ommetje Oost"
    assert payload["data"]["wijken"] == [world.wijk.code]
    assert arrived.headers["X-GezondeWijk-Event"] == "initiative.started"
    assert delivery.log.get().status_code == 204


def test_an_old_signature_is_refused_by_the_documented_check() -> None:
    body = b'{"a":1}'
    old = signing.header_value("s", body, timestamp=int(time.time()) - 3600)
    assert not signing.verify("s", old, body)
    assert signing.verify("s", signing.header_value("s", body), body)


def test_a_failing_receiver_gets_retries_with_growing_waits(
    world: World, receiver: http_receiver.Receiver
) -> None:
    _subscribe(world, receiver.url, Event.ACTIVITY_PLANNED)
    organisation, place = mosque(world.buurt)
    receiver.failures_left = 3
    activities_import(organisation, place, "al-fath-wandelen")
    delivery = WebhookDelivery.objects.get()

    _work_until_delivered(delivery)

    assert delivery.status == DeliveryStatus.DELIVERED
    assert receiver.refused == 3
    assert len(receiver.received) == 1
    log = list(delivery.log.all())
    assert [a.status_code for a in log] == [503, 503, 503, 204]
    gaps = [(b.at - a.at).total_seconds() for a, b in itertools.pairwise(log)]
    assert gaps[0] >= 0.2
    assert gaps[1] >= 0.4
    assert gaps[2] >= 0.8


def test_backoff_doubles_up_to_its_ceiling(settings: Any) -> None:
    settings.GEZONDEWIJK_WEBHOOK_BACKOFF_S = 30
    settings.GEZONDEWIJK_WEBHOOK_BACKOFF_MAX_S = 3600
    waits = [webhooks.backoff(n).total_seconds() for n in range(1, 10)]
    assert waits[:4] == [30, 60, 120, 240]
    assert waits[-1] == 3600


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_nothing_is_lost_while_the_receiver_is_down(world: World) -> None:
    port = _free_port()
    _subscribe(world, f"http://127.0.0.1:{port}/hook")
    # Three events while nobody listens on the port.
    initiatives.initiative_create(
        lead=world.resident,
        name="Buurtmoestuin",
        description="Tuinieren.",
        themes=[theme()],
        wijken=[world.wijk],
    )
    organisation, place = mosque(world.buurt)
    activities_import(organisation, place, "al-fath-wandelen")
    survey = PanelSurvey.objects.create(
        questionnaire=_questionnaire(),
        region=world.region,
        wijk=world.wijk,
        title="Hoe gaat het?",
    )
    checks.panel_survey_open(actor=world.coordinator, survey=survey)
    _work()
    assert WebhookDelivery.objects.count() == 3
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
    assert all(d.log.get().status_code is None for d in WebhookDelivery.objects.all())

    # The receiver comes back on the same port; the queued retries reach it.
    back = http_receiver.start(port)
    try:
        for delivery in WebhookDelivery.objects.all():
            _work_until_delivered(delivery)
        assert sorted(json.loads(r.body)["type"] for r in back.received) == [
            "activity.planned",
            "initiative.started",
            "survey.opened",
        ]
    finally:
        back.stop()
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.DELIVERED
    }


def test_pending_deliveries_survive_a_flushed_queue(
    world: World, receiver: http_receiver.Receiver
) -> None:
    from django_tasks_db.models import DBTaskResult

    _subscribe(world, receiver.url, Event.ACTIVITY_PLANNED)
    organisation, place = mosque(world.buurt)
    activities_import(organisation, place, "al-fath-wandelen")
    DBTaskResult.objects.all().delete()  # the queue is lost; the delivery row is not

    _work()
    assert receiver.received == []
    call_command("webhooks_retry", verbosity=0)
    _work()

    assert len(receiver.received) == 1
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED


def test_only_subscriptions_in_the_events_gemeente_and_for_that_event_receive_it(
    world: World, receiver: http_receiver.Receiver
) -> None:
    _subscribe(world, receiver.url, Event.SURVEY_OPENED)  # another event
    elsewhere = factories.GemeenteFactory(code="GM9002", region=world.region)
    webhooks.subscription_create(
        organisation=factories.OrganisationFactory(gemeente=elsewhere),
        url=receiver.url,
        events=[Event.ACTIVITY_PLANNED],
    )
    organisation, place = mosque(world.buurt)
    activities_import(organisation, place, "al-fath-wandelen")
    assert WebhookDelivery.objects.count() == 0
    # The same activity does reach a subscription for it in its own gemeente.
    _subscribe(world, receiver.url, Event.ACTIVITY_PLANNED)
    activities_import(organisation, place, "al-fath-koffie")
    assert WebhookDelivery.objects.count() == 1


def test_an_unknown_event_is_refused(world: World) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        webhooks.subscription_create(
            organisation=factories.OrganisationFactory(gemeente=world.gemeente),
            url="https://example.org/hook",
            events=["initiative.exploded"],
        )
    assert "events" in error.value.message_dict


def test_indicator_recomputation_publishes_an_update(
    world: World, receiver: http_receiver.Receiver
) -> None:
    from gezondewijk.indicators.models import ComputeRun
    from gezondewijk.indicators.tasks import recompute_indicators

    _subscribe(world, receiver.url, Event.INDICATORS_UPDATED)
    run = ComputeRun.objects.create()
    recompute_indicators.enqueue(run.pk)
    _work()  # computes, then publishes
    _work()  # delivers
    (arrived,) = receiver.received
    payload = json.loads(arrived.body)
    assert payload["type"] == "indicators.updated"
    assert payload["data"]["run"] == run.pk


def _questionnaire() -> Questionnaire:
    from gezondewijk.checks.models import QuestionnaireKind

    return Questionnaire.objects.create(
        url="urn:test:panel",
        version="1",
        title="Buurtpanel",
        kind=QuestionnaireKind.values[-1],
        resource={"resourceType": "Questionnaire", "status": "active", "item": []},
    )
