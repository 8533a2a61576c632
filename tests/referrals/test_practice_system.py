"""A GP practice's information system exchanges referrals with its API key (referrals:exchange):
it sends a FHIR ServiceRequest for one of its own professionals and follows the Task."""

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from fhir.resources.R4B.task import Task

from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope, Organisation, OrganisationType, Profession
from gezondewijk.privacy.models import AccessLog
from gezondewijk.referrals import fhir, selectors, services
from gezondewijk.referrals.models import Answer, Referral, Status
from tests import factories
from tests.conftest import World
from tests.referrals.factories import coach, gp, professional, referral

pytestmark = pytest.mark.django_db

SERVICE_REQUEST = "/api/v1/referrals/fhir/ServiceRequest"


def _practice(world: World, name: str = "Huisartsenpraktijk De Linde") -> Organisation:
    return factories.OrganisationFactory(
        name=name, gemeente=world.gemeente, type=OrganisationType.HUISARTSENPRAKTIJK
    )


def _system(organisation: Organisation, *scopes: ApiScope) -> Client:
    """The practice's information system, calling with a key of its organisation."""
    _, raw = people_services.api_key_create(
        organisation=organisation,
        name="HIS",
        scopes=list(scopes) or [ApiScope.REFERRALS_EXCHANGE],
    )
    return Client(headers={"X-API-Key": raw})


def _post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _paths(response: Any) -> list[str]:
    return [".".join(e["loc"][1:]) for e in response.json()["detail"]]


def _request(world: World, *, requester: str, to: Any = None, own_id: str = "HIS-1") -> dict:
    """A ServiceRequest as a GP information system writes it: its own identifier, the
    resident's referral code, the referring professional and the coach."""
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "identifier": [{"system": "https://his.praktijk.example/verwijzing", "value": own_id}],
        "status": "active",
        "intent": "order",
        "code": {"coding": [{"system": fhir.SERVICE_SYSTEM, "code": fhir.WELZIJN_OP_RECEPT}]},
        "reasonCode": [{"coding": [{"system": fhir.REASON_SYSTEM, "code": "eenzaamheid"}]}],
        "subject": {
            "identifier": {
                "system": fhir.CODE_SYSTEM,
                "value": selectors.code_of(user=world.resident).code,
            }
        },
        "requester": {"identifier": {"system": fhir.PROFESSIONAL_SYSTEM, "value": requester}},
    }
    if to is not None:
        resource["performer"] = [
            {"identifier": {"system": fhir.PROFESSIONAL_SYSTEM, "value": to.email}}
        ]
    return resource


def test_a_practice_system_sends_a_request_and_follows_the_coachs_progress(
    world: World,
) -> None:
    practice = _practice(world)
    doctor, receiver = gp(world, organisation=practice), coach(world)
    system = _system(practice)

    sent = _post(system, SERVICE_REQUEST, _request(world, requester=doctor.email, to=receiver))
    assert sent.status_code == 201, sent.content
    made = Referral.objects.get(pk=sent.json()["id"])
    assert (made.referrer, made.practice, made.coach) == (doctor, practice, receiver)
    assert made.external_id == "HIS-1"
    # The system sends the same request again (a retry): still one referral.
    again = _post(system, SERVICE_REQUEST, _request(world, requester=doctor.email, to=receiver))
    assert (again.status_code, again.json()["id"]) == (200, made.pk)
    assert Referral.objects.count() == 1

    task_url = f"/api/v1/referrals/{made.pk}/fhir/Task"
    task = system.get(task_url).json()
    Task.model_validate(task)
    assert task["status"] == "requested"
    assert task["owner"]["identifier"]["value"] == receiver.email

    # The coach works in the platform. That the coach received it shows in the Task; the
    # later steps tell whether the resident took part, which is theirs to tell: not yet, so
    # neither the Task nor the referral says it, exactly as for the referrer.
    services.referral_receive(user=receiver, referral=made)
    assert system.get(task_url).json()["status"] == "received"
    services.referral_advance(user=receiver, referral=made, status=Status.INTAKE)
    services.referral_advance(user=receiver, referral=made, status=Status.ACTIVE)
    task = system.get(task_url).json()
    assert task["status"] == "received"
    assert "output" not in task
    told = system.get(f"/api/v1/referrals/{made.pk}").json()
    assert (told["status"], told["first_activity_on"], told["outcome_shared"]) == (
        Status.RECEIVED,
        None,
        False,
    )

    services.referral_answer(
        user=world.resident, referral=made, answer=Answer.ACCEPTED, feedback_participation=True
    )
    task = system.get(task_url).json()
    assert task["status"] == "in-progress"
    assert task["output"][0]["valueBoolean"] is True
    made.refresh_from_db()
    assert task["output"][1]["valueDate"] == made.first_activity_on.isoformat()
    assert system.get(f"/api/v1/referrals/{made.pk}").json()["first_activity_on"] == (
        made.first_activity_on.isoformat()
    )
    services.referral_advance(user=receiver, referral=made, status=Status.FINISHED)
    assert system.get(task_url).json()["status"] == "completed"
    exported = system.get(f"/api/v1/referrals/{made.pk}/fhir/ServiceRequest").json()
    assert exported["status"] == "completed"
    assert exported["requester"]["identifier"]["value"] == doctor.email


