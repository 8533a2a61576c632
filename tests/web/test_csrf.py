"""CSRF on every form: each POST form a page renders carries the token, and a POST without it
is refused before any view runs, on every page and every session-authenticated API write.

The pages and callers come from the permission matrix, so a new page is covered the day its
matrix entry is written."""

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import gezondewijk
from tests.access import PEOPLE
from tests.conftest import World
from tests.test_permission_matrix import ENDPOINTS, PAGES
from tests.test_permission_matrix import client_for as client_for  # the matrix's callers

FORBIDDEN = 403
GET_PAGES = sorted(name for name, page in PAGES.items() if page.method == "GET")
UNSAFE_ENDPOINTS = sorted(key for key in ENDPOINTS if key[0] in {"POST", "PUT", "PATCH", "DELETE"})


class _PostForms(HTMLParser):
    """Collects, per <form method="post">, the names of the inputs inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, set[str]]] = []
        self._open: set[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "get").lower() == "post":
            self._open = set()
            self.forms.append((attributes.get("action") or "", self._open))
        elif tag == "input" and self._open is not None:
            self._open.add(attributes.get("name") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def _url(name: str, world: World) -> str:
    page = PAGES[name]
    return page.url(world) if page.url else reverse(name)


@pytest.mark.parametrize("name", GET_PAGES)
def test_every_post_form_carries_the_csrf_token(
    name: str, world: World, client_for: Callable[[str], Client]
) -> None:
    page = PAGES[name]
    # Callers first, as the matrix does (a builder may invite the residents that exist); the
    # URL once, because some builders create objects that must stay unique.
    clients = {c: client_for(c) for c in PEOPLE if page.expect.status_for(c) == 200}
    url = _url(name, world)
    for caller, client in clients.items():
        response = client.get(url)
        assert response.status_code == 200, (name, caller)
        if "text/html" not in response["Content-Type"]:
            continue  # a download, a calendar feed, a PDF
        parser = _PostForms()
        parser.feed(response.content.decode())
        # Every page in the site's layout has at least the language switch, a POST form.
        if b'id="language"' in response.content:
            assert parser.forms, (name, caller)
        for action, inputs in parser.forms:
            assert "csrfmiddlewaretoken" in inputs, (name, caller, action)


POST_FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']?post\b.*?</form>", re.IGNORECASE | re.DOTALL)


def test_every_post_form_in_every_template_has_the_token_tag() -> None:
    """Also the forms a page shows only in a state the matrix's world does not reach."""
    templates = sorted(Path(gezondewijk.__file__).parent.glob("*/templates/**/*.html"))
    assert len(templates) > 50
    missing = [
        f"{path.name}: {form[:80]}"
        for path in templates
        for form in POST_FORM.findall(path.read_text(encoding="utf-8"))
        if "{% csrf_token %}" not in form
    ]
    assert missing == []


def _csrf_enforcing(client: Client) -> Client:
    client.handler.enforce_csrf_checks = True  # type: ignore[attr-defined]
    return client


def _allowed_caller(name: str) -> str:
    """A caller for whom the page works (so the refusal below is the token's doing)."""
    page = PAGES[name]
    ok = [c for c in PEOPLE if page.expect.status_for(c) in {200, 201, 302, 400, 422}]
    logged_in = [c for c in ok if c != "anonymous"]
    return (logged_in or ok or ["anonymous"])[0]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_post_without_the_token_is_refused(
    name: str, world: World, client_for: Callable[[str], Client]
) -> None:
    page = PAGES[name]
    caller = _allowed_caller(name)
    client = _csrf_enforcing(client_for(caller))
    body = page.body(world) if page.method == "POST" else {}

    response = client.post(_url(name, world), data=body)

    assert response.status_code == FORBIDDEN, (name, caller)
    assert b"CSRF" in response.content


@pytest.mark.parametrize("name", sorted(n for n, p in PAGES.items() if p.method == "POST"))
def test_the_same_post_with_the_token_gets_through(
    name: str, world: World, client_for: Callable[[str], Client]
) -> None:
    """The control for the test above: with the token, the matrix's answer comes back."""
    page = PAGES[name]
    caller = _allowed_caller(name)
    client = _csrf_enforcing(client_for(caller))
    client.get(reverse("home"))  # renders a form, so sets the CSRF cookie
    token = client.cookies["csrftoken"].value

    response = client.post(
        _url(name, world), data={**page.body(world), "csrfmiddlewaretoken": token}
    )

    assert response.status_code == page.expect.status_for(caller), (name, caller)


@pytest.mark.parametrize(("method", "path"), UNSAFE_ENDPOINTS)
def test_an_api_write_by_session_without_the_token_is_refused(
    method: str, path: str, world: World, client_for: Callable[[str], Client]
) -> None:
    """API keys need no token (no browser sends them by itself); a session cookie does."""
    endpoint = ENDPOINTS[(method, path)]
    client = _csrf_enforcing(client_for("regiobeheerder"))
    url = endpoint.url(world) if endpoint.url else path

    response = client.generic(
        method, url, data=json.dumps(endpoint.body(world)), content_type="application/json"
    )

    assert response.status_code == FORBIDDEN, (method, path, response.content[:200])


def _callbacks(resolver: URLResolver, prefix: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            found += _callbacks(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            found.append((prefix + str(pattern.pattern), pattern.callback))
    return found


def test_no_page_is_exempt_from_csrf() -> None:
    exempt = [
        route
        for route, view in _callbacks(get_resolver())
        if getattr(view, "csrf_exempt", False)
        # django-ninja exempts its views and checks the token itself for session callers
        # (the API test above).
        and not route.startswith("api/")
    ]
    assert exempt == []
    sources = Path(gezondewijk.__file__).parent.rglob("*.py")
    assert [str(p) for p in sources if "csrf_exempt" in p.read_text(encoding="utf-8")] == []
