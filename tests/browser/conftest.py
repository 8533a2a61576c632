"""A real headless Chromium (Debian's), driven by Playwright. Never a downloaded browser."""

import importlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Route,
    sync_playwright,
)

from gezondewijk.demo.accounts import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD

CHROMIUM = Path(os.environ.get("GEZONDEWIJK_CHROMIUM", "/usr/bin/chromium"))
# Without these, Chromium tries to reach Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make setup` (installs Debian's chromium)"
        )
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
    # body are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# Runs in every document before the page's own scripts (through DevTools, so the page's
# Content Security Policy does not apply to it) and records what the policy refused.
_RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline")
    + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


def watch_csp(page: Page) -> list[str]:
    """Every Content Security Policy violation the page reports, from its console and its
    `securitypolicyviolation` events; read the events with `csp_violations(page)`."""
    console: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            console.append(message.text)

    page.on("console", on_console)
    page.add_init_script(_RECORD_VIOLATIONS)
    return console


def csp_violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations || []"))


# Anything but the live server (map tiles from the configured tile service, above all) fails at
# once: no test waits on, or reaches, the internet.
ELSEWHERE = re.compile(r"^https?://(?!(127\.0\.0\.1|localhost)(:\d+)?/)")


def refuse(route: Route) -> None:
    route.abort("connectionrefused")


def keep_offline(context: BrowserContext) -> BrowserContext:
    """Every request of this browser context that leaves the live server fails at once."""
    context.route(ELSEWHERE, refuse)
    return context


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL")
    keep_offline(context)
    page = context.new_page()
    console = watch_csp(page)
    yield page
    # Every browser test also shows that its pages work under the Content Security Policy.
    refused = console + (csp_violations(page) if not page.is_closed() else [])
    context.close()
    assert refused == [], refused


def wait_until(page: Page, expression: str, timeout_ms: int = 10_000) -> None:
    """Wait until a JavaScript expression is true. Unlike `page.wait_for_function`, whose
    polling calls `eval` inside the page (refused by the site's Content Security Policy as soon
    as the first check is not yet true), every check here goes through DevTools."""
    waited = 0
    while not page.evaluate(f"!!({expression})"):
        if waited >= timeout_ms:
            raise AssertionError(f"still not true after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(50)
        waited += 50


@pytest.fixture
def demo_themes_and_steps() -> None:
    """The demo needs the themes and cycle steps of the data migrations, which the flush after
    an earlier transactional test removes; seed them again the way the migrations do."""
    for module in (
        "initiatives.migrations.0002_default_themes",
        "cycle.migrations.0002_default_steps",
    ):
        importlib.import_module(f"gezondewijk.{module}").add(apps, None)


def log_in_demo(page: Page, server: str, local: str) -> None:
    """Log in as the demo account `local`@ the demo domain, through the log-in page."""
    page.goto(f"{server}/inloggen/")
    page.get_by_label("E-mailadres").fill(f"{local}@{DEMO_EMAIL_DOMAIN}")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
