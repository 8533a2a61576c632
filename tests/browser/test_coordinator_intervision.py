"""A coordinator opens their intervision group, records who came to a meeting, and scores
themself on the competency profile."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from gezondewijk.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from gezondewijk.pioneers.models import Attendance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_records_attendance_and_scores_themself(
    live_server: object, page: Page
) -> None:
    call_command("demo", "--residents", "20", "--seed", "7")
    email = next(a.email for a in DEMO_ACCOUNTS if a.email.startswith("coordinator@"))

    page.goto(f"{live_server}/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.get_by_role("link", name="Intervisie", exact=True).click()
    groups = page.locator("tbody tr a")
    expect(groups).to_have_count(1)  # only the group she is in
    groups.first.click()
    meetings = page.locator("table").first.locator("tbody tr a")
    expect(meetings).to_have_count(8)  # last year's four and this year's four
    meetings.nth(4).click()

    page.get_by_label("Agenda (casussen)").fill("Casus: de huisartsen verwijzen niet door.")
    first_member = page.locator("input[name=present]").first
    first_member.check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("Bijeenkomst opgeslagen")
    assert Attendance.objects.filter(present=True, meeting__agenda__startswith="Casus").exists()

    page.get_by_role("link", name="Mijn competenties").click()
    page.get_by_label("Competentie").select_option("verbinden")
    page.get_by_label("Niveau").select_option("4")
    page.get_by_role("button", name="Opslaan").click()
    row = page.locator("tr[data-competency=verbinden]")
    expect(row).to_contain_text("expert")
    page.screenshot(path="var/screenshots/coordinator-competenties.png", full_page=True)
