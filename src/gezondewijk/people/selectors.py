"""Reads of the people app."""

from django.db.models import QuerySet

from gezondewijk.people.models import ApiKey, Organisation
from gezondewijk.people.services import hash_api_key


def organisations_list(
    *, type: str | None = None, gemeente_code: str | None = None, wijk_code: str | None = None
) -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("gemeente").prefetch_related("wijken")
    if type:
        organisations = organisations.filter(type=type)
    if gemeente_code:
        organisations = organisations.filter(gemeente__code=gemeente_code)
    if wijk_code:
        organisations = organisations.filter(wijken__code=wijk_code)
    return organisations.order_by("name", "pk").distinct()


def live_api_key(raw_key: str) -> ApiKey | None:
    """The key record of a raw key a client sent, unless it was revoked."""
    return (
        ApiKey.objects.select_related("organisation")
        .filter(hashed_key=hash_api_key(raw_key), revoked_at__isnull=True)
        .first()
    )
