"""Writes of the privacy core: consent, the access log, export and erase."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from gezondewijk.privacy import registry
from gezondewijk.privacy.models import AccessLog, Consent, Purpose
from gezondewijk.privacy.types import Person

EXPORT_FORMAT_VERSION = 1


def consent_grant(*, user: Person, purpose: Purpose) -> Consent:
    with transaction.atomic():
        existing = Consent.objects.filter(
            user=user, purpose=purpose, withdrawn_at__isnull=True
        ).first()
        return existing or Consent.objects.create(user=user, purpose=purpose)


def consent_withdraw(*, user: Person, purpose: Purpose) -> int:
    """Withdraw the active consent for `purpose`; returns how many records were withdrawn."""
    return Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


def access_log_record(
    *,
    actor: Person | None,
    subject: Person,
    resource: str,
    reason: str = "",
    system: str = "",
) -> AccessLog:
    """Log a read of `subject`'s personal data by a person (`actor`) or by an organisation's
    system (`system`, its name). Reading one's own data is not logged."""
    return AccessLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        system=system[:200],
        subject=subject,
        resource=resource,
        reason=reason,
    )


def access_log_record_many(
    *, actor: Person, reads: list[tuple[int, str]], reason: str = ""
) -> list[AccessLog]:
    """Log `actor`'s reads of several people's data at once (a list on a page): `reads` holds
    (subject id, what was read) pairs. One insert, however long the list."""
    return AccessLog.objects.bulk_create(
        AccessLog(actor=actor, subject_id=subject_id, resource=resource, reason=reason)
        for subject_id, resource in reads
    )


def personal_data_export(*, user: Person) -> dict[str, Any]:
    """Everything the platform holds about `user`, one section per providing app."""
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "sections": {p.name: p.export(user) for p in registry.providers()},
    }


def personal_data_erase(*, user: Person) -> None:
    """Erase the person's data in every app, then the account itself; all or nothing."""
    with transaction.atomic():
        for provider in registry.providers():
            provider.erase(user)
        user.delete()
