"""The privacy app's own part of export and erase: consents and who looked at the data."""

from typing import Any

from gezondewijk.privacy import registry
from gezondewijk.privacy.models import AccessLog, Consent


def _export(user: Any) -> dict[str, Any]:
    return {
        "consents": [
            {
                "purpose": c.purpose,
                "granted_at": c.granted_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in Consent.objects.filter(user=user)
        ],
        "accesses_to_my_data": [
            {"at": a.at.isoformat(), "by": str(a.actor or a.system or "-"), "resource": a.resource}
            for a in AccessLog.objects.filter(subject=user).select_related("actor")
        ],
    }


def _erase(user: Any) -> None:
    Consent.objects.filter(user=user).delete()
    AccessLog.objects.filter(subject=user).delete()
    # What this person read of others stays in the log, without their name.
    AccessLog.objects.filter(actor=user).update(actor=None)


# Registered with privacy's PERSONAL_DATA hook in this app's hooks.py.
PROVIDER = registry.PersonalDataProvider(
    name="privacy", export=_export, erase=_erase, models=(Consent, AccessLog)
)
