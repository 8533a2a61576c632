"""The checks app's part of export and erase: a resident's answers, scores and invitations."""

from typing import Any

from gezondewijk.checks import exchange
from gezondewijk.checks.models import (
    PanelInvitation,
    PanelSurvey,
    PgoLink,
    Response,
    ResponseValue,
)
from gezondewijk.privacy import registry


def _export(user: Any) -> dict[str, Any]:
    responses = Response.objects.filter(user=user).select_related("questionnaire", "buurt")
    return {
        "responses": [
            {
                "questionnaire": r.questionnaire.canonical,
                "answered": r.authored.isoformat(),
                "buurt": r.buurt.code,
                "answers": r.answers,
                "figures": {v.key: v.value for v in r.values.all()},
                "source": r.source,
            }
            for r in responses.prefetch_related("values")
        ],
        "panel_invitations": [
            {"survey": i.survey.title, "invited_at": i.invited_at.isoformat()}
            for i in PanelInvitation.objects.filter(user=user).select_related("survey")
        ],
        "pgo_links": [
            {
                "code": link.code,
                "created_at": link.created_at.isoformat(),
                "revoked_at": link.revoked_at.isoformat() if link.revoked_at else None,
            }
            for link in PgoLink.objects.filter(user=user)
        ],
        "panel_surveys_created": list(
            PanelSurvey.objects.filter(created_by=user).values_list("title", flat=True)
        ),
        # The same answers as FHIR R4, to take to a PGO or another platform.
        "fhir_bundle": exchange.bundle_for(user=user),
    }


def _erase(user: Any) -> None:
    Response.objects.filter(user=user).delete()
    PanelInvitation.objects.filter(user=user).delete()
    PgoLink.objects.filter(user=user).delete()
    # Surveys a coordinator built stay with the panel, without their name.
    PanelSurvey.objects.filter(created_by=user).update(created_by=None)


# Registered with privacy's PERSONAL_DATA hook in this app's hooks.py.
PROVIDER = registry.PersonalDataProvider(
    name="checks",
    export=_export,
    erase=_erase,
    models=(Response, ResponseValue, PanelInvitation, PanelSurvey, PgoLink),
)
