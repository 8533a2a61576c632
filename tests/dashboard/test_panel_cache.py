"""Cached dashboard panels: rendered once, stale at the next write, never shown to the wrong
viewer."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from gezondewijk import hooks
from gezondewijk.dashboard import panels
from gezondewijk.people.models import User
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Wijk
from tests import factories
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _dashboard(client: Client, wijk: Wijk, language: str = "nl") -> str:
    url = reverse("dashboard:wijk", args=[wijk.code])
    response = client.get(url, headers={"accept-language": language})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def counted() -> Iterator[list[tuple[str, int]]]:
    """A panel that notes each time it is rendered, and shows the count."""
    calls: list[tuple[str, int]] = []

    def render(request: HttpRequest, wijk: Wijk) -> str:
        calls.append((wijk.code, len(calls) + 1))
        return f"<p>rendered {len(calls)} times</p>"

    panel = panels.Panel("test-counted", panels.Obstacle.FINANCING, "Telling", render)
    with hooks.register_temporarily(panels.PANELS, panel):
        yield calls


def test_a_second_visit_renders_no_panel_again(world: World, counted: list[Any]) -> None:
    client = _client(world.coordinator)
    first = _dashboard(client, world.wijk)
    second = _dashboard(client, world.wijk)
    assert len(counted) == 1
    assert "rendered 1 times" in first
    assert "rendered 1 times" in second


def test_each_wijk_and_language_has_its_own_panels(world: World, counted: list[Any]) -> None:
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)
    client = _client(admin)
    _dashboard(client, world.wijk)
    _dashboard(client, world.other_wijk)
    _dashboard(client, world.wijk, language="en")
    _dashboard(client, world.wijk)
    rendered_for = [code for code, _ in counted]
    assert rendered_for == [world.wijk.code, world.other_wijk.code, world.wijk.code]


def test_a_write_is_seen_on_the_next_visit(world: World) -> None:
    client = _client(world.coordinator)
    assert "Buurtmoestuin" not in _dashboard(client, world.wijk)
    InitiativeFactory(name="Buurtmoestuin", lead=world.resident, wijken=[world.wijk])
    assert "Buurtmoestuin" in _dashboard(client, world.wijk)


def test_a_change_of_a_many_to_many_link_is_seen_too(world: World) -> None:
    garden = InitiativeFactory(name="Buurtmoestuin", lead=world.resident, wijken=[world.other_wijk])
    client = _client(world.coordinator)
    assert "Buurtmoestuin" not in _dashboard(client, world.wijk)
    garden.wijken.add(world.wijk)
    assert "Buurtmoestuin" in _dashboard(client, world.wijk)


def test_without_seconds_nothing_is_kept(world: World, counted: list[Any], settings: Any) -> None:
    settings.FRESHNESS_SECONDS = 0
    client = _client(world.coordinator)
    _dashboard(client, world.wijk)
    _dashboard(client, world.wijk)
    assert len(counted) == 2


def _viewers(world: World) -> list[User]:
    """Everyone who may open the wijk's dashboard, with every other role beside it."""
    found = [
        factories.user_with_role(Role.COORDINATOR, world.wijk),
        factories.user_with_role(Role.COORDINATOR, world.gemeente),
        factories.user_with_role(Role.REGION_ADMIN, world.region),
        factories.UserFactory(is_superuser=True, is_staff=True),
    ]
    for role in Role:
        if role != Role.COORDINATOR:
            both = factories.user_with_role(Role.COORDINATOR, world.wijk)
            factories.people_services.role_grant(user=both, role=role, scope=world.wijk)
            found.append(both)
    return found


def _differing(world: World) -> list[str]:
    """Panels that, rendered afresh for every kind of viewer, differ under one viewer key."""
    InitiativeFactory(name="Buurtmoestuin", lead=world.resident, wijken=[world.wijk])
    factory = RequestFactory()
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    problems = []
    with translation.override("nl"):
        for viewer in _viewers(world):
            request = factory.get("/")
            request.user = viewer
            for obstacle in panels.Obstacle:
                for panel in panels.panels_for(obstacle):
                    key = panel.viewer(request, world.wijk) if panel.viewer else ""
                    html = panel.render(request, world.wijk)
                    earlier = seen.setdefault((panel.key, key), (viewer.email, html))
                    if earlier[1] != html:
                        problems.append(f"{panel.key}: {earlier[0]} / {viewer.email} ({key!r})")
    return problems


def test_viewers_with_the_same_viewer_key_get_the_same_panel(world: World) -> None:
    """A panel that shows something to some viewers only must say so through `viewer`, or one
    viewer's cached panel would be shown to another."""
    assert _differing(world) == []


def _for_superusers(request: HttpRequest, wijk: Wijk) -> str:
    return "<p>geheim</p>" if request.user.is_superuser else "<p>gewoon</p>"


def test_a_panel_that_hides_its_viewer_dependence_is_caught(world: World) -> None:
    sly = panels.Panel("test-sly", panels.Obstacle.FINANCING, "Sluw", _for_superusers)
    honest = panels.Panel(
        "test-sly",
        panels.Obstacle.FINANCING,
        "Eerlijk",
        _for_superusers,
        viewer=lambda request, wijk: str(request.user.is_superuser),
    )
    with hooks.register_temporarily(panels.PANELS, sly):
        assert [p.split(":")[0] for p in _differing(world)] == ["test-sly"]
        with hooks.register_temporarily(panels.PANELS, honest):
            assert _differing(world) == []
