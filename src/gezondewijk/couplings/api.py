"""API of the couplings: the social map as CSV/XLSX, and webhook subscriptions with their
delivery log. Webhooks belong to an organisation, so only its system (an API key) uses them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from gezondewijk.couplings import services, socialmap_format, webhooks
from gezondewijk.couplings.models import (
    DeliveryAttempt,
    Event,
    WebhookDelivery,
    WebhookSubscription,
)
from gezondewijk.errors import query_error
from gezondewijk.permissions.api_auth import Caller, require
from gezondewijk.permissions.policy import Permission

router = Router(tags=["couplings"])


class SocialMapImportOut(Schema):
    imported: dict[str, int]


class SubscriptionIn(Schema):
    url: str = Field(..., max_length=500, description="https URL that receives POSTs")
    events: list[Event] = Field(..., min_length=1)


class SubscriptionOut(Schema):
    id: int
    url: str
    events: list[str]
    active: bool
    created_at: datetime


class SubscriptionCreatedOut(SubscriptionOut):
    secret: str = Field(..., description="Shown once: verify each delivery's signature with it")


class AttemptOut(Schema):
    at: datetime
    status_code: int | None
    error: str
    duration_ms: int


class DeliveryOut(Schema):
    id: int
    event: str
    status: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    delivered_at: datetime | None
    log: list[AttemptOut]

    @staticmethod
    def resolve_log(obj: WebhookDelivery) -> list[DeliveryAttempt]:
        return list(obj.log.all())


@router.get("/socialmap", tags=["social map"])
def socialmap_export(
    request: HttpRequest,
    format: Literal["xlsx", "csv"] = "xlsx",
    table: Literal["organisaties", "locaties", "activiteiten"] | None = None,
) -> HttpResponse:
    """The social map of the region as a workbook (three sheets) or one table as CSV."""
    require(request, Permission.VIEW_SOCIAL_MAP)
    if format == "csv" and table is None:  # invalid input: 422 with its field, as documented
        raise query_error(
            "table", "Name the table for CSV: organisaties, locaties or activiteiten.", "missing"
        )
    return services.socialmap_file(format=format, table=table)


@router.post("/socialmap", response=SocialMapImportOut, tags=["social map"])
def socialmap_import(
    request: HttpRequest,
    table: Literal["organisaties", "locaties", "activiteiten"] | None = None,
) -> dict[str, dict[str, int]]:
    """Import a workbook (body: the .xlsx) or one table as CSV (body: the .csv, `table` named).
    All or nothing: 422 names the table, line and column of every problem."""
    caller = require(request, Permission.IMPORT_SOCIAL_MAP)
    tables = socialmap_format.read_upload(request.body, table=table)
    return {"imported": services.socialmap_import(caller=caller, tables=tables)}


def _organisation_of(caller: Caller) -> int:
    if caller.key is None:  # a person (a superuser) has no organisation to subscribe for
        raise HttpError(403, "Webhooks are managed with an organisation's API key.")
    return caller.key.organisation_id


def _subscription(request: HttpRequest, pk: int) -> WebhookSubscription:
    organisation_id = _organisation_of(require(request, Permission.MANAGE_WEBHOOKS))
    found = WebhookSubscription.objects.filter(pk=pk, organisation_id=organisation_id).first()
    if found is None:
        raise HttpError(404, "Not found.")
    return found


@router.get("/webhooks", response=list[SubscriptionOut], tags=["webhooks"])
def subscriptions(request: HttpRequest) -> list[WebhookSubscription]:
    organisation_id = _organisation_of(require(request, Permission.MANAGE_WEBHOOKS))
    return list(WebhookSubscription.objects.filter(organisation_id=organisation_id))


@router.post("/webhooks", response={201: SubscriptionCreatedOut}, tags=["webhooks"])
def subscription_create(
    request: HttpRequest, payload: SubscriptionIn
) -> Status[WebhookSubscription]:
    caller = require(request, Permission.MANAGE_WEBHOOKS)
    _organisation_of(caller)
    assert caller.key is not None
    created = webhooks.subscription_create(
        organisation=caller.key.organisation, url=payload.url, events=payload.events
    )
    return Status(201, created)


@router.delete("/webhooks/{pk}", response={204: None}, tags=["webhooks"])
def subscription_delete(request: HttpRequest, pk: int) -> Status[None]:
    _subscription(request, pk).delete()
    return Status(204, None)


@router.get("/webhooks/{pk}/deliveries", response=list[DeliveryOut], tags=["webhooks"])
def deliveries(request: HttpRequest, pk: int) -> list[WebhookDelivery]:
    """The delivery log of a subscription, newest first (the last 100)."""
    subscription = _subscription(request, pk)
    return list(subscription.deliveries.prefetch_related("log")[:100])
