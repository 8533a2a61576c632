"""A referral as FHIR R4: ServiceRequest out and back in, Task for its progress."""

import json
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task

from gezondewijk.referrals import fhir, services
from gezondewijk.referrals.models import Answer, Referral, Status
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory, theme
from tests.referrals.factories import coach, gp, referral

pytestmark = pytest.mark.django_db

COMPARED = [
    "resident_id",
    "referrer_id",
    "practice_id",
    "coach_id",
    "initiative_id",
    "activity_id",
    "reason",
    "buurt_id",
    "time_preference",
    "close_to_home",
]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _fields(r: Referral) -> dict[str, Any]:
    return {f: getattr(r, f) for f in COMPARED}


def test_service_request_export_validates_and_reimports_to_the_same_referral(
    world: World,
) -> None:
    doctor = gp(world)
    initiative = InitiativeFactory(wijken=[world.wijk], themes=[theme("bewegen")])
    original = referral(
        world,
        referrer=doctor,
        reason="bewegen",
        initiative_id=initiative.pk,
        time_preference="weekend",
        close_to_home=True,
    )
    client = _client(doctor)
    exported = client.get(f"/api/v1/referrals/{original.pk}/fhir/ServiceRequest").json()
    parsed = ServiceRequest.model_validate(exported)  # the FHIR library accepts it
    assert parsed.reasonCode[0].coding[0].code == "bewegen"
    assert parsed.subject.identifier.system == fhir.CODE_SYSTEM
    assert "bsn" not in json.dumps(exported).lower()

    # Sent back as it is, it names the same referral: nothing new is made.
    again = _post(client, "/api/v1/referrals/fhir/ServiceRequest", exported)
    assert again.status_code == 200
    assert again.json()["id"] == original.pk
    assert Referral.objects.count() == 1

    # Without our identifier (a GP system that never saw our id) it becomes a new referral
    # with exactly the same content.
    stripped = {
        **exported,
        "identifier": [{"system": "https://his.example.nl/verwijzing", "value": "GP-123"}],
    }
    created = _post(client, "/api/v1/referrals/fhir/ServiceRequest", stripped)
    assert created.status_code == 201, created.content
    copy = Referral.objects.get(pk=created.json()["id"])
    assert copy.pk != original.pk
    assert _fields(copy) == _fields(original)
    assert copy.external_id == "GP-123"
    # The GP system resends its own request: still one.
    assert _post(client, "/api/v1/referrals/fhir/ServiceRequest", stripped).status_code == 200
    assert Referral.objects.count() == 2


def _request(world: World, doctor: Any = None, **changes: Any) -> dict[str, Any]:
    r = referral(world, referrer=doctor or gp(world))
    resource = fhir.service_request(r)
    resource.pop("identifier")
    resource.update(changes)
    return resource


def test_an_invalid_service_request_is_refused_with_the_fhir_path(world: World) -> None:
    doctor = gp(world)
    resource = _request(world, doctor, authoredOn="gisteren", performer=[{"identifier": 5}])
    response = _post(_client(doctor), "/api/v1/referrals/fhir/ServiceRequest", resource)
    assert response.status_code == 422
    paths = [".".join(e["loc"][1:]) for e in response.json()["detail"]]
    assert "ServiceRequest.authoredOn" in paths
    assert any(p.startswith("ServiceRequest.performer[0].identifier") for p in paths)
    resource = _request(world, doctor, status="finished-ish")
    response = _post(_client(doctor), "/api/v1/referrals/fhir/ServiceRequest", resource)
    assert [".".join(e["loc"][1:]) for e in response.json()["detail"]] == ["ServiceRequest.status"]
    assert Referral.objects.count() == 2  # only the ones the resources were made from


@pytest.mark.parametrize("system", sorted(fhir.BSN_SYSTEMS))
def test_a_request_carrying_a_bsn_is_refused_and_nothing_is_kept(world: World, system: str) -> None:
    doctor = gp(world)
    resource = _request(world, doctor, identifier=[{"system": system, "value": "999999011"}])
    before = Referral.objects.count()

    response = _post(_client(doctor), "/api/v1/referrals/fhir/ServiceRequest", resource)

    assert response.status_code == 422
    assert [".".join(e["loc"][1:]) for e in response.json()["detail"]] == [
        "ServiceRequest.identifier[0].system"
    ]
    assert Referral.objects.count() == before
    assert not Referral.objects.filter(external_id="999999011").exists()


def test_an_unknown_reason_is_refused_with_its_path(world: World) -> None:
    doctor = gp(world)
    resource = _request(world, doctor)
    resource["reasonCode"][0]["coding"][0]["code"] = "diabetes"
    response = _post(_client(doctor), "/api/v1/referrals/fhir/ServiceRequest", resource)
    assert response.status_code == 422
    paths = [".".join(e["loc"][1:]) for e in response.json()["detail"]]
    assert paths == ["ServiceRequest.reasonCode[0].coding[0].code"]


def test_an_unknown_referral_code_is_refused(world: World) -> None:
    doctor = gp(world)
    resource = _request(world, doctor)
    resource["subject"]["identifier"]["value"] = "NOPE2345"
    with pytest.raises(fhir.FhirError) as error:
        fhir.import_service_request(resource, referrer=doctor)
    assert error.value.errors[0]["path"] == "ServiceRequest.subject.identifier.value"


def test_another_gp_cannot_send_a_request_in_someone_elses_name(world: World) -> None:
    doctor = gp(world)
    resource = _request(world)
    resource["requester"] = {"identifier": {"system": fhir.PROFESSIONAL_SYSTEM, "value": "x@y.nl"}}
    with pytest.raises(fhir.FhirError) as error:
        fhir.import_service_request(resource, referrer=doctor)
    assert error.value.errors[0]["path"] == "ServiceRequest.requester.identifier.value"


def test_task_tells_the_referrer_the_outcome_only_with_consent(world: World) -> None:
    doctor, receiver = gp(world), coach(world)
    r = referral(world, referrer=doctor, to=receiver)
    services.referral_advance(user=receiver, referral=r, status=Status.ACTIVE)
    for_gp = _client(doctor).get(f"/api/v1/referrals/{r.pk}/fhir/Task").json()
    Task.model_validate(for_gp)
    assert for_gp["status"] == "received"  # the steps after receipt would tell it
    assert "output" not in for_gp
    services.referral_answer(
        user=world.resident, referral=r, answer=Answer.ACCEPTED, feedback_participation=True
    )
    for_gp = _client(doctor).get(f"/api/v1/referrals/{r.pk}/fhir/Task").json()
    assert for_gp["status"] == "in-progress"
    assert for_gp["output"][0]["valueBoolean"] is True


def test_a_task_from_the_coach_moves_the_loop(world: World) -> None:
    receiver = coach(world)
    r = referral(world, to=receiver)
    task = fhir.task(r, include_outcome=True)
    task["status"] = "accepted"
    response = _post(_client(receiver), "/api/v1/referrals/fhir/Task", task)
    assert response.status_code == 200, response.content
    r.refresh_from_db()
    assert r.status == Status.INTAKE
    task["status"] = "draft"
    response = _post(_client(receiver), "/api/v1/referrals/fhir/Task", task)
    assert response.status_code == 422
    assert [".".join(e["loc"][1:]) for e in response.json()["detail"]] == ["Task.status"]
