"""The project bank API: search with facets, writes with field-named errors, and exchange."""

import json

import pytest
from django.test import Client

from gezondewijk.permissions.roles import Role
from gezondewijk.projectbank.models import Intervention
from tests import factories
from tests.conftest import World
from tests.projectbank.factories import InterventionFactory

API = "/api/v1/projectbank"


@pytest.fixture
def professional(world: World) -> Client:
    client = Client()
    client.force_login(factories.user_with_role(Role.PROFESSIONAL, world.gemeente))
    return client


def test_search_ranks_dutch_word_forms_and_counts_facets(professional: Client) -> None:
    InterventionFactory(title="Eenzaamheid doorbreken", themes=["eenzaamheid"])
    InterventionFactory(title="Koffie-ochtend", summary="Tegen eenzaamheid.", themes=["meedoen"])
    InterventionFactory(title="Sportief wandelen", themes=["bewegen"])
    body = professional.get(f"{API}/interventions", {"q": "eenzaam"}).json()
    assert [i["title"] for i in body["items"]] == ["Eenzaamheid doorbreken", "Koffie-ochtend"]
    assert body["items"][0]["rank"] > body["items"][1]["rank"]
    facets = professional.get(f"{API}/facets", {"q": "eenzaam"}).json()
    counts = {f["value"]: f["count"] for f in facets["themes"]}
    assert counts["eenzaamheid"] == 1
    assert counts["meedoen"] == 1
    assert counts["bewegen"] == 0


def test_a_bad_write_answers_422_with_the_field_path(professional: Client) -> None:
    response = professional.post(
        f"{API}/interventions",
        data=json.dumps({"title": "X", "summary": "Y", "themes": ["astrologie"]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert any(error["loc"][-2:] == ["themes", 0] for error in response.json()["detail"])
    assert not Intervention.objects.exists()


def test_a_professional_writes_a_playbook_step_by_step(professional: Client) -> None:
    uid = InterventionFactory().uid
    for title in ("Aftrap", "Evaluatie"):
        response = professional.post(
            f"{API}/interventions/{uid}/playbook/steps",
            data=json.dumps({"phase": "start", "title": title, "duration_weeks": 2}),
            content_type="application/json",
        )
        assert response.status_code == 201
    steps = professional.get(f"{API}/interventions/{uid}/playbook").json()["steps"]
    assert [(s["position"], s["title"]) for s in steps] == [(1, "Aftrap"), (2, "Evaluatie")]


def test_a_bad_import_names_the_record_and_stores_nothing(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    document = {
        "format": "gezondewijk-projectbank",
        "version": 1,
        "exported_at": "2026-01-01T00:00:00Z",
        "bank": {"bank": "Projectenbank Noord"},
        "interventions": [
            {
                "id": "6f9c1f47-52c4-4f8a-9d43-1c2f2f0f6a10",
                "title": "Beweegmaatje",
                "summary": "Samen bewegen.",
                "themes": ["bewegen"],
                "recognition": "effectief",
                "provenance": {"bank": "Projectenbank Noord"},
                "updated_at": "2026-01-01T00:00:00Z",
            }
        ],
    }
    response = client.post(
        f"{API}/import", data=json.dumps(document), content_type="application/json"
    )
    assert response.status_code == 422
    message = response.json()["detail"][0]["msg"]
    assert "interventions[0] “Beweegmaatje” → recognition" in message
    assert not Intervention.objects.exists()


def test_a_patch_with_nulls_leaves_those_fields_as_they_are(professional: Client) -> None:
    # Found by the schemathesis fuzz test: "evidence": null was a server error.
    intervention = InterventionFactory(title="Samen wandelen", target_group="ouderen")
    nulls = {"title": None, "themes": None, "recognition": None, "evidence": None}
    response = professional.patch(
        f"{API}/interventions/{intervention.uid}",
        data=json.dumps({**nulls, "target_group": None, "summary": "Elke week."}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    intervention.refresh_from_db()
    assert intervention.title == "Samen wandelen"
    assert intervention.target_group == "ouderen"
    assert intervention.summary == "Elke week."


def test_a_patch_with_a_null_cost_indication_clears_it(professional: Client) -> None:
    intervention = InterventionFactory(cost_indication="250.00")
    response = professional.patch(
        f"{API}/interventions/{intervention.uid}",
        data=json.dumps({"cost_indication": None}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    intervention.refresh_from_db()
    assert intervention.cost_indication is None
