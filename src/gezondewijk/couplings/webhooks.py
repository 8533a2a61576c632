"""Outgoing webhooks: publish an event to the subscriptions that want it, deliver, retry.

A delivery is a row before it is a task: if the receiver is down, or the task queue is
flushed, the row stays pending and `webhooks_retry` (or the next back-off) delivers it later.
Nothing is lost: a delivery leaves `pending` only when the receiver answered 2xx.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import time
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gezondewijk.couplings import outbound, signing
from gezondewijk.couplings.models import (
    DeliveryAttempt,
    DeliveryStatus,
    Event,
    WebhookDelivery,
    WebhookSubscription,
)
from gezondewijk.people.models import Organisation

TIMEOUT_S = 10
# While one worker tries a delivery, others leave it alone for this long.
LEASE = dt.timedelta(seconds=TIMEOUT_S * 3)
USER_AGENT = "GezondeWijk-Webhooks/1"


def backoff(attempts: int) -> dt.timedelta:
    """Wait after the `attempts`-th failure: base, 2×base, 4×base, … up to the ceiling."""
    base = float(getattr(settings, "GEZONDEWIJK_WEBHOOK_BACKOFF_S", 30))
    ceiling = float(getattr(settings, "GEZONDEWIJK_WEBHOOK_BACKOFF_MAX_S", 6 * 3600))
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), ceiling))


def subscription_create(
    *, organisation: Organisation, url: str, events: Iterable[str]
) -> WebhookSubscription:
    chosen = sorted(set(events))
    unknown = set(chosen) - set(Event.values)
    if not chosen or unknown:
        raise ValidationError(
            {"events": f"Unknown or no events: {', '.join(sorted(unknown)) or '(none)'}"}
        )
    try:
        outbound.url_check(url)
    except outbound.DestinationRefused as error:
        raise ValidationError({"url": str(error)}) from error
    subscription = WebhookSubscription(
        organisation=organisation, url=url, events=chosen, secret=signing.new_secret()
    )
    subscription.full_clean()
    subscription.save()
    return subscription


def _envelope(event: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "type": event,
        "created_at": timezone.now().isoformat(),
        "data": data,
    }


def event_publish(
    *, event: Event, data: dict[str, Any], gemeente_ids: Iterable[int] | None = None
) -> list[WebhookDelivery]:
    """Queue `event` for every active subscription that asked for it and whose organisation
    lies in one of `gemeente_ids` (None: the event concerns every gemeente)."""
    wanted = WebhookSubscription.objects.filter(active=True).select_related("organisation")
    if gemeente_ids is not None:
        wanted = wanted.filter(organisation__gemeente_id__in=list(gemeente_ids))
    # JSONField containment is not portable to SQLite; the event list is short, filter here.
    subscriptions = [s for s in wanted if event in s.events]
    if not subscriptions:
        return []
    payload = json.loads(json.dumps(_envelope(event, data), cls=DjangoJSONEncoder))
    with transaction.atomic():
        deliveries = WebhookDelivery.objects.bulk_create(
            WebhookDelivery(subscription=s, event=event, payload=payload) for s in subscriptions
        )
        ids = [d.pk for d in deliveries]
        transaction.on_commit(lambda: _enqueue(ids))
    return deliveries


def _enqueue(delivery_ids: list[int], run_after: dt.datetime | None = None) -> None:
    from gezondewijk.couplings.tasks import deliver_webhook

    task = deliver_webhook.using(run_after=run_after) if run_after else deliver_webhook
    for pk in delivery_ids:
        task.enqueue(pk)


def _post(subscription: WebhookSubscription, delivery: WebhookDelivery) -> tuple[int | None, str]:
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-GezondeWijk-Event": delivery.event,
        "X-GezondeWijk-Delivery": str(delivery.payload.get("id", delivery.pk)),
        signing.HEADER: signing.header_value(subscription.secret, body),
    }
    try:
        return outbound.post(subscription.url, body=body, headers=headers, timeout=TIMEOUT_S), ""
    except (OSError, ValueError, http.client.HTTPException) as error:
        # Refused destination, refused connection, time-out, garbled answer: a failed try.
        return None, str(error)[:300]


def delivery_attempt(*, delivery_id: int) -> WebhookDelivery | None:
    """Try one delivery once; on failure schedule the next try after the back-off."""
    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + LEASE)
    if not claimed:  # delivered already, or another worker holds it
        return None
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    started = time.monotonic()
    status_code, error = _post(delivery.subscription, delivery)
    attempt = DeliveryAttempt(
        delivery=delivery,
        status_code=status_code,
        error=error,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    delivery.attempts += 1
    with transaction.atomic():
        attempt.save()
        if attempt.succeeded:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = timezone.now()
        else:
            delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
            retry_at = delivery.next_attempt_at
            transaction.on_commit(lambda: _enqueue([delivery.pk], run_after=retry_at))
        delivery.save(update_fields=["status", "delivered_at", "attempts", "next_attempt_at"])
    return delivery


def deliveries_retry_due() -> int:
    """Queue every pending delivery whose time has come (after a flushed queue or outage)."""
    due = list(
        WebhookDelivery.objects.filter(
            Q(status=DeliveryStatus.PENDING) & Q(next_attempt_at__lte=timezone.now())
        ).values_list("pk", flat=True)
    )
    _enqueue(due)
    return len(due)


def deliveries_forget_delivered(*, older_than: dt.timedelta) -> int:
    """Delete delivered deliveries (with their log) delivered longer than `older_than` ago.

    The log is there to answer "did it arrive?" while somebody still asks; kept for ever it
    only grows. Pending deliveries are never deleted, however old: they are not done yet.
    Returns the number of deliveries deleted.
    """
    cutoff = timezone.now() - older_than
    done = WebhookDelivery.objects.filter(status=DeliveryStatus.DELIVERED, delivered_at__lt=cutoff)
    with transaction.atomic():
        DeliveryAttempt.objects.filter(delivery__in=done).delete()
        deleted, _by_model = done.delete()
    return deleted
