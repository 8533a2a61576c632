"""Panel surveys: the same rules at the page and at the API, and in the services behind them.

A coordinator runs the panel of their own wijk (MANAGE_PANEL, scoped); a region-wide survey
belongs to who holds the whole region. Each operation that has a page and an endpoint runs the
same cases through both doors.
"""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from gezondewijk.checks import defaults, services
from gezondewijk.checks.models import PanelSurvey, SurveyStatus
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.checks.factories import panel_survey
from tests.conftest import World
from tests.doors import Door, Outcome, caller, client_for

ALLOWED, FORBIDDEN, NOT_FOUND, REFUSED_INPUT = (
    Outcome.ALLOWED,
    Outcome.FORBIDDEN,
    Outcome.NOT_FOUND,
    Outcome.REFUSED_INPUT,
)

# -- creating a survey ------------------------------------------------------------------------


def _create_page(client: Client, wijk: Any) -> Any:
    data = {"title": "Wijkpanel", "wijk": wijk.pk, "themes": ["contact"]}
    return client.post(reverse("checks:panel_create"), data)


def _create_api(client: Client, wijk: Any) -> Any:
    body = {"title": "Wijkpanel", "wijk": wijk.code, "themes": ["contact"]}
    return client.post("/api/v1/checks/panel/surveys", body, content_type="application/json")


CREATE_DOORS = [
    Door("page", _create_page, {ALLOWED: 302, FORBIDDEN: 403, REFUSED_INPUT: 200}),
    Door("api", _create_api, {ALLOWED: 201, FORBIDDEN: 403, REFUSED_INPUT: 422}),
]

CREATE_CASES = [
    ("coordinator here", "wijk", ALLOWED),
    ("coordinator here", "other_wijk", REFUSED_INPUT),
    ("coordinator elsewhere", "wijk", REFUSED_INPUT),
    ("coordinator of the region", "other_wijk", ALLOWED),
    ("region admin", "wijk", ALLOWED),
    ("researcher", "wijk", FORBIDDEN),
    ("resident", "wijk", FORBIDDEN),
]


@pytest.mark.parametrize("door", CREATE_DOORS, ids=str)
@pytest.mark.parametrize(("who", "where", "outcome"), CREATE_CASES)
def test_creating_a_survey_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, where: str, outcome: Outcome
) -> None:
    wijk = getattr(world, where)
    reply = door.call(client_for(caller(world, who)), wijk)
    assert reply.status_code == door.statuses[outcome]
    assert PanelSurvey.objects.filter(wijk=wijk).exists() == (outcome is ALLOWED)


def _resource(title: str) -> dict[str, Any]:
    return defaults.panel_questionnaire(slug=title, title=title, themes=["contact"], questions=[])


@pytest.mark.parametrize(
    ("who", "where", "allowed"),
    [
        ("coordinator here", "wijk", True),
        ("coordinator here", "other_wijk", False),
        ("coordinator here", "region", False),  # a wijk coordinator runs no region-wide survey
        ("coordinator of the region", "region", True),
        ("region admin", "region", True),
        ("researcher", "wijk", False),
        ("resident", "wijk", False),
    ],
)
def test_the_service_creates_a_survey_only_for_who_runs_the_panel_there(
    world: World, who: str, where: str, allowed: bool
) -> None:
    wijk = None if where == "region" else getattr(world, where)

    def create() -> PanelSurvey:
        return services.panel_survey_create(
            created_by=caller(world, who),
            region=world.region,
            wijk=wijk,
            title="Wijkpanel",
            resource=_resource(f"t-{who}-{where}".replace(" ", "-")),
        )

    if allowed:
        assert create().wijk == wijk
    else:
        with pytest.raises(PermissionDenied):
            create()
        assert not PanelSurvey.objects.exists()


# -- reading and running one survey -------------------------------------------------------------


def _survey(world: World, region_wide: bool) -> PanelSurvey:
    if not region_wide:
        return panel_survey(world.wijk)
    return services.panel_survey_create(
        created_by=factories.user_with_role(Role.REGION_ADMIN, world.region),
        region=world.region,
        title="Hele regio",
        resource=_resource("hele-regio"),
    )


READ_DOORS = [
    Door(
        "page",
        lambda client, survey: client.get(reverse("checks:panel_detail", args=[survey.pk])),
        {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
    Door(
        "api",
        lambda client, survey: client.get(f"/api/v1/checks/panel/surveys/{survey.pk}/results"),
        {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
]

OPEN_DOORS = [
    Door(
        "page",
        lambda client, survey: client.post(
            reverse("checks:panel_action", args=[survey.pk, "open"])
        ),
        {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
    Door(
        "api",
        lambda client, survey: client.post(
            f"/api/v1/checks/panel/surveys/{survey.pk}/actions/open"
        ),
        {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404},
    ),
]

SURVEY_CASES = [
    ("coordinator here", False, ALLOWED),
    ("coordinator elsewhere", False, NOT_FOUND),
    ("coordinator of the region", False, ALLOWED),
    ("region admin", False, ALLOWED),
    ("researcher", False, FORBIDDEN),
    ("resident", False, FORBIDDEN),
    ("coordinator here", True, NOT_FOUND),
    ("coordinator of the region", True, ALLOWED),
]


@pytest.mark.parametrize("door", READ_DOORS, ids=str)
@pytest.mark.parametrize(("who", "region_wide", "outcome"), SURVEY_CASES)
def test_reading_a_survey_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, region_wide: bool, outcome: Outcome
) -> None:
    survey = _survey(world, region_wide)
    reply = door.call(client_for(caller(world, who)), survey)
    assert reply.status_code == door.statuses[outcome]


@pytest.mark.parametrize("door", OPEN_DOORS, ids=str)
@pytest.mark.parametrize(("who", "region_wide", "outcome"), SURVEY_CASES)
def test_opening_a_survey_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, region_wide: bool, outcome: Outcome
) -> None:
    survey = _survey(world, region_wide)
    reply = door.call(client_for(caller(world, who)), survey)
    assert reply.status_code == door.statuses[outcome]
    survey.refresh_from_db()
    assert (survey.status == SurveyStatus.OPEN) == (outcome is ALLOWED)


@pytest.mark.parametrize(
    "step",
    [
        services.panel_survey_open,
        services.panel_invite,
        services.panel_remind,
        services.panel_survey_close,
    ],
)
def test_the_panel_services_refuse_a_coordinator_of_another_wijk(world: World, step: Any) -> None:
    survey = panel_survey(world.wijk)
    outsider = caller(world, "coordinator elsewhere")
    with pytest.raises(PermissionDenied):
        step(actor=outsider, survey=survey)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT


def test_importing_a_questionnaire_is_for_the_region_administrator(world: World) -> None:
    resource = _resource("import")
    with pytest.raises(PermissionDenied):
        services.questionnaire_import(actor=world.coordinator, resource=resource, kind="panel")
    stored = services.questionnaire_import(
        actor=caller(world, "region admin"), resource=resource, kind="panel"
    )
    assert stored.url == resource["url"]
