"""A resident links their PGO with a pseudonymous code; the PGO's system sends answers."""

import json
from typing import Any

from django.test import Client
from django.urls import reverse

from gezondewijk.checks import services
from gezondewijk.checks.fhir import LINK_SYSTEM
from gezondewijk.checks.models import PgoLink, Response
from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope
from gezondewijk.privacy import services as privacy_services
from tests import factories
from tests.checks.factories import health_check_answers, resident
from tests.conftest import World

BSN = "999990019"


def _pgo(world: World, scopes: list[ApiScope]) -> Client:
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    _, raw = people_services.api_key_create(organisation=organisation, name="PGO", scopes=scopes)
    return Client(headers={"X-API-Key": raw})


def _response(code: str, score: int = 5) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "contained": [
            {
                "resourceType": "Patient",
                "id": "p",
                "identifier": [{"system": "http://fhir.nl/fhir/NamingSystem/bsn", "value": BSN}],
            }
        ],
        "subject": {"identifier": {"system": LINK_SYSTEM, "value": code}},
        "questionnaire": services.health_check_ensure().canonical,
        "status": "completed",
        "item": [
            {"linkId": k, "answer": [{"valueInteger": v}]}
            for k, v in health_check_answers(score).items()
        ],
    }


def _send(client: Client, document: dict[str, Any]) -> Any:
    return client.post(
        "/api/v1/checks/import", data=json.dumps(document), content_type="application/json"
    )


def test_a_resident_makes_and_revokes_a_link_code(world: World) -> None:
    client = Client()
    client.force_login(world.resident)
    client.post(reverse("checks:link_create"))
    link = PgoLink.objects.get(user=world.resident)
    assert link.code.encode() in client.get(reverse("checks:overview")).content
    client.post(reverse("checks:link_revoke", args=[link.pk]))
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_a_pgo_sends_answers_for_the_linked_residents_all_or_nothing(world: World) -> None:
    other = resident(world.buurt)
    mine = services.pgo_link_create(user=world.resident).code
    theirs = services.pgo_link_create(user=other).code
    pgo = _pgo(world, [ApiScope.CHECKS_IMPORT])
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": _response(mine, 4)}, {"resource": _response("onbekend")}],
    }
    refused = _send(pgo, bundle)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"][:4] == ["body", "Bundle", "entry[1]", "resource"]
    assert not Response.objects.exists()

    bundle["entry"][1] = {"resource": _response(theirs, 8)}
    assert _send(pgo, bundle).json() == {"imported": 2}
    assert Response.objects.get(user=world.resident).values.get(key="meedoen").value == 4.0
    assert Response.objects.get(user=other).values.get(key="meedoen").value == 8.0
    stored = json.dumps(list(Response.objects.values()), default=str)
    assert BSN not in stored
    assert mine not in stored


def test_a_revoked_link_and_a_key_without_the_scope_bring_nothing_in(world: World) -> None:
    link = services.pgo_link_create(user=world.resident)
    assert _send(_pgo(world, [ApiScope.PLACES_READ]), _response(link.code)).status_code == 403
    services.pgo_link_revoke(user=world.resident, link_id=link.pk)
    assert _send(_pgo(world, [ApiScope.CHECKS_IMPORT]), _response(link.code)).status_code == 422
    assert not Response.objects.exists()


def test_links_take_part_in_export_and_erase(world: World) -> None:
    link = services.pgo_link_create(user=world.resident)
    exported = privacy_services.personal_data_export(user=world.resident)
    assert exported["sections"]["checks"]["pgo_links"][0]["code"] == link.code
    privacy_services.personal_data_erase(user=world.resident)
    assert not PgoLink.objects.exists()
