"""The start page: Dutch first, and for each role what that role came to do."""

import pytest
from django.test import Client

from gezondewijk.permissions.roles import Role
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_start_page_speaks_dutch_by_default() -> None:
    response = Client().get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Welkom bij Gezonde Wijk" in html
    assert "Inloggen" in html


def test_start_page_speaks_english_when_asked() -> None:
    response = Client(headers={"Accept-Language": "en"}).get("/")

    assert "Welcome to Gezonde Wijk" in response.content.decode()


def test_login_is_by_email_address(world: World) -> None:
    client = Client()

    response = client.post(
        "/inloggen/", {"username": world.coordinator.email, "password": factories.PASSWORD}
    )

    assert response.status_code == 302
    assert client.get("/").context["user"] == world.coordinator


def test_wrong_password_gets_a_message_not_an_error(world: World) -> None:
    response = Client().post(
        "/inloggen/", {"username": world.coordinator.email, "password": "fout"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors


def test_coordinator_start_page_lists_the_wijken_in_scope(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)

    html = client.get("/").content.decode()

    assert world.wijk.name in html
    assert world.other_wijk.name not in html  # the coordinator holds only the first wijk


@pytest.mark.parametrize("role", list(Role))
def test_every_role_gets_its_own_section(world: World, role: Role) -> None:
    user = factories.user_with_role(role, world.region)
    client = Client()
    client.force_login(user)

    response = client.get("/")

    roles_shown = [s.role for s in response.context["sections"]]
    assert role.value in roles_shown
