"""A resident fills in the health check, sees their scores over time and decides on consent."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.checks.models import Response
from gezondewijk.permissions.roles import Role
from gezondewijk.privacy import selectors as privacy_selectors
from gezondewijk.privacy import services as privacy_services
from gezondewijk.privacy.models import Purpose
from tests import factories
from tests.checks.factories import health_check, health_check_answers, resident
from tests.conftest import World


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_resident_fills_in_the_check_and_sees_the_scores(world: World) -> None:
    client = _client(world.resident)
    form = client.get(reverse("checks:fill_in"))
    assert form.status_code == 200
    assert b'name="zingeving.1"' in form.content
    answers = health_check_answers(6, **{"meedoen.1": 9, "meedoen.2": 9, "meedoen.3": 9})
    reply = client.post(reverse("checks:fill_in"), {k: str(v) for k, v in answers.items()})
    assert reply.status_code == 302
    page = client.get(reverse("checks:overview"))
    assert b'id="spider"' in page.content
    assert b"spider-data" in page.content
    history = page.context["history"]
    assert len(history) == 1
    assert history[0]["scores"] == [6.0, 6.0, 6.0, 6.0, 9.0, 6.0]


def test_a_form_with_a_missing_answer_keeps_the_others_and_names_the_question(
    world: World,
) -> None:
    answers = {k: str(v) for k, v in health_check_answers(6).items()}
    del answers["zingeving.2"]
    reply = _client(world.resident).post(reverse("checks:fill_in"), answers)
    assert reply.status_code == 422
    assert b'id="err-zingeving.2"' in reply.content
    assert b'name="zingeving.1" value="6" checked' in reply.content
    assert not Response.objects.exists()


def test_the_history_shows_how_the_scores_changed(world: World) -> None:
    health_check(world.resident, 4)
    health_check(world.resident, 8)
    page = _client(world.resident).get(reverse("checks:overview"))
    assert [h["scores"][0] for h in page.context["history"]] == [8.0, 4.0]
    assert len(page.context["chart"]["datasets"]) == 2


def test_consent_per_purpose_is_given_and_withdrawn_on_the_page(world: World) -> None:
    client = _client(world.resident)
    url = reverse("checks:consent")
    client.post(url, {"purpose": Purpose.NEIGHBOURHOOD_AGGREGATES.value, "granted": "1"})
    assert privacy_selectors.has_consent(
        user=world.resident, purpose=Purpose.NEIGHBOURHOOD_AGGREGATES
    )
    assert not privacy_selectors.has_consent(user=world.resident, purpose=Purpose.RESEARCH)
    client.post(url, {"purpose": Purpose.NEIGHBOURHOOD_AGGREGATES.value, "granted": "0"})
    assert not privacy_selectors.has_consent(
        user=world.resident, purpose=Purpose.NEIGHBOURHOOD_AGGREGATES
    )


@pytest.mark.parametrize(
    "role", [Role.COORDINATOR, Role.PROFESSIONAL, Role.FUNDER, Role.RESEARCHER, Role.REGION_ADMIN]
)
def test_no_other_role_reads_a_residents_answers(world: World, role: Role) -> None:
    response = health_check(world.resident, 3)
    other = factories.user_with_role(role, world.region)
    client = _client(other)
    assert client.get(reverse("checks:overview")).status_code == 403
    assert client.get(reverse("checks:export_fhir")).status_code == 403
    assert client.get("/api/v1/checks/responses").status_code == 403
    assert client.get(f"/api/v1/checks/responses/{response.pk}").status_code in {403, 404}
    figures = client.get("/api/v1/checks/figures?level=buurt")
    assert b'"3.0"' not in figures.content
    assert b"zingeving.1" not in figures.content


def test_another_resident_cannot_read_my_response(world: World) -> None:
    mine = health_check(world.resident, 3)
    neighbour = factories.user_with_role(Role.RESIDENT, world.wijk)
    factories.ResidentProfileFactory(user=neighbour, buurt=world.buurt)
    client = _client(neighbour)
    assert client.get(f"/api/v1/checks/responses/{mine.pk}").status_code == 404
    assert client.get("/api/v1/checks/responses").json() == []
    assert client.get("/api/v1/checks/responses/fhir").json()["entry"] == []


def test_the_api_fills_in_the_check_and_names_bad_answers(world: World) -> None:
    client = _client(world.resident)
    body = {"answers": health_check_answers(7, **{"meedoen.1": 14})}
    reply = client.post("/api/v1/checks/responses", body, content_type="application/json")
    assert reply.status_code == 422
    assert reply.json()["detail"][0]["loc"] == ["body", "payload", "answers", "meedoen.1"]
    body = {"answers": health_check_answers(7)}
    reply = client.post("/api/v1/checks/responses", body, content_type="application/json")
    assert reply.status_code == 201
    assert reply.json()["scores"]["meedoen"] == 7.0


def test_the_resident_sees_the_buurt_average_only_above_the_threshold(world: World) -> None:
    neighbours = [resident(world.buurt, Purpose.NEIGHBOURHOOD_AGGREGATES) for _ in range(9)]
    for neighbour in neighbours:
        health_check(neighbour, 4)
    health_check(world.resident, 8)
    client = _client(world.resident)
    assert client.get(reverse("checks:overview")).context["neighbourhood"] is None
    privacy_services.consent_grant(user=world.resident, purpose=Purpose.NEIGHBOURHOOD_AGGREGATES)
    page = client.get(reverse("checks:overview"))
    scores, n = page.context["neighbourhood"]
    assert n == 10
    assert scores[0] == 4.4
    assert page.context["chart"]["datasets"][0]["buurt"] is True


def test_a_resident_deletes_one_of_their_checks(world: World) -> None:
    first = health_check(world.resident, 4)
    second = health_check(world.resident, 6)
    client = _client(world.resident)
    assert client.post(reverse("checks:response_delete", args=[first.pk])).status_code == 302
    assert client.delete(f"/api/v1/checks/responses/{second.pk}").status_code == 204
    assert not Response.objects.exists()
