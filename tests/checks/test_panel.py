"""The neighbourhood panel: coordinators build surveys, invite the panel, open and close."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from gezondewijk.checks import services
from gezondewijk.checks.models import PanelInvitation, PanelSurvey, Response, SurveyStatus
from gezondewijk.permissions.roles import Role
from gezondewijk.privacy.models import Purpose
from tests import factories
from tests.checks.factories import panel_survey, resident
from tests.conftest import World


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_coordinator_builds_a_survey_with_blocks_and_own_questions(world: World) -> None:
    reply = _client(world.coordinator).post(
        reverse("checks:panel_create"),
        {
            "title": "Voorjaar in Centrum",
            "wijk": world.wijk.pk,
            "themes": ["veiligheid"],
            "q1_text": "Welke plek in de buurt mist u?",
            "q1_kind": "text",
            "q2_text": "Hoe komt u naar het buurthuis?",
            "q2_kind": "single",
            "q2_choices": "lopend, fiets, auto",
        },
    )
    assert reply.status_code == 302, reply.content
    survey = PanelSurvey.objects.get()
    assert survey.status == SurveyStatus.DRAFT
    assert survey.wijk == world.wijk
    items = survey.questionnaire.resource["item"]
    assert [i["linkId"] for i in items] == ["veiligheid.avond", "eigen.1", "eigen.2"]
    assert len(items[2]["answerOption"]) == 3


def test_a_choice_question_without_options_is_refused_by_name(world: World) -> None:
    reply = _client(world.coordinator).post(
        reverse("checks:panel_create"),
        {"title": "X", "wijk": world.wijk.pk, "q1_text": "Welke?", "q1_kind": "multiple"},
    )
    assert reply.status_code == 200
    assert "q1_choices" in reply.context["form"].errors
    assert not PanelSurvey.objects.exists()


def test_only_residents_who_joined_the_panel_are_invited(world: World) -> None:
    members = [resident(world.buurt, Purpose.PANEL) for _ in range(3)]
    resident(world.buurt)  # did not join
    resident(world.other_buurt, Purpose.PANEL)  # lives in another wijk
    survey = panel_survey(world.wijk)
    assert services.panel_invite(actor=survey.created_by, survey=survey) == 3
    assert services.panel_invite(actor=survey.created_by, survey=survey) == 0  # nobody twice
    assert set(PanelInvitation.objects.values_list("user_id", flat=True)) == {m.pk for m in members}


def test_a_survey_window_opens_and_closes_and_answers_only_fit_inside_it(world: World) -> None:
    member = resident(world.buurt, Purpose.PANEL)
    survey = panel_survey(world.wijk)
    services.panel_invite(actor=survey.created_by, survey=survey)
    client = _client(member)
    answer_url = reverse("checks:panel_answer", args=[survey.pk])
    assert client.get(answer_url).status_code == 404  # still a draft
    services.panel_survey_open(actor=survey.created_by, survey=survey)
    assert client.get(reverse("checks:panel_list")).context["invitations"].count() == 1
    reply = client.post(
        answer_url,
        {"beleving.prettig": "8", "beleving.groen": "6", "gezondheid.algemeen": "7",
         "gezondheid.bewegen": "true"},
    )  # fmt: skip
    assert reply.status_code == 302
    assert Response.objects.get(survey=survey).answers["gezondheid.bewegen"] == [True]
    assert client.get(answer_url).status_code == 200  # still open, but a second answer fails:
    with pytest.raises(ValidationError):
        services.response_submit(
            user=member,
            questionnaire=survey.questionnaire,
            raw_answers={"beleving.prettig": 1, "beleving.groen": 1, "gezondheid.algemeen": 1,
                         "gezondheid.bewegen": False},
            survey=survey,
        )  # fmt: skip
    services.panel_survey_close(actor=survey.created_by, survey=survey)
    assert client.get(answer_url).status_code == 404
    with pytest.raises(ValidationError):
        services.panel_survey_open(actor=survey.created_by, survey=survey)


def test_the_coordinator_follows_the_response_rate_and_sends_reminders(world: World) -> None:
    members = [resident(world.buurt, Purpose.PANEL) for _ in range(12)]
    survey = panel_survey(world.wijk, themes=["veiligheid"])
    client = _client(world.coordinator)
    client.post(reverse("checks:panel_action", args=[survey.pk, "invite"]))
    client.post(reverse("checks:panel_action", args=[survey.pk, "open"]))
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    for member in members[:9]:
        services.response_submit(
            user=member,
            questionnaire=survey.questionnaire,
            raw_answers={"veiligheid.avond": 6},
            survey=survey,
        )
    assert services.panel_remind(actor=survey.created_by, survey=survey) == 3
    page = client.get(reverse("checks:panel_detail", args=[survey.pk]))
    rate = page.context["rate"][0]
    assert (rate["invited"], rate["answered"], rate["rate"]) == (12, 9, 75.0)
    # Nine answers are fewer than k = 10: the result per buurt stays hidden.
    assert all(row["suppressed"] for row in page.context["results"])


def test_a_coordinator_of_another_wijk_does_not_find_the_survey(world: World) -> None:
    survey = panel_survey(world.wijk)
    other = factories.user_with_role(Role.COORDINATOR, world.other_wijk)
    client = _client(other)
    assert client.get(reverse("checks:panel_detail", args=[survey.pk])).status_code == 404
    assert client.post(reverse("checks:panel_action", args=[survey.pk, "open"])).status_code == 404
    assert client.get(f"/api/v1/checks/panel/surveys/{survey.pk}/results").status_code == 404
    assert client.get("/api/v1/checks/panel/surveys").json() == []
    reply = client.post(
        "/api/v1/checks/panel/surveys",
        {"title": "X", "wijk": world.wijk.code, "themes": ["contact"]},
        content_type="application/json",
    )
    assert reply.status_code == 422
    assert reply.json()["detail"][0]["loc"] == ["body", "payload", "wijk"]


def test_panel_results_count_only_current_panel_members(world: World) -> None:
    members = [resident(world.buurt, Purpose.PANEL) for _ in range(10)]
    survey = panel_survey(world.wijk, themes=["veiligheid"])
    services.panel_invite(actor=survey.created_by, survey=survey)
    services.panel_survey_open(actor=survey.created_by, survey=survey)
    for member in members:
        services.response_submit(
            user=member,
            questionnaire=survey.questionnaire,
            raw_answers={"veiligheid.avond": 4},
            survey=survey,
        )
    client = _client(world.coordinator)
    rows = client.get(f"/api/v1/checks/panel/surveys/{survey.pk}/results").json()
    assert rows[0]["n"] == 10
    assert rows[0]["mean"] == 4.0
    from gezondewijk.privacy import services as privacy_services

    privacy_services.consent_withdraw(user=members[0], purpose=Purpose.PANEL)
    rows = client.get(f"/api/v1/checks/panel/surveys/{survey.pk}/results").json()
    assert rows[0]["suppressed"]


def test_a_panel_member_answers_through_the_api(world: World) -> None:
    member = resident(world.buurt, Purpose.PANEL)
    survey = panel_survey(world.wijk, themes=["veiligheid"])
    services.panel_invite(actor=survey.created_by, survey=survey)
    services.panel_survey_open(actor=survey.created_by, survey=survey)
    client = _client(member)
    assert [i["survey_id"] for i in client.get("/api/v1/checks/panel/invitations").json()] == [
        survey.pk
    ]
    url = f"/api/v1/checks/panel/invitations/{survey.pk}/response"
    bad = client.post(url, {"answers": {"veiligheid.avond": "veel"}}, "application/json")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"][-1] == "veiligheid.avond"
    good = client.post(url, {"answers": {"veiligheid.avond": 3}}, "application/json")
    assert good.status_code == 201
    assert (
        client.post(url, {"answers": {"veiligheid.avond": 3}}, "application/json").status_code
        == 404
    )
    assert client.get("/api/v1/checks/panel/invitations").json() == []
    rate = _client(world.coordinator).get(f"/api/v1/checks/panel/surveys/{survey.pk}/rate").json()
    assert rate == [
        {"buurt": world.buurt.code, "invited": None, "answered": None, "rate": None,
         "suppressed": True}
    ]  # fmt: skip


def test_a_region_wide_survey_is_listed_only_for_who_holds_the_region(world: World) -> None:
    region_coordinator = factories.user_with_role(Role.COORDINATOR, world.region)
    survey = services.panel_survey_create(
        created_by=region_coordinator,
        region=world.region,
        title="Hele regio",
        resource=panel_survey(world.wijk).questionnaire.resource | {"version": "2"},
    )
    listed = _client(world.coordinator).get(reverse("checks:panel_list")).context["surveys"]
    assert survey not in listed
    listed = _client(region_coordinator).get(reverse("checks:panel_list")).context["surveys"]
    assert survey in listed
