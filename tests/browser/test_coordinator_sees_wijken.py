"""A coordinator logs in through the real log-in page and sees the wijken of the demo region."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from gezondewijk.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from gezondewijk.places.models import Wijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _coordinator_email() -> str:
    return next(a.email for a in DEMO_ACCOUNTS if a.email.startswith("coordinator@"))


def test_coordinator_logs_in_and_sees_the_wijken_of_the_demo_region(
    live_server: object, page: Page
) -> None:
    call_command("demo", "--residents", "50", "--seed", "7")
    # Several gemeenten have a wijk called "Centrum", so each link is found by its CBS code.
    wijken = list(Wijk.objects.values_list("code", "name"))
    assert len(wijken) >= 8

    page.goto(f"{live_server}/inloggen/")
    page.get_by_label("E-mailadres").fill(_coordinator_email())
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    section = page.locator("section[data-role=coordinator]")
    expect(section).to_be_visible()
    for code, name in wijken:
        link = section.locator(f'a[href="/wijken/{code}/"]')
        expect(link).to_be_visible()
        expect(link).to_have_text(name)

    page.get_by_role("link", name="Wijken", exact=True).click()
    expect(page.locator("tbody tr")).to_have_count(len(wijken))
    page.screenshot(path="var/screenshots/coordinator-wijken.png", full_page=True)
