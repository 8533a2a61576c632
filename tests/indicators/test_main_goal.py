"""A wijk chooses its main goal, and its benchmark leads with the indicators of that goal."""

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.indicators import goals
from gezondewijk.indicators.models import Indicator, MainGoal, WijkGoal
from gezondewijk.permissions.roles import Role
from tests.conftest import World
from tests.factories import user_with_role


def _as(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _table(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</table>", start)]


def test_the_coordinator_chooses_a_goal_and_its_indicators_come_first(computed: World) -> None:
    coordinator = _as(computed.coordinator)
    page = reverse("indicators:wijk", args=[computed.wijk.code])
    assert 'data-testid="goal-table"' not in coordinator.get(page).content.decode()

    answer = coordinator.post(
        reverse("indicators:main_goal", args=[computed.wijk.code]), {"goal": MainGoal.WELFARE}
    )
    html = coordinator.get(page).content.decode()

    assert answer.status_code == 302
    assert WijkGoal.objects.get(wijk=computed.wijk).goal == MainGoal.WELFARE
    assert "welzijn en participatie" in html
    # Loneliness belongs to the goal, good health does not: each in its own table.
    assert "eenzaam" in _table(html, "goal-table").lower()
    assert "ervaren gezondheid" not in _table(html, "goal-table").lower()
    assert "ervaren gezondheid" in _table(html, "benchmark-table").lower()


def test_changing_the_goal_keeps_one_choice(computed: World) -> None:
    coordinator = _as(computed.coordinator)
    url = reverse("indicators:main_goal", args=[computed.wijk.code])
    coordinator.post(url, {"goal": MainGoal.CARE})
    coordinator.post(url, {"goal": MainGoal.AT_HOME})

    assert list(WijkGoal.objects.values_list("wijk_id", "goal")) == [
        (computed.wijk.pk, MainGoal.AT_HOME)
    ]


def test_an_unknown_goal_is_refused_with_the_choices_and_changes_nothing(
    computed: World,
) -> None:
    coordinator = _as(computed.coordinator)
    url = reverse("indicators:main_goal", args=[computed.wijk.code])
    coordinator.post(url, {"goal": MainGoal.CARE})

    answer = coordinator.post(url, {"goal": "geld"}, follow=True)

    assert "welzijn en participatie" in answer.content.decode()  # names the goals to choose
    assert WijkGoal.objects.get(wijk=computed.wijk).goal == MainGoal.CARE


def test_staff_of_elsewhere_see_the_goal_but_cannot_change_it(computed: World) -> None:
    WijkGoal.objects.create(wijk=computed.wijk, goal=MainGoal.AT_HOME)
    researcher = _as(user_with_role(Role.RESEARCHER, computed.region))
    html = researcher.get(reverse("indicators:wijk", args=[computed.wijk.code])).content.decode()

    answer = researcher.post(
        reverse("indicators:main_goal", args=[computed.wijk.code]), {"goal": MainGoal.CARE}
    )

    assert "langer gezond thuis" in html
    assert reverse("indicators:main_goal", args=[computed.wijk.code]) not in html
    assert answer.status_code == 403
    assert WijkGoal.objects.get(wijk=computed.wijk).goal == MainGoal.AT_HOME


@pytest.mark.parametrize("goal", MainGoal.values)
def test_every_goal_has_indicators_that_exist(goal: str, db: None) -> None:
    known = set(Indicator.objects.values_list("code", flat=True))
    codes = goals.indicator_codes_for(goal)
    assert codes
    assert set(codes) <= known