def test_a_colleagues_referral_sent_again_by_the_system_is_known(world: World) -> None:
    practice = _practice(world)
    first, colleague = gp(world, organisation=practice), gp(world, organisation=practice)
    made = referral(world, referrer=first)
    resource = fhir.service_request(made)
    resource["requester"]["identifier"]["value"] = colleague.email
    answer = _post(_system(practice), SERVICE_REQUEST, resource)
    assert (answer.status_code, answer.json()["id"]) == (200, made.pk)
    assert Referral.objects.count() == 1


@pytest.mark.parametrize(
    "who",
    ["gp of another practice", "coach of this organisation", "unknown address", "inactive gp"],
)
def test_a_key_refers_only_for_its_own_professionals_who_may_refer(world: World, who: str) -> None:
    practice = _practice(world)
    requester = {
        "gp of another practice": lambda: gp(world).email,
        "coach of this organisation": lambda: (
            professional(world, Profession.WELZIJNSCOACH, organisation=practice).email
        ),
        "unknown address": lambda: "niemand@example.org",
        "inactive gp": lambda: gp(world, organisation=practice, is_active=False).email,
    }[who]()
    response = _post(
        _system(practice), SERVICE_REQUEST, _request(world, requester=requester, to=coach(world))
    )
    assert response.status_code == 403, response.content
    assert "not a professional of this organisation" in response.json()["detail"]
    assert not Referral.objects.exists()


def test_a_request_without_a_requester_is_refused_with_its_path(world: World) -> None:
    practice = _practice(world)
    gp(world, organisation=practice)
    resource = _request(world, requester="x", to=coach(world))
    del resource["requester"]
    response = _post(_system(practice), SERVICE_REQUEST, resource)
    assert response.status_code == 422
    assert _paths(response) == ["ServiceRequest.requester.identifier"]


def test_an_invalid_resource_from_a_key_is_refused_with_its_path_and_stores_nothing(
    world: World,
) -> None:
    practice = _practice(world)
    doctor = gp(world, organisation=practice)
    resource = _request(world, requester=doctor.email, to=coach(world))
    resource["authoredOn"] = "gisteren"
    resource["reasonCode"][0]["coding"][0]["code"] = "diabetes"
    response = _post(_system(practice), SERVICE_REQUEST, resource)
    assert response.status_code == 422
    assert "ServiceRequest.authoredOn" in _paths(response)
    del resource["authoredOn"]
    response = _post(_system(practice), SERVICE_REQUEST, resource)
    assert _paths(response) == ["ServiceRequest.reasonCode[0].coding[0].code"]
    assert not Referral.objects.exists()
    assert not AccessLog.objects.exists()


