"""Experience reports on a step of the implementation cycle: written, shown with the step and
with the intervention, and shared between banks in the exchange format (version 2)."""

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from gezondewijk.cycle.models import Step
from gezondewijk.permissions.api_auth import Caller
from gezondewijk.projectbank import exchange, services
from gezondewijk.projectbank.models import ExperienceReport, Intervention
from tests.conftest import World
from tests.projectbank.factories import ExperienceFactory, InterventionFactory

pytestmark = pytest.mark.django_db

REPORT = {
    "wijk_type": "aandachtswijk",
    "target_group": "bewoners",
    "what_worked": "Eerst de sleutelfiguren spreken.",
    "rating": 4,
}


def _step(key: str = "kiezen") -> Step:
    return Step.objects.get(key=key)


def test_a_report_on_a_step_alone_is_stored(world: World) -> None:
    report = services.experience_report_create(
        actor=Caller(user=world.coordinator), cycle_step=_step(), **REPORT
    )
    assert report.intervention is None
    assert report.cycle_step == _step()
    assert "Kiezen" in str(report)


def test_a_report_about_nothing_is_refused_by_name(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.experience_report_create(actor=Caller(user=world.coordinator), **REPORT)
    assert "cycle step" in str(caught.value.message_dict["cycle_step"])
    assert not ExperienceReport.objects.exists()


def test_a_resident_may_not_report(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.experience_report_create(
            actor=Caller(user=world.resident), cycle_step=_step(), **REPORT
        )


def test_the_step_page_shows_its_reports_with_their_intervention(world: World) -> None:
    walk = InterventionFactory(title="Wandelen met de huisarts")
    ExperienceFactory(intervention=walk, cycle_step=_step(), what_worked="Pilot in één wijk.")
    ExperienceFactory(intervention=None, cycle_step=_step(), what_worked="Kies maar drie thema's.")
    ExperienceFactory(intervention=walk, cycle_step=_step("doen"), what_worked="Niet hier.")
    client = Client()
    client.force_login(world.resident)
    page = client.get(reverse("projectbank:step_experiences", args=["kiezen"])).text
    assert "Pilot in één wijk." in page
    assert "Kies maar drie thema" in page
    assert "Niet hier." not in page
    assert reverse("projectbank:intervention_detail", args=[walk.uid]) in page
    assert 'name="what_worked"' not in page  # a resident is offered no form
    index = client.get(reverse("projectbank:cycle_experiences")).text
    assert reverse("projectbank:step_experiences", args=["kiezen"]) in index


def test_the_intervention_page_names_the_step_of_a_report(world: World) -> None:
    walk = InterventionFactory(title="Wandelen met de huisarts")
    ExperienceFactory(intervention=walk, cycle_step=_step("doen"))
    client = Client()
    client.force_login(world.resident)
    page = client.get(reverse("projectbank:intervention_detail", args=[walk.uid])).text
    assert reverse("projectbank:step_experiences", args=["doen"]) in page


def test_a_coordinator_shares_an_experience_on_the_step_page(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("projectbank:step_experiences", args=["kiezen"])
    assert client.post(url, {**REPORT, "rating": "9"}).status_code == 400
    assert client.post(url, REPORT).status_code == 302
    assert ExperienceReport.objects.get().cycle_step == _step()
    resident = Client()
    resident.force_login(world.resident)
    assert resident.post(url, REPORT).status_code == 403


def test_an_unknown_step_is_not_found(world: World) -> None:
    client = Client()
    client.force_login(world.resident)
    assert (
        client.get(reverse("projectbank:step_experiences", args=["bestaat-niet"])).status_code
        == 404
    )
    assert client.get("/api/v1/projectbank/cycle-steps/bestaat-niet/experiences").status_code == 404


def test_the_api_lists_a_steps_reports_and_refuses_an_unknown_step(world: World) -> None:
    walk = InterventionFactory(title="Wandelen met de huisarts")
    client = Client()
    client.force_login(world.coordinator)
    created = client.post(
        f"/api/v1/projectbank/interventions/{walk.uid}/experiences",
        {**REPORT, "cycle_step": "doen"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["cycle_step"] == "doen"
    listed = client.get("/api/v1/projectbank/cycle-steps/doen/experiences").json()
    assert [r["what_worked"] for r in listed] == [REPORT["what_worked"]]
    refused = client.post(
        f"/api/v1/projectbank/interventions/{walk.uid}/experiences",
        {**REPORT, "cycle_step": "vliegen"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "vliegen" in json.dumps(refused.json())


@pytest.fixture
def noord(settings: Any) -> dict[str, Any]:
    """Another bank's export with reports on steps, removed again from this database."""
    settings.PROJECTBANK_NAME = "Projectenbank Noord"
    walk = InterventionFactory(title="Wandelen met de huisarts")
    ExperienceFactory(intervention=walk, cycle_step=_step("doen"), what_worked="Met de POH.")
    ExperienceFactory(intervention=None, cycle_step=_step(), what_worked="Drie thema's.")
    document = exchange.bank_export()
    Intervention.objects.all().delete()
    ExperienceReport.objects.all().delete()
    settings.PROJECTBANK_NAME = "Projectenbank Zuid"
    return document


def test_step_reports_travel_in_the_exchange_format(noord: dict[str, Any]) -> None:
    assert noord["version"] == 2
    [alone] = noord["step_experiences"]
    assert alone["cycle_step"] == {"key": "kiezen", "name": "Kiezen"}
    assert alone["provenance"]["bank"] == "Projectenbank Noord"
    [walk] = noord["interventions"]
    assert walk["experiences"][0]["cycle_step"]["key"] == "doen"

    result = exchange.bank_import(json.dumps(noord))
    assert result.experiences_added == 2
    assert result.conflicts == []
    on_step = ExperienceReport.objects.get(intervention__isnull=True)
    assert (on_step.cycle_step, on_step.origin_bank) == (_step(), "Projectenbank Noord")
    assert ExperienceReport.objects.get(intervention__isnull=False).cycle_step == _step("doen")
    again = exchange.bank_import(json.dumps(noord))
    assert again.experiences_added == 0


def test_a_step_this_region_lacks_is_reported_not_guessed(noord: dict[str, Any]) -> None:
    noord["step_experiences"][0]["cycle_step"]["key"] = "vliegen"
    noord["interventions"][0]["experiences"][0]["cycle_step"]["key"] = "zweven"
    result = exchange.bank_import(json.dumps(noord))
    assert any("vliegen" in c and "not imported" in c for c in result.conflicts)
    assert any("zweven" in c and "intervention only" in c for c in result.conflicts)
    assert not ExperienceReport.objects.filter(intervention__isnull=True).exists()
    assert ExperienceReport.objects.get().cycle_step is None


def test_a_version_1_document_still_imports(noord: dict[str, Any]) -> None:
    noord["version"] = 1
    noord.pop("step_experiences")
    for record in noord["interventions"]:
        for report in record["experiences"]:
            report.pop("cycle_step")
    assert exchange.bank_import(json.dumps(noord)).created == 1


def test_a_step_report_without_its_step_is_refused_by_field(noord: dict[str, Any]) -> None:
    noord["step_experiences"][0].pop("cycle_step")
    with pytest.raises(exchange.ExchangeError) as caught:
        exchange.bank_import(json.dumps(noord))
    assert "step_experiences[0] → cycle_step" in " ".join(caught.value.problems)
    assert not Intervention.objects.exists()
