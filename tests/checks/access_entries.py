"""Who may open the health check and panel pages and call the checks API.

A resident's own pages and answers are for residents only, and each resident reaches only
their own: a resident asking for someone else's response gets 404 like anyone would.
"""

from typing import Any

from django.urls import reverse

from gezondewijk.checks import defaults, services
from gezondewijk.checks.fhir import LINK_SYSTEM
from gezondewijk.people.models import ResidentProfile
from gezondewijk.permissions.roles import Role
from gezondewijk.privacy import services as privacy_services
from gezondewijk.privacy.models import Purpose
from tests.access import (
    ANONYMOUS,
    API_READ,
    COORDINATOR_ELSEWHERE,
    COORDINATOR_HERE,
    KEY_ALL_SCOPES,
    MANAGERS,
    REDIRECT_TO_LOGIN,
    RESIDENT_OTHER,
    RESIDENT_SELF,
    Endpoint,
    Expect,
    ObjectCheck,
    Page,
    only,
)
from tests.checks.factories import health_check, health_check_answers, panel_survey
from tests.conftest import World

RESIDENT = Role.RESIDENT.value
STAFF = [r.value for r in (Role.COORDINATOR, Role.PROFESSIONAL, Role.FUNDER, Role.RESEARCHER,
                           Role.REGION_ADMIN)]  # fmt: skip

RESIDENT_PAGE = only([RESIDENT], 200, 403, REDIRECT_TO_LOGIN)
RESIDENT_API = Expect(403, ((ANONYMOUS, 401), (RESIDENT, 200)))


def _survey_page(name: str, *args: str) -> Any:
    return lambda world: reverse(name, args=[panel_survey(world.wijk).pk, *args])


def _open_survey_for_panel(world: World) -> str:
    """An open survey to which every resident of the buurt who joined the panel is invited."""
    survey = panel_survey(world.wijk)
    for profile in ResidentProfile.objects.filter(buurt=world.buurt):
        privacy_services.consent_grant(user=profile.user, purpose=Purpose.PANEL)
    services.panel_survey_open(actor=survey.created_by, survey=survey)
    services.panel_invite(actor=survey.created_by, survey=survey)
    return reverse("checks:panel_answer", args=[survey.pk])


def _health_check_url(world: World) -> str:
    return f"/api/v1/checks/questionnaires/{services.health_check_ensure().pk}"


def _response_of_world_resident(world: World) -> str:
    return f"/api/v1/checks/responses/{health_check(world.resident).pk}"


def _fhir_response(world: World) -> dict[str, Any]:
    questionnaire = services.health_check_ensure()
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": questionnaire.canonical,
        "status": "completed",
        "item": [
            {"linkId": k, "answer": [{"valueInteger": v}]}
            for k, v in health_check_answers(6).items()
        ],
    }


def _panel_response_url(world: World) -> str:
    survey = panel_survey(world.wijk, themes=["veiligheid"])
    for profile in ResidentProfile.objects.filter(buurt=world.buurt):
        privacy_services.consent_grant(user=profile.user, purpose=Purpose.PANEL)
    services.panel_survey_open(actor=survey.created_by, survey=survey)
    services.panel_invite(actor=survey.created_by, survey=survey)
    return f"/api/v1/checks/panel/invitations/{survey.pk}/response"


FIGURES = Expect(403, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 200), *((r, 200) for r in STAFF)))


def _linked_response(world: World) -> dict[str, Any]:
    code = services.pgo_link_create(user=world.resident).code
    return {
        **_fhir_response(world),
        "subject": {"identifier": {"system": LINK_SYSTEM, "value": code}},
    }


def _managers(ok: int) -> Expect:
    return Expect(403, ((ANONYMOUS, 401), *((r, ok) for r in MANAGERS)))


PAGES = {
    "checks:overview": Page(RESIDENT_PAGE),
    "checks:fill_in": Page(RESIDENT_PAGE),
    "checks:export_fhir": Page(RESIDENT_PAGE),
    "checks:consent": Page(
        Expect(403, ((ANONYMOUS, REDIRECT_TO_LOGIN), (RESIDENT, 302))),
        method="POST",
        body=lambda w: {"purpose": Purpose.NEIGHBOURHOOD_AGGREGATES.value, "granted": "1"},
    ),
    # Someone else's check is not found, even by a resident.
    "checks:response_delete": Page(
        Expect(403, ((ANONYMOUS, REDIRECT_TO_LOGIN), (RESIDENT, 404))),
        method="POST",
        url=lambda w: reverse("checks:response_delete", args=[health_check(w.resident).pk]),
    ),
    "checks:link_create": Page(
        Expect(403, ((ANONYMOUS, REDIRECT_TO_LOGIN), (RESIDENT, 302))), method="POST"
    ),
    # Revoking someone else's link does nothing and tells nothing: back to one's own page.
    "checks:link_revoke": Page(
        Expect(403, ((ANONYMOUS, REDIRECT_TO_LOGIN), (RESIDENT, 302))),
        method="POST",
        url=lambda w: reverse(
            "checks:link_revoke", args=[services.pgo_link_create(user=w.resident).pk]
        ),
    ),
    "checks:questionnaire_list": Page(only([Role.REGION_ADMIN.value], 200, 403, REDIRECT_TO_LOGIN)),
    "checks:figures": Page(only(STAFF, 200, 403, REDIRECT_TO_LOGIN)),
    "checks:panel_list": Page(only([RESIDENT, *MANAGERS], 200, 403, REDIRECT_TO_LOGIN)),
    "checks:panel_create": Page(only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN)),
    "checks:panel_detail": Page(
        only(MANAGERS, 200, 403, REDIRECT_TO_LOGIN), url=_survey_page("checks:panel_detail")
    ),
    "checks:panel_action": Page(
        only(MANAGERS, 302, 403, REDIRECT_TO_LOGIN),
        method="POST",
        url=_survey_page("checks:panel_action", "invite"),
    ),
    # Only an invited panel member can open a survey to answer it; for anyone else it is not there.
    "checks:panel_answer": Page(
        Expect(404, ((ANONYMOUS, REDIRECT_TO_LOGIN), (RESIDENT, 200))), url=_open_survey_for_panel
    ),
}

