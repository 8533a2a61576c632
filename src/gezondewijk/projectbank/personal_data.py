"""The project bank's part of export and erase.

What a professional wrote for the bank is shared professional knowledge: on erase it stays,
without the link to the person. The export lists everything the person contributed.
"""

from typing import Any

from gezondewijk.privacy import registry
from gezondewijk.projectbank.models import Endorsement, ExperienceReport, Intervention


def _export(user: Any) -> dict[str, Any]:
    return {
        "interventions_created": [
            {"id": str(i.uid), "title": i.title, "created_at": i.created_at.isoformat()}
            for i in Intervention.objects.filter(created_by=user)
        ],
        "interventions_selected": [
            {
                "intervention": e.intervention.title,
                "organisation": e.organisation_name,
                "selected_at": e.endorsed_at.isoformat(),
            }
            for e in Endorsement.objects.filter(endorsed_by=user).select_related("intervention")
        ],
        "experience_reports": [
            {
                "id": str(r.uid),
                "intervention": r.intervention.title if r.intervention else None,
                "cycle_step": r.cycle_step.key if r.cycle_step else None,
                "wijk_type": r.wijk_type,
                "target_group": r.target_group,
                "what_worked": r.what_worked,
                "what_did_not": r.what_did_not,
                "rating": r.rating,
                "created_at": r.created_at.isoformat(),
            }
            for r in ExperienceReport.objects.filter(author=user).select_related(
                "intervention", "cycle_step"
            )
        ],
    }


def _erase(user: Any) -> None:
    Intervention.objects.filter(created_by=user).update(created_by=None)
    Endorsement.objects.filter(endorsed_by=user).update(endorsed_by=None)
    ExperienceReport.objects.filter(author=user).update(author=None)


# Registered with privacy's PERSONAL_DATA hook in this app's hooks.py.
PROVIDER = registry.PersonalDataProvider(
    name="projectbank",
    export=_export,
    erase=_erase,
    models=(Intervention, Endorsement, ExperienceReport),
)
