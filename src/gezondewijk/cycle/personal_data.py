"""The cycle keeps who recorded a step; export names the entries, erase forgets the author."""

from typing import Any

from gezondewijk.cycle.models import CycleEntry
from gezondewijk.privacy import registry


def _export(user: Any) -> dict[str, Any]:
    return {
        "cycle_steps_recorded": [
            {"wijk": e.wijk.code, "step": e.step.name, "at": e.entered_at.isoformat()}
            for e in CycleEntry.objects.filter(entered_by=user).select_related("wijk", "step")
        ]
    }


def _erase(user: Any) -> None:
    CycleEntry.objects.filter(entered_by=user).update(entered_by=None)


# Registered with privacy's PERSONAL_DATA hook in this app's hooks.py.
PROVIDER = registry.PersonalDataProvider(
    name="cycle", export=_export, erase=_erase, models=(CycleEntry,)
)
