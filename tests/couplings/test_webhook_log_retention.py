"""The delivery log is kept while it is useful: delivered deliveries go after a while, with
their attempts; pending ones stay however old they are."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from gezondewijk.couplings import webhooks
from gezondewijk.couplings.models import (
    DeliveryAttempt,
    DeliveryStatus,
    Event,
    WebhookDelivery,
    WebhookSubscription,
)
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _delivery(subscription: WebhookSubscription, *, age_days: int, delivered: bool) -> int:
    at = timezone.now() - dt.timedelta(days=age_days)
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        event=Event.INITIATIVE_STARTED,
        payload={"age": age_days},
        status=DeliveryStatus.DELIVERED if delivered else DeliveryStatus.PENDING,
        attempts=1,
        created_at=at,
        delivered_at=at if delivered else None,
    )
    DeliveryAttempt.objects.create(delivery=delivery, at=at, status_code=200 if delivered else 503)
    return delivery.pk


@pytest.fixture
def subscription(world: World) -> WebhookSubscription:
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    return webhooks.subscription_create(
        organisation=organisation, url="https://partner.example.org/hook", events=list(Event)
    )


def test_old_delivered_deliveries_go_with_their_log_and_the_rest_stays(
    subscription: WebhookSubscription,
) -> None:
    old_delivered = _delivery(subscription, age_days=120, delivered=True)
    recent_delivered = _delivery(subscription, age_days=10, delivered=True)
    old_pending = _delivery(subscription, age_days=400, delivered=False)

    deleted = webhooks.deliveries_forget_delivered(older_than=dt.timedelta(days=90))

    assert deleted == 1
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {
        recent_delivered,
        old_pending,
    }
    assert not DeliveryAttempt.objects.filter(delivery_id=old_delivered).exists()
    assert DeliveryAttempt.objects.count() == 2


def test_the_command_keeps_the_days_it_is_given(subscription: WebhookSubscription) -> None:
    _delivery(subscription, age_days=40, delivered=True)
    kept = _delivery(subscription, age_days=20, delivered=True)
    out = StringIO()

    call_command("webhooks_prune", "--days", "30", stdout=out)

    assert out.getvalue().strip() == "deleted: 1"
    assert list(WebhookDelivery.objects.values_list("pk", flat=True)) == [kept]


def test_the_command_refuses_a_period_of_no_days(subscription: WebhookSubscription) -> None:
    kept = _delivery(subscription, age_days=5, delivered=True)

    with pytest.raises(CommandError, match="--days"):
        call_command("webhooks_prune", "--days", "0")

    assert list(WebhookDelivery.objects.values_list("pk", flat=True)) == [kept]