def _reads_of(made: Referral) -> list[str]:
    """Every way a practice's system reads one referral."""
    base = f"/api/v1/referrals/{made.pk}"
    return [base, f"{base}/fhir/ServiceRequest", f"{base}/fhir/Task"]


def test_a_key_of_another_practice_cannot_read_or_claim_a_referral(world: World) -> None:
    practice, other = _practice(world), _practice(world, "Huisartsen Noord")
    made = referral(world, referrer=gp(world, organisation=practice))
    outsider = _system(other)
    for url in _reads_of(made):
        assert outsider.get(url).status_code == 404, url
    assert outsider.get("/api/v1/referrals/999999").status_code == 404
    # Naming our identifier of that referral does not hand it over: the request is the other
    # practice's own, new referral.
    resource = fhir.service_request(made)
    resource["requester"]["identifier"]["value"] = gp(world, organisation=other).email
    answer = _post(outsider, SERVICE_REQUEST, resource)
    assert answer.status_code == 201, answer.content
    assert answer.json()["id"] != made.pk
    assert not AccessLog.objects.filter(resource=f"referral {made.pk}").exists()


def test_a_key_without_the_scope_is_refused_and_a_visitor_must_authenticate(
    world: World,
) -> None:
    practice = _practice(world)
    doctor = gp(world, organisation=practice)
    made = referral(world, referrer=doctor)
    unscoped = _system(practice, ApiScope.REFERRALS_FIGURES)
    request = _request(world, requester=doctor.email, to=coach(world), own_id="HIS-2")
    refused = _post(unscoped, SERVICE_REQUEST, request)
    assert refused.status_code == 403
    assert "referrals:exchange" in refused.json()["detail"]
    assert unscoped.get(f"/api/v1/referrals/{made.pk}/fhir/Task").status_code == 403
    assert Client().get(f"/api/v1/referrals/{made.pk}/fhir/Task").status_code == 401
    assert _post(Client(), SERVICE_REQUEST, request).status_code == 401
    assert Referral.objects.count() == 1


def test_a_key_does_not_move_the_loop_or_use_the_personal_endpoints(world: World) -> None:
    practice = _practice(world)
    made = referral(world, referrer=gp(world, organisation=practice))
    system = _system(practice)
    task = fhir.task(made, include_outcome=False)
    task["status"] = "accepted"
    moved = _post(system, "/api/v1/referrals/fhir/Task", task)
    assert moved.status_code == 403
    assert "coach" in moved.json()["detail"]
    made.refresh_from_db()
    assert made.status == Status.SENT
    listed = system.get("/api/v1/referrals")
    assert listed.status_code == 403
    assert "one by one" in listed.json()["detail"]
    body = {"code": selectors.code_of(user=world.resident).code, "reason": "bewegen"}
    created = _post(system, "/api/v1/referrals", {**body, "resident_consented": True})
    assert created.status_code == 403
    assert "ServiceRequest" in created.json()["detail"]
    assert system.get(f"/api/v1/referrals/{made.pk}/proposals").status_code == 403


def test_reads_by_a_key_are_logged_with_the_practice_as_reader(world: World) -> None:
    practice = _practice(world)
    made = referral(world, referrer=gp(world, organisation=practice))
    system = _system(practice)
    for url in _reads_of(made):
        assert system.get(url).status_code == 200, url
    logged = AccessLog.objects.filter(subject=world.resident, resource=f"referral {made.pk}")
    assert logged.count() == 3
    assert {(a.actor, a.reader.startswith(practice.name)) for a in logged} == {(None, True)}
    # The resident sees which practice's system looked, on "my data" and in their export.
    resident = Client()
    resident.force_login(world.resident)
    assert practice.name in resident.get(reverse("privacy:my_data")).content.decode()
    export = resident.get(reverse("privacy:export")).json()
    readers = {a["by"] for a in export["sections"]["privacy"]["accesses_to_my_data"]}
    assert any(r.startswith(practice.name) for r in readers)
