"""Error pages speak Dutch and point the way on; a database that is briefly away answers 503
with Retry-After instead of the generic error page."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.db import OperationalError, connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from gezondewijk.web.unavailable import RETRY_AFTER_S, DatabaseUnavailableMiddleware
from tests.conftest import World


def _real_database_error() -> OperationalError:
    """What the database driver really raises when it cannot open the database."""
    where = {**connections["default"].settings_dict, "NAME": "/nonexistent/gezondewijk.db"}
    unreachable = DatabaseWrapper({**where, "OPTIONS": {}}, alias="unreachable")
    with pytest.raises(OperationalError) as raised:
        unreachable.ensure_connection()
    return raised.value


@pytest.mark.django_db
def test_an_unknown_page_says_so_in_dutch_with_the_way_back(client: Client) -> None:
    answer = client.get("/bestaat-niet/")

    assert answer.status_code == 404
    text = answer.content.decode()
    assert "Pagina niet gevonden" in text
    assert f'href="{reverse("home")}"' in text


def test_a_refusal_says_so_in_dutch(world: World) -> None:
    client = Client()
    client.force_login(world.resident)

    answer = client.get(reverse("dashboard:choose"))

    assert answer.status_code == 403
    assert "Geen toegang" in answer.content.decode()


def test_the_error_page_speaks_dutch_without_a_database() -> None:
    with translation.override("nl"):
        answer = server_error(RequestFactory().get("/"))

    assert answer.status_code == 500
    assert "Er ging iets mis" in answer.content.decode()


@pytest.mark.django_db  # the test opens a connection of its own, to a missing database
def test_a_database_that_is_away_gives_a_page_that_says_try_again() -> None:
    error = _real_database_error()
    middleware = DatabaseUnavailableMiddleware(lambda request: pytest.fail("not called"))

    with translation.override("nl"):
        page = middleware.process_exception(RequestFactory().get("/initiatieven/"), error)
        api = middleware.process_exception(RequestFactory().get("/api/v1/places/wijken"), error)

    assert page is not None
    assert api is not None
    assert page.status_code == api.status_code == 503
    assert page["Retry-After"] == api["Retry-After"] == str(RETRY_AFTER_S)
    assert "Een ogenblik geduld" in page.content.decode()
    assert "database" in json.loads(api.content)["detail"]


def test_other_errors_are_left_to_the_error_page() -> None:
    middleware = DatabaseUnavailableMiddleware(lambda request: pytest.fail("not called"))
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("bug")) is None


def test_the_middleware_is_installed() -> None:
    assert "gezondewijk.web.unavailable.DatabaseUnavailableMiddleware" in settings.MIDDLEWARE
