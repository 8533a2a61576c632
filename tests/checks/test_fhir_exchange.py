"""FHIR R4 exchange: a resident's answers out and in, questionnaires for administrators."""

import json
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire as FhirQuestionnaire

from gezondewijk.checks import defaults, services
from gezondewijk.checks.models import Questionnaire, Response
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.checks.factories import health_check, health_check_answers
from tests.conftest import World

BSN = "999990019"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _response_with_bsn(canonical: str) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "contained": [
            {
                "resourceType": "Patient",
                "id": "p",
                "identifier": [{"system": "http://fhir.nl/fhir/NamingSystem/bsn", "value": BSN}],
                "name": [{"family": "Jansen"}],
            }
        ],
        "subject": {"reference": "#p"},
        "questionnaire": canonical,
        "status": "completed",
        "authored": "2025-03-04T10:00:00+01:00",
        "item": [
            {"linkId": k, "answer": [{"valueInteger": v}]}
            for k, v in health_check_answers(4).items()
        ],
    }


def test_exported_bundle_parses_and_reimports_to_identical_answers(world: World) -> None:
    first = health_check(world.resident, 8)
    client = _client(world.resident)
    bundle = client.get("/api/v1/checks/responses/fhir").json()
    Bundle.model_validate(bundle)  # raises if not valid FHIR R4
    assert bundle["entry"][0]["resource"]["questionnaire"] == first.questionnaire.canonical

    Response.objects.all().delete()
    reply = _post(client, "/api/v1/checks/responses/fhir", bundle)
    assert reply.status_code == 201, reply.content
    again = Response.objects.get(user=world.resident)
    assert again.answers == first.answers
    assert {v.key: v.value for v in again.values.all()} == dict.fromkeys(defaults.DIMENSIONS, 8.0)


def test_a_bsn_in_a_contained_patient_is_never_stored(world: World) -> None:
    canonical = services.health_check_ensure().canonical
    reply = _post(
        _client(world.resident), "/api/v1/checks/responses/fhir", _response_with_bsn(canonical)
    )
    assert reply.status_code == 201, reply.content
    stored = Response.objects.get(user=world.resident)
    everything = json.dumps([stored.answers, stored.source, list(stored.values.values())])
    assert BSN not in everything
    assert "Jansen" not in everything
    assert stored.authored.year == 2025
    # Nor anywhere else in the database.
    from django.apps import apps

    for model in apps.get_app_config("checks").get_models():
        assert BSN not in json.dumps(list(model.objects.values()), default=str)


def test_a_bundle_imports_completely_or_not_at_all(world: World) -> None:
    canonical = services.health_check_ensure().canonical
    good = _response_with_bsn(canonical)
    bad = _response_with_bsn(canonical)
    bad["item"][0]["answer"] = [{"valueInteger": 12}]
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": good}, {"resource": bad}],
    }
    reply = _post(_client(world.resident), "/api/v1/checks/responses/fhir", bundle)
    assert reply.status_code == 422
    detail = reply.json()["detail"]
    assert detail[0]["loc"][:3] == ["body", "Bundle", "entry[1]"]
    assert "at most 10" in detail[0]["msg"] or "hoogstens 10" in detail[0]["msg"]
    assert not Response.objects.exists()


def test_invalid_fhir_is_refused_with_the_path_of_the_error(world: World) -> None:
    resource = defaults.health_check()
    resource["item"][0]["item"][0]["type"] = 5
    resource["item"][0]["item"][1]["bogus"] = True
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)
    reply = _post(_client(admin), "/api/v1/checks/questionnaires", resource)
    assert reply.status_code == 422
    paths = {".".join(e["loc"][1:]) for e in reply.json()["detail"]}
    assert "Questionnaire.item[0].item[0].type" in paths
    assert "Questionnaire.item[0].item[1].bogus" in paths
    assert not Questionnaire.objects.exists()


def test_a_response_of_the_wrong_type_is_refused(world: World) -> None:
    reply = _post(
        _client(world.resident), "/api/v1/checks/responses/fhir", {"resourceType": "Patient"}
    )
    assert reply.status_code == 422
    assert reply.json()["detail"][0]["loc"] == ["body", "resourceType"]


