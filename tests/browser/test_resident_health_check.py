"""A resident fills in the health check on a phone-sized screen and sees their spider web;
a coordinator creates a panel survey and sees the response rate."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from gezondewijk.checks import defaults
from gezondewijk.checks.questionnaire import form_of
from gezondewijk.permissions.roles import Role
from gezondewijk.privacy.models import Purpose
from tests import factories
from tests.browser.conftest import keep_offline
from tests.checks.factories import resident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path("var/screenshots")


def _log_in(page: Page, server: str, email: str) -> None:
    page.goto(f"{server}/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_resident_fills_in_the_health_check_and_sees_the_spider_web(
    live_server: object, browser: Browser
) -> None:
    buurt = factories.BuurtFactory()
    user = resident(buurt)
    context = keep_offline(
        browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    )
    page = context.new_page()
    _log_in(page, str(live_server), user.email)

    page.get_by_role("link", name="Mijn gezondheidscheck").first.click()
    page.get_by_role("link", name="Vul de check in").click()
    # The follow-up question appears only after "yes" (enable-when, in the browser too).
    follow_up = page.locator("#q-huisarts\\.aantal")
    expect(follow_up).to_be_hidden()
    page.locator('input[name="huisarts"][value="true"]').check()
    expect(follow_up).to_be_visible()
    page.locator('input[name="huisarts.aantal"]').fill("2")
    for n, item in enumerate(
        i for i in form_of(defaults.health_check()).items if i.kind == "scale"
    ):
        page.locator(f'input[name="{item.link_id}"][value="{4 + n % 5}"]').check()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#q-huisarts").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "resident-health-check-form.png"))
    page.get_by_role("button", name="Sla mijn gezondheidscheck op").click()

    expect(page.locator(".messages")).to_contain_text("opgeslagen")
    expect(page.locator("canvas#spider")).to_have_attribute("data-ready", "true")
    table = page.locator("table#history")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("thead")).to_contain_text("Zingeving")
    page.screenshot(path=str(SCREENSHOTS / "resident-spider-web.png"), full_page=True)
    context.close()


def test_a_coordinator_creates_a_panel_survey_and_sees_the_response_rate(
    live_server: object, page: Page
) -> None:
    wijk = factories.WijkFactory(name="Zuid")
    buurt = factories.BuurtFactory(wijk=wijk, name="Zuidpark")
    for _ in range(12):
        resident(buurt, Purpose.PANEL)
    coordinator = factories.user_with_role(Role.COORDINATOR, wijk)
    _log_in(page, str(live_server), coordinator.email)

    page.get_by_role("link", name="Wijkpanel").first.click()
    page.get_by_role("link", name="Nieuwe peiling").click()
    page.get_by_label("Titel").fill("Veilig in Zuid")
    page.get_by_label("Wijk").select_option(label=str(wijk))
    page.get_by_label("Veiligheid").check()
    page.get_by_role("button", name="Maak de peiling").click()
    page.get_by_role("button", name="Nodig het panel uit").click()
    expect(page.locator(".messages")).to_contain_text("12")
    page.get_by_role("button", name="Open de peiling").click()
    expect(page.locator("#survey-status")).to_have_text("open")
    row = page.locator("#response-rate tbody tr").first
    expect(row).to_contain_text(buurt.code)
    expect(row).to_contain_text("0,0%")
    page.screenshot(path=str(SCREENSHOTS / "coordinator-panel.png"), full_page=True)
