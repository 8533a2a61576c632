"""Web security settings: a production configuration passes `check --deploy` without a warning,
development keeps plain http, every page carries a Content Security Policy without
'unsafe-inline', and log-ins are rate limited."""

import os
import secrets
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.conftest import World

PASSWORD = "een-lang-wachtwoord-42"


def _check_deploy(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GEZONDEWIJK_")}
    return subprocess.run(
        [sys.executable, "-m", "gezondewijk", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings() -> None:
    result = _check_deploy(
        GEZONDEWIJK_SECRET_KEY=secrets.token_urlsafe(50),
        GEZONDEWIJK_ALLOWED_HOSTS="gezondewijk.example.nl",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_a_real_secret_key_check_deploy_warns() -> None:
    """The control for the test above: the development defaults do not pass."""
    result = _check_deploy(GEZONDEWIJK_ALLOWED_HOSTS="gezondewijk.example.nl")

    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout  # no redirect to https


def test_development_and_tests_stay_on_plain_http(client: Client, db: None) -> None:
    response = client.get(reverse("login"))

    assert response.status_code == 200  # no redirect to https
    assert settings.SESSION_COOKIE_SECURE is False
    assert response.cookies["csrftoken"]["samesite"] == "Lax"
    assert response.cookies["csrftoken"]["httponly"] is True


def test_every_page_carries_a_policy_without_unsafe_inline(client: Client, db: None) -> None:
    policy = client.get(reverse("home"))["Content-Security-Policy"]

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


# -- log-in rate limiting (django-axes) ---------------------------------------------------


def _log_in(client: Client, email: str, password: str) -> Any:
    return client.post(reverse("login"), {"username": email, "password": password})


@pytest.fixture
def member(world: World) -> Any:
    user = factories.UserFactory(email="lid@example.nl")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_after_too_many_failed_log_ins_even_the_right_password_is_refused(
    member: Any, settings: Any
) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(client, member.email, "fout").status_code == 200  # the form again

    locked = _log_in(client, member.email, "fout")
    right_password = _log_in(client, member.email, PASSWORD)

    assert locked.status_code == 429
    assert right_password.status_code == 429
    assert "_auth_user_id" not in client.session
    text = right_password.content.decode()
    assert "Te veel mislukte inlogpogingen" in text
    assert "15 minuten" in text


def test_a_lock_out_holds_for_one_username_from_one_address(member: Any, settings: Any) -> None:
    other = factories.UserFactory(email="ander@example.nl")
    other.set_password(PASSWORD)
    other.save()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(Client(), member.email, "fout")

    other_account = _log_in(Client(), other.email, PASSWORD)
    from_elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    same_account_elsewhere = _log_in(from_elsewhere, member.email, PASSWORD)

    assert other_account.status_code == 302
    assert same_account_elsewhere.status_code == 302


def test_a_successful_log_in_clears_earlier_failures(member: Any, settings: Any) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(client, member.email, "fout")
    assert _log_in(client, member.email, PASSWORD).status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(client, member.email, "fout")

    assert _log_in(client, member.email, PASSWORD).status_code == 302


def test_a_log_in_without_a_request_is_not_counted(member: Any, settings: Any) -> None:
    """The shell and the test client's login() have no address; only web log-ins count."""
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert not Client().login(username=member.email, password="fout")

    assert Client().login(username=member.email, password=PASSWORD)
    assert _log_in(Client(), member.email, PASSWORD).status_code == 302


# -- the client's address behind a reverse proxy -------------------------------------------

PROXY = "10.0.0.2"


def _through_proxy(forwarded_for: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_a_proxy_one_clients_failures_do_not_lock_out_another(
    member: Any, settings: Any
) -> None:
    settings.GEZONDEWIJK_BEHIND_PROXY = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(_through_proxy("203.0.113.7"), member.email, "fout")

    same_client = _log_in(_through_proxy("203.0.113.7"), member.email, PASSWORD)
    another_client = _log_in(_through_proxy("198.51.100.9"), member.email, PASSWORD)

    assert same_client.status_code == 429
    assert another_client.status_code == 302


def test_behind_a_proxy_entries_the_client_wrote_itself_do_not_escape_the_count(
    member: Any, settings: Any
) -> None:
    settings.GEZONDEWIJK_BEHIND_PROXY = True
    for n in range(settings.AXES_FAILURE_LIMIT):
        _log_in(_through_proxy(f"192.0.2.{n}, 203.0.113.7"), member.email, "fout")

    assert (
        _log_in(_through_proxy("192.0.2.99, 203.0.113.7"), member.email, PASSWORD).status_code
        == 429
    )


def test_without_a_proxy_forwarded_for_is_ignored(member: Any, settings: Any) -> None:
    settings.GEZONDEWIJK_BEHIND_PROXY = False
    for n in range(settings.AXES_FAILURE_LIMIT):
        _log_in(_through_proxy(f"203.0.113.{n}"), member.email, "fout")

    assert _log_in(_through_proxy("198.51.100.9"), member.email, PASSWORD).status_code == 429