ENDPOINTS = {
    ("GET", "/api/v1/checks/questionnaires"): Endpoint(API_READ),
    ("GET", "/api/v1/checks/questionnaires/{questionnaire_id}"): Endpoint(
        API_READ, url=_health_check_url
    ),
    ("POST", "/api/v1/checks/questionnaires"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 201), (Role.REGION_ADMIN.value, 201))),
        body=lambda w: {**defaults.health_check(), "version": "2"},
    ),
    ("GET", "/api/v1/checks/responses"): Endpoint(RESIDENT_API),
    ("POST", "/api/v1/checks/responses"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), (RESIDENT, 201))),
        body=lambda w: {"answers": health_check_answers(8)},
    ),
    ("GET", "/api/v1/checks/responses/fhir"): Endpoint(RESIDENT_API),
    ("POST", "/api/v1/checks/responses/fhir"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), (RESIDENT, 201))), body=_fhir_response
    ),
    # Another resident's response: not found for a resident, refused for everyone else.
    # Only a connected system with the scope sends answers, for a resident's link code.
    ("POST", "/api/v1/checks/import"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), (KEY_ALL_SCOPES, 201))), body=_linked_response
    ),
    ("DELETE", "/api/v1/checks/responses/{response_id}"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), (RESIDENT, 404))), url=_response_of_world_resident
    ),
    ("GET", "/api/v1/checks/responses/{response_id}"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), (RESIDENT, 404))), url=_response_of_world_resident
    ),
    ("GET", "/api/v1/checks/panel/surveys"): Endpoint(_managers(200)),
    ("POST", "/api/v1/checks/panel/surveys"): Endpoint(
        _managers(201),
        body=lambda w: {"title": "Voorjaar", "wijk": w.wijk.code, "themes": ["veiligheid"]},
    ),
    ("POST", "/api/v1/checks/panel/surveys/{survey_id}/actions/{action}"): Endpoint(
        _managers(200),
        url=lambda w: f"/api/v1/checks/panel/surveys/{panel_survey(w.wijk).pk}/actions/open",
    ),
    ("GET", "/api/v1/checks/panel/surveys/{survey_id}/results"): Endpoint(
        _managers(200),
        url=lambda w: f"/api/v1/checks/panel/surveys/{panel_survey(w.wijk).pk}/results",
    ),
    ("GET", "/api/v1/checks/figures"): Endpoint(FIGURES),
    ("GET", "/api/v1/checks/figures/responses"): Endpoint(FIGURES),
    ("GET", "/api/v1/checks/panel/surveys/{survey_id}/rate"): Endpoint(
        _managers(200),
        url=lambda w: f"/api/v1/checks/panel/surveys/{panel_survey(w.wijk).pk}/rate",
    ),
    ("GET", "/api/v1/checks/panel/invitations"): Endpoint(RESIDENT_API),
    # Answering is for an invited panel member; the matrix's resident joined the panel.
    ("POST", "/api/v1/checks/panel/invitations/{survey_id}/response"): Endpoint(
        Expect(403, ((ANONYMOUS, 401), (RESIDENT, 201))),
        url=_panel_response_url,
        body=lambda w: {"answers": {"veiligheid.avond": 7}},
    ),
}


OBJECTS = {
    "resident reads another resident's health check": ObjectCheck(
        RESIDENT_SELF, RESIDENT_OTHER, 200, 404, url=_response_of_world_resident
    ),
    "resident deletes another resident's health check": ObjectCheck(
        RESIDENT_SELF, RESIDENT_OTHER, 204, 404, method="DELETE", url=_response_of_world_resident
    ),
    "resident deletes another resident's check on the page": ObjectCheck(
        RESIDENT_SELF,
        RESIDENT_OTHER,
        302,
        404,
        method="POST",
        url=lambda w: reverse("checks:response_delete", args=[health_check(w.resident).pk]),
    ),
    "coordinator opens a panel survey of another wijk": ObjectCheck(
        COORDINATOR_HERE, COORDINATOR_ELSEWHERE, 200, 404, url=_survey_page("checks:panel_detail")
    ),
    "coordinator reads panel results of another wijk": ObjectCheck(
        COORDINATOR_HERE,
        COORDINATOR_ELSEWHERE,
        200,
        404,
        url=lambda w: f"/api/v1/checks/panel/surveys/{panel_survey(w.wijk).pk}/results",
    ),
}
SHARED_BY_DESIGN = ""
