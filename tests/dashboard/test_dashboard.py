"""The coordinator dashboard: six obstacles, panels from apps, plain words for absent ones."""

from django.test import Client
from django.urls import reverse

from gezondewijk import hooks
from gezondewijk.dashboard import panels
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_dashboard_answers_all_six_obstacles(world: World) -> None:
    lonely = InitiativeFactory(name="Eenzame Wandelclub", lead=world.resident, wijken=[world.wijk])
    response = _client(world.coordinator).get(reverse("dashboard:wijk", args=[world.wijk.code]))
    assert response.status_code == 200
    html = response.content.decode()
    for obstacle in panels.Obstacle:
        assert f'data-obstacle="{obstacle.value}"' in html
    # The living environment has no app yet and says so plainly (financing: the fund's panel).
    assert html.count("data-not-yet") == 1
    assert lonely.name in html
    assert "data-unconnected" in html


def test_a_registered_panel_appears_under_its_obstacle(world: World) -> None:
    with hooks.register_temporarily(
        panels.PANELS,
        panels.Panel("test-fund", panels.Obstacle.FINANCING, "Fonds", lambda r, w: "€ 1.000"),
    ):
        html = _client(world.coordinator).get(reverse("dashboard:wijk", args=[world.wijk.code]))
    assert "€ 1.000" in html.content.decode()
    assert html.content.decode().count("data-not-yet") == 1


def test_a_coordinator_of_another_wijk_gets_not_found(world: World) -> None:
    elsewhere = factories.user_with_role(Role.COORDINATOR, world.other_wijk)
    client = _client(elsewhere)
    assert client.get(reverse("dashboard:wijk", args=[world.wijk.code])).status_code == 404
    assert client.get(reverse("initiatives:reach_map", args=[world.wijk.code])).status_code == 404
    assert client.get(reverse("initiatives:matches", args=[world.wijk.code])).status_code == 404
    # With one wijk, the choice page goes straight to it.
    chosen = client.get(reverse("dashboard:choose"))
    assert chosen["Location"] == reverse("dashboard:wijk", args=[world.other_wijk.code])
