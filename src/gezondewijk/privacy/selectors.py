"""Reads of the privacy core."""

from collections.abc import Iterable

from django.db.models import QuerySet

from gezondewijk.privacy.models import AccessLog, Consent, Purpose
from gezondewijk.privacy.types import Person


def has_consent(*, user: Person, purpose: Purpose) -> bool:
    return Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).exists()


def consenting_user_ids(*, user_ids: Iterable[int], purpose: Purpose) -> set[int]:
    """Which of `user_ids` gave (and did not withdraw) consent for `purpose`: one query."""
    return set(
        Consent.objects.filter(
            user_id__in=list(user_ids), purpose=purpose, withdrawn_at__isnull=True
        ).values_list("user_id", flat=True)
    )


def consents_of(*, user: Person) -> QuerySet[Consent]:
    return Consent.objects.filter(user=user).order_by("purpose", "-granted_at")


def accesses_to(*, user: Person) -> QuerySet[AccessLog]:
    return AccessLog.objects.filter(subject=user).select_related("actor")