def test_questionnaire_export_validates_and_a_new_version_is_kept_beside_the_old(
    world: World,
) -> None:
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)
    client = _client(admin)
    first = services.health_check_ensure()
    exported = client.get(f"/api/v1/checks/questionnaires/{first.pk}").json()
    FhirQuestionnaire.model_validate(exported)
    assert exported["url"] == defaults.HEALTH_CHECK_URL

    exported["version"] = "2"
    exported["title"] = "Gezondheidscheck 2"
    assert _post(client, "/api/v1/checks/questionnaires", exported).status_code == 201
    assert services.health_check_ensure().version == "2"
    assert Questionnaire.objects.filter(url=defaults.HEALTH_CHECK_URL).count() == 2
    # The same version twice is refused, naming the field.
    again = _post(client, "/api/v1/checks/questionnaires", exported)
    assert again.status_code == 422
    assert again.json()["detail"][0]["loc"] == ["body", "Questionnaire", "version"]


def test_an_stu3_questionnaire_is_accepted_and_stored_as_r4(world: World) -> None:
    stu3 = {
        "resourceType": "Questionnaire",
        "meta": {"profile": ["http://hl7.org/fhir/STU3/StructureDefinition/Questionnaire"]},
        "url": "https://pgo.example/Questionnaire/leefstijl",
        "version": "3",
        "status": "active",
        "title": "Leefstijl",
        "item": [
            {
                "linkId": "rookt",
                "text": "Rookt u?",
                "type": "choice",
                "option": [{"valueCoding": {"code": "ja"}}, {"valueCoding": {"code": "nee"}}],
            },
            {
                "linkId": "hoeveel",
                "text": "Hoeveel per dag?",
                "type": "integer",
                "enableWhen": [{"question": "rookt", "answerCoding": {"code": "ja"}}],
            },
        ],
    }
    stored = services.questionnaire_save(resource=stu3, kind="wijkpanel")  # type: ignore[arg-type]
    FhirQuestionnaire.model_validate(stored.resource)
    assert stored.resource["item"][0]["answerOption"][1]["valueCoding"]["code"] == "nee"
    assert stored.resource["item"][1]["enableWhen"][0]["operator"] == "="


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.PROFESSIONAL, Role.RESEARCHER])
def test_only_a_region_administrator_imports_questionnaires(world: World, role: Role) -> None:
    user = factories.user_with_role(role, world.region)
    reply = _post(_client(user), "/api/v1/checks/questionnaires", defaults.health_check())
    assert reply.status_code == 403


def test_a_health_check_without_scored_dimensions_is_refused(world: World) -> None:
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)
    unscored = defaults.panel_questionnaire(slug="x", title="X", themes=["contact"], questions=[])
    reply = _post(_client(admin), "/api/v1/checks/questionnaires", unscored)
    assert reply.status_code == 422
    assert reply.json()["detail"][0]["loc"] == ["body", "Questionnaire", "item"]
    as_panel = _post(_client(admin), "/api/v1/checks/questionnaires?kind=wijkpanel", unscored)
    assert as_panel.status_code == 201


def test_an_administrator_uploads_a_questionnaire_and_sees_errors_by_path(
    world: World,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)
    client = _client(admin)
    broken = {**defaults.health_check(), "status": 3, "version": "9"}
    upload = SimpleUploadedFile("q.json", json.dumps(broken).encode(), "application/json")
    reply = client.post(
        "/gezondheidscheck/vragenlijsten/", {"file": upload, "kind": "gezondheidscheck"}
    )
    assert reply.status_code == 422
    assert b"Questionnaire.status" in reply.content
    good = SimpleUploadedFile(
        "q.json", json.dumps({**defaults.health_check(), "version": "9"}).encode()
    )
    reply = client.post(
        "/gezondheidscheck/vragenlijsten/", {"file": good, "kind": "gezondheidscheck"}
    )
    assert reply.status_code == 302
    assert Questionnaire.objects.get().version == "9"
