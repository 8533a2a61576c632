"""The initiatives app's part of export and erase: memberships, beliefs, introductions."""

from typing import Any

from gezondewijk.initiatives.models import (
    Belief,
    ContactBlock,
    Initiative,
    Introduction,
    Invitation,
    Membership,
    Notification,
    StatusChange,
)
from gezondewijk.privacy import registry


def _export(user: Any) -> dict[str, Any]:
    return {
        "initiatives_led": list(
            Initiative.objects.filter(lead=user).values_list("name", flat=True)
        ),
        "memberships": [
            {"initiative": m.initiative.name, "role": m.role, "joined": m.joined_at.isoformat()}
            for m in Membership.objects.filter(user=user).select_related("initiative")
        ],
        "beliefs": list(Belief.objects.filter(user=user).values_list("theme__name", flat=True)),
        "invitations": [
            {"theme": i.introduction.theme.name, "answer": i.answer}
            for i in Invitation.objects.filter(user=user).select_related("introduction__theme")
        ],
        "contact_blocks": ContactBlock.objects.filter(blocker=user).count(),
        "notifications": list(
            Notification.objects.filter(user=user).values_list("text", flat=True)
        ),
    }


def _erase(user: Any) -> None:
    # Initiatives live on without their lead (the coordinator can appoint a new one);
    # the person's own statements and answers go.
    Initiative.objects.filter(lead=user).update(lead=None)
    StatusChange.objects.filter(changed_by=user).update(changed_by=None)
    Introduction.objects.filter(sent_by=user).update(sent_by=None)
    for model in (Membership, Belief, Invitation, Notification):
        model.objects.filter(user=user).delete()
    ContactBlock.objects.filter(blocker=user).delete()
    ContactBlock.objects.filter(blocked=user).delete()


# Registered with privacy's PERSONAL_DATA hook in this app's hooks.py.
PROVIDER = registry.PersonalDataProvider(
    name="initiatives",
    export=_export,
    erase=_erase,
    models=(
        Initiative,
        StatusChange,
        Membership,
        Belief,
        Introduction,
        Invitation,
        ContactBlock,
        Notification,
    ),
)
