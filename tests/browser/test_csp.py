"""Under the Content Security Policy (no inline scripts or styles, no eval), the main pages
of every role load without one violation: maps (Leaflet), charts (Chart.js), network pictures
(Cytoscape), htmx and the API's documentation all keep working."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from gezondewijk.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from gezondewijk.places.models import Wijk
from tests.browser.conftest import csp_violations, keep_offline, watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Pages every role reaches from its menu are visited too; these are the ones with maps,
# charts and network pictures that a menu does not link to directly.
COORDINATOR_PAGES = [
    "/wijken/{code}/",
    "/netwerk/{code}/",
    "/initiatieven/wijk/{code}/bereik/",
    "/indicatoren/wijk/{code}/rapport/",
    "/indicatoren/naast-elkaar/",
    "/initiatieven/groei/",
    "/preventiefonds/gezondheidspolis/",
]
PUBLIC_PAGES = ["/", "/inloggen/", "/plein/", "/api/v1/docs", "/koppelingen/"]


def _log_in(page: Page, server: str, local: str) -> None:
    page.goto(f"{server}/inloggen/")
    email = next(a.email for a in DEMO_ACCOUNTS if a.email.startswith(f"{local}@"))
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def _menu(page: Page) -> list[str]:
    links = page.locator("header.site nav a").evaluate_all("as => as.map(a => a.pathname)")
    return [href for href in links if href != "/"]


def _visit(page: Page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return [f"{url}: {v}" for v in csp_violations(page)]


def test_the_main_pages_of_every_role_load_without_a_csp_violation(
    live_server: object, browser: Browser
) -> None:
    call_command("demo", "--residents", "50", "--seed", "7")
    code = Wijk.objects.order_by("code").values_list("code", flat=True).first()
    server = str(live_server)
    visited: set[str] = set()
    refused: list[str] = []
    for role in [None, "inwoner", "coordinator", "financier", "onderzoeker", "beheerder"]:
        context = keep_offline(browser.new_context(locale="nl-NL"))
        page = context.new_page()
        console = watch_csp(page)
        urls = [*PUBLIC_PAGES]
        if role is not None:
            _log_in(page, server, role)
            urls += _menu(page)
            if role == "coordinator":
                urls += [u.format(code=code) for u in COORDINATOR_PAGES]
        for url in urls:
            refused += _visit(page, f"{server}{url}")
            visited.add(url)
        context.close()
        refused += console

    assert refused == []
    # The visit reached the pages that draw with each library.
    assert {"/mijn-wijk/", "/indicatoren/", "/api/v1/docs"} <= visited, sorted(visited)


def test_an_inline_script_would_be_reported(live_server: object, browser: Browser) -> None:
    """The control: the watcher above sees a violation when there is one."""
    context = keep_offline(browser.new_context(locale="nl-NL"))
    page = context.new_page()
    console = watch_csp(page)
    page.goto(f"{live_server}/")
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.ran = true"; document.body.append(s); }"""
    )
    page.wait_for_timeout(200)

    assert page.evaluate("window.ran === undefined")
    assert any("script-src" in v for v in csp_violations(page))
    assert console
    context.close()
