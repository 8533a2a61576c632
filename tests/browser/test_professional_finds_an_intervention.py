"""A professional searches the project bank for a Dutch word form, narrows by recognition
level, opens an intervention, reads its playbook and downloads it as a PDF."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from gezondewijk.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _professional_email() -> str:
    return next(a.email for a in DEMO_ACCOUNTS if a.role == "professional")


def test_a_professional_finds_an_intervention_and_its_playbook(
    live_server: object, page: Page, tmp_path: Path
) -> None:
    call_command("demo", "--residents", "20", "--seed", "7")

    page.goto(f"{live_server}/inloggen/")
    page.get_by_label("E-mailadres").fill(_professional_email())
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.get_by_role("link", name="Projectenbank", exact=True).click()
    expect(page.get_by_role("heading", name="Projectenbank", level=1)).to_be_visible()

    # "beweging" is in no title; the stemmer finds "bewegen", "beweegles" stays out.
    page.get_by_role("searchbox").fill("beweging")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    results = page.locator("ol.results > li")
    expect(results.first).to_be_visible()
    expect(
        page.locator("ol.results h2 a", has_text="Samen bewegen in het buurthuis")
    ).to_be_visible()
    all_count = results.count()

    page.get_by_label("effectief — eerste aanwijzingen").check()
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page.locator("ol.results > li")).not_to_have_count(all_count)
    for badge in page.locator("ol.results [data-recognition]").all():
        expect(badge).to_have_attribute("data-recognition", "effectief_eerste")

    page.get_by_role("link", name="Samen bewegen in het buurthuis").click()
    expect(page.get_by_role("heading", name="Samen bewegen in het buurthuis")).to_be_visible()
    expect(page.get_by_role("heading", name="Draaiboek")).to_be_visible()

    page.get_by_role("link", name="Open het draaiboek").click()
    expect(page.locator("tbody tr").first).to_contain_text("De wijk verkennen")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als pdf").click()
    saved = tmp_path / "draaiboek.pdf"
    download_info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    page.screenshot(path="var/screenshots/professional-draaiboek.png", full_page=True)
