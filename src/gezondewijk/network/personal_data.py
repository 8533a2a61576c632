"""The network app's part of export and erase: the resident's own ties and choices."""

from typing import Any

from gezondewijk.network.models import NetworkProfile, Tie
from gezondewijk.network.selectors import initiative_labels, tie_label
from gezondewijk.privacy import registry


def _export(user: Any) -> dict[str, Any]:
    ties = list(
        Tie.objects.filter(owner=user).select_related("resident", "organisation", "location")
    )
    initiatives = initiative_labels(ties)
    profile = NetworkProfile.objects.filter(user=user).first()
    return {
        "connect_code": profile.connect_code if profile else None,
        "visible_as_connector": profile.visible_as_connector if profile else False,
        "ties": [
            {
                "with": tie.target_type,
                "name": tie_label(tie, initiatives),
                "kind": tie.kind,
                "strength": tie.strength,
                "frequency": tie.frequency,
                "gives": tie.supports,
                "mutual": tie.confirmed_at is not None,
                "since": tie.created_at.isoformat(),
            }
            for tie in ties
        ],
    }


def _erase(user: Any) -> None:
    # Others' ties to this person go too: they point at an account that will not exist.
    Tie.objects.filter(owner=user).delete()
    Tie.objects.filter(resident=user).delete()
    NetworkProfile.objects.filter(user=user).delete()


# Registered with privacy's PERSONAL_DATA hook in this app's hooks.py.
PROVIDER = registry.PersonalDataProvider(
    name="network", export=_export, erase=_erase, models=(Tie, NetworkProfile)
)
