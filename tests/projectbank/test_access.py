"""One intervention and its draaiboek, the same rules at the page and at the API.

The project bank is shared: everyone logged in finds every intervention, so a refused role is
told so (403) at both doors and a missing intervention is not found (404). Writing is for
professionals, coordinators and region administrators; selecting one is on behalf of an
organisation the person may speak for; sharing an experience also for initiative leads.
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.cycle.models import Step
from gezondewijk.projectbank.models import (
    BudgetLine,
    Endorsement,
    ExperienceReport,
    PlaybookStep,
)
from tests.conftest import World
from tests.doors import Door, Outcome, caller, client_for
from tests.projectbank.factories import InterventionFactory, StepFactory, health_centre

ALLOWED, FORBIDDEN, NOT_FOUND = Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.NOT_FOUND
REFUSED_INPUT = Outcome.REFUSED_INPUT

EVERYONE = ["resident", "coordinator elsewhere", "researcher", "funder", "professional"]

WRITE_CASES = [
    ("coordinator here", ALLOWED),
    ("region admin", ALLOWED),
    ("professional", ALLOWED),
    ("researcher", FORBIDDEN),
    ("funder", FORBIDDEN),
    ("resident", FORBIDDEN),
]


MISSING = "00000000-0000-4000-8000-000000000000"  # no intervention has this uid


# -- reading one intervention ----------------------------------------------------------------

READ_DOORS = [
    Door(
        "page",
        lambda client, uid: client.get(reverse("projectbank:intervention_detail", args=[uid])),
        {ALLOWED: 200, NOT_FOUND: 404},
    ),
    Door(
        "api",
        lambda client, uid: client.get(f"/api/v1/projectbank/interventions/{uid}"),
        {ALLOWED: 200, NOT_FOUND: 404},
    ),
]


@pytest.mark.parametrize("door", READ_DOORS, ids=str)
@pytest.mark.parametrize("who", EVERYONE)
def test_every_role_finds_an_intervention_and_a_missing_one_at_both_doors(
    world: World, door: Door, who: str
) -> None:
    intervention = InterventionFactory()
    client = client_for(caller(world, who))
    assert door.call(client, intervention.uid).status_code == door.statuses[ALLOWED]
    assert door.call(client, MISSING).status_code == door.statuses[NOT_FOUND]


# -- reading its draaiboek -------------------------------------------------------------------

PLAYBOOK_DOORS = [
    Door(
        "page",
        lambda client, uid: client.get(reverse("projectbank:playbook_json", args=[uid])),
        {ALLOWED: 200, NOT_FOUND: 404},
    ),
    Door(
        "api",
        lambda client, uid: client.get(f"/api/v1/projectbank/interventions/{uid}/playbook"),
        {ALLOWED: 200, NOT_FOUND: 404},
    ),
]


@pytest.mark.parametrize("door", PLAYBOOK_DOORS, ids=str)
@pytest.mark.parametrize("who", EVERYONE)
def test_every_role_finds_a_draaiboek_and_none_where_there_is_none_at_both_doors(
    world: World, door: Door, who: str
) -> None:
    with_playbook = StepFactory().playbook.intervention
    without = InterventionFactory()
    client = client_for(caller(world, who))
    assert door.call(client, with_playbook.uid).status_code == door.statuses[ALLOWED]
    assert door.call(client, without.uid).status_code == door.statuses[NOT_FOUND]
    assert door.call(client, MISSING).status_code == door.statuses[NOT_FOUND]


# -- the experiences with a step of the cycle -----------------------------------------------

STEP_DOORS = [
    Door(
        "page",
        lambda client, key: client.get(reverse("projectbank:step_experiences", args=[key])),
        {ALLOWED: 200, NOT_FOUND: 404},
    ),
    Door(
        "api",
        lambda client, key: client.get(f"/api/v1/projectbank/cycle-steps/{key}/experiences"),
        {ALLOWED: 200, NOT_FOUND: 404},
    ),
]


@pytest.mark.parametrize("door", STEP_DOORS, ids=str)
@pytest.mark.parametrize("who", EVERYONE)
def test_every_role_finds_a_step_of_the_cycle_and_a_missing_one_at_both_doors(
    world: World, door: Door, who: str
) -> None:
    step = Step.objects.order_by("order").first()
    assert step is not None, "the cycle's steps come with the migrations"
    client = client_for(caller(world, who))
    assert door.call(client, step.key).status_code == door.statuses[ALLOWED]
    assert door.call(client, "no-such-step").status_code == door.statuses[NOT_FOUND]


# -- editing an intervention -----------------------------------------------------------------


def _edit_page(client: Client, uid: Any) -> Any:
    url = reverse("projectbank:intervention_edit", args=[uid])
    data = {"title": "Nieuwe titel", "summary": "Kort.", "recognition": "niet_beoordeeld"}
    return client.post(url, {**data, "themes": ["voeding"]})


def _edit_api(client: Client, uid: Any) -> Any:
    url = f"/api/v1/projectbank/interventions/{uid}"
    return client.patch(url, {"title": "Nieuwe titel"}, content_type="application/json")


EDIT_DOORS = [
    Door("page", _edit_page, {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404}),
    Door("api", _edit_api, {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404}),
]


@pytest.mark.parametrize("door", EDIT_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), WRITE_CASES)
def test_editing_an_intervention_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    intervention = InterventionFactory(title="Oude titel")
    client = client_for(caller(world, who))
    assert door.call(client, intervention.uid).status_code == door.statuses[outcome]
    intervention.refresh_from_db()
    assert (intervention.title == "Nieuwe titel") == (outcome is ALLOWED)
    if outcome is ALLOWED:
        missing = door.call(client, MISSING)
        assert missing.status_code == door.statuses[NOT_FOUND]


# -- adding a step and a budget line to its draaiboek ---------------------------------------


def _step_page(client: Client, uid: Any) -> Any:
    url = reverse("projectbank:step_add", args=[uid])
    return client.post(url, {"phase": "start", "title": "Werven", "duration_weeks": 2})


def _step_api(client: Client, uid: Any) -> Any:
    url = f"/api/v1/projectbank/interventions/{uid}/playbook/steps"
    body = {"phase": "start", "title": "Werven", "duration_weeks": 2}
    return client.post(url, body, content_type="application/json")


STEP_ADD_DOORS = [
    Door("page", _step_page, {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404}),
    Door("api", _step_api, {ALLOWED: 201, FORBIDDEN: 403, NOT_FOUND: 404}),
]


@pytest.mark.parametrize("door", STEP_ADD_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), WRITE_CASES)
def test_adding_a_draaiboek_step_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    intervention = InterventionFactory()
    client = client_for(caller(world, who))
    assert door.call(client, intervention.uid).status_code == door.statuses[outcome]
    added = PlaybookStep.objects.filter(playbook__intervention=intervention, title="Werven")
    assert added.exists() == (outcome is ALLOWED)
    if outcome is ALLOWED:
        missing = door.call(client, MISSING)
        assert missing.status_code == door.statuses[NOT_FOUND]


def _budget_page(client: Client, uid: Any) -> Any:
    url = reverse("projectbank:budget_add", args=[uid])
    return client.post(url, {"category": "locatie", "description": "Zaal", "amount": "80"})


def _budget_api(client: Client, uid: Any) -> Any:
    url = f"/api/v1/projectbank/interventions/{uid}/playbook/budget-lines"
    body = {"category": "locatie", "description": "Zaal", "amount": "80"}
    return client.post(url, body, content_type="application/json")


BUDGET_DOORS = [
    Door("page", _budget_page, {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404}),
    Door("api", _budget_api, {ALLOWED: 201, FORBIDDEN: 403, NOT_FOUND: 404}),
]


@pytest.mark.parametrize("door", BUDGET_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), WRITE_CASES)
def test_adding_a_budget_line_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    intervention = InterventionFactory()
    client = client_for(caller(world, who))
    assert door.call(client, intervention.uid).status_code == door.statuses[outcome]
    added = BudgetLine.objects.filter(playbook__intervention=intervention, description="Zaal")
    assert added.exists() == (outcome is ALLOWED)


# -- sharing an experience -------------------------------------------------------------------

EXPERIENCE = {
    "wijk_type": "stedelijk",
    "target_group": "Ouderen",
    "what_worked": "Vaste tijd op dinsdag.",
    "rating": 4,
}


def _experience_page(client: Client, uid: Any) -> Any:
    return client.post(reverse("projectbank:experience_create", args=[uid]), EXPERIENCE)


def _experience_api(client: Client, uid: Any) -> Any:
    url = f"/api/v1/projectbank/interventions/{uid}/experiences"
    return client.post(url, EXPERIENCE, content_type="application/json")


EXPERIENCE_DOORS = [
    Door("page", _experience_page, {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404}),
    Door("api", _experience_api, {ALLOWED: 201, FORBIDDEN: 403, NOT_FOUND: 404}),
]


@pytest.mark.parametrize("door", EXPERIENCE_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), WRITE_CASES)
def test_sharing_an_experience_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    intervention = InterventionFactory()
    client = client_for(caller(world, who))
    assert door.call(client, intervention.uid).status_code == door.statuses[outcome]
    shared = ExperienceReport.objects.filter(intervention=intervention)
    assert shared.exists() == (outcome is ALLOWED)
    if outcome is ALLOWED:
        missing = door.call(client, MISSING)
        assert missing.status_code == door.statuses[NOT_FOUND]


# -- selecting it on behalf of an organisation ----------------------------------------------


def _endorse_page(client: Client, target: tuple[Any, int]) -> Any:
    uid, organisation = target
    url = reverse("projectbank:intervention_endorse", args=[uid])
    return client.post(url, {"organisation": organisation})


def _endorse_api(client: Client, target: tuple[Any, int]) -> Any:
    uid, organisation = target
    url = f"/api/v1/projectbank/interventions/{uid}/endorsements"
    return client.post(url, {"organisation": organisation}, content_type="application/json")


# The page does not offer an organisation one may not speak for: the form refuses it and the
# page goes back to the intervention with a message; the API names the field.
ENDORSE_DOORS = [
    Door(
        "page",
        _endorse_page,
        {ALLOWED: 302, REFUSED_INPUT: 302, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
    Door(
        "api",
        _endorse_api,
        {ALLOWED: 201, REFUSED_INPUT: 422, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
]

ENDORSE_CASES = [
    ("coordinator here", ALLOWED),
    ("region admin", ALLOWED),
    ("professional", REFUSED_INPUT),  # works for no health centre
    ("researcher", FORBIDDEN),
    ("funder", FORBIDDEN),
    ("resident", FORBIDDEN),
]


@pytest.mark.parametrize("door", ENDORSE_DOORS, ids=str)
@pytest.mark.parametrize(("who", "outcome"), ENDORSE_CASES)
def test_selecting_an_intervention_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    intervention = InterventionFactory()
    centre = health_centre(name="Gezondheidscentrum De Linde")
    client = client_for(caller(world, who))
    reply = door.call(client, (intervention.uid, centre.pk))
    assert reply.status_code == door.statuses[outcome]
    endorsed = Endorsement.objects.filter(intervention=intervention, organisation=centre)
    assert endorsed.exists() == (outcome is ALLOWED)
    if outcome is ALLOWED:
        missing = door.call(client, (MISSING, centre.pk))
        assert missing.status_code == door.statuses[NOT_FOUND]
