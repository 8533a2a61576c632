"""A region administrator sets up a real region in the product's own pages: uploads the
Utrecht kwb CSV and the buurt boundaries, follows each import, and sees the counts."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Buurt, Gemeente
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.validation, pytest.mark.django_db(transaction=True)]

KWB = "cbs_kwb_2023_utrecht_gm0344.csv"
BUURTEN = "cbs_buurt_2023_gm0344.geojson"


def _work() -> None:
    """The task worker, run here between the steps the browser waits for."""
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def _fits_a_phone(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is wider than a phone"


def test_region_admin_uploads_key_figures_and_boundaries_and_sees_the_counts(
    live_server: object, page: Page, shared_data: Path
) -> None:
    region = factories.RegionFactory(name="Regio Utrecht", slug="regio-utrecht")
    admin = factories.user_with_role(Role.REGION_ADMIN, region)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone

    page.goto(f"{live_server}/inloggen/")
    page.get_by_label("E-mailadres").fill(admin.email)
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Regio inrichten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regio Utrecht inrichten")
    expect(page.get_by_test_id("no-gemeenten")).to_be_visible()

    # Key figures: the gemeente comes into the region with the file.
    page.get_by_role("link", name="Cijfers of grenzen uploaden").click()
    _fits_a_phone(page)
    form = page.get_by_test_id("key-figures-form")
    form.get_by_label("Bestand met kerncijfers").set_input_files(shared_data / KWB)
    expect(form.get_by_label("Gemeenten uit het bestand die nog bij geen regio")).to_be_checked()
    form.get_by_role("button", name="Kerncijfers uploaden").click()
    run = page.get_by_test_id("import-run")
    expect(run).to_have_attribute("data-status", "wachtrij")
    expect(run.locator("progress")).to_be_visible()
    _work()
    expect(run).to_have_attribute("data-status", "klaar", timeout=10_000)  # htmx asked again
    expect(run.get_by_test_id("count-gemeente")).to_have_text("1")
    expect(run.get_by_test_id("count-wijk")).to_have_text("10")
    expect(run.get_by_test_id("count-buurt")).to_have_text("111")
    expect(run).to_contain_text("1 gemeente toegevoegd aan regio Regio Utrecht")
    assert Gemeente.objects.get(code="GM0344").region == region
    _fits_a_phone(page)

    # Boundaries of the buurten.
    page.get_by_role("link", name="Cijfers of grenzen uploaden").click()
    form = page.get_by_test_id("boundaries-form")
    form.get_by_label("Bestand met grenzen").set_input_files(shared_data / BUURTEN)
    form.get_by_role("button", name="Grenzen uploaden").click()
    run = page.get_by_test_id("import-run")
    _work()
    expect(run).to_have_attribute("data-status", "klaar", timeout=10_000)
    expect(run.get_by_test_id("count-matched")).to_have_text("111")
    expect(run.get_by_test_id("count-unknown")).to_have_text("0")
    expect(run.get_by_test_id("count-without")).to_have_text("0")
    assert Buurt.objects.filter(boundary__isnull=False).count() == 111

    # The overview: what Utrecht has now, and what is still missing.
    page.get_by_role("link", name="Bekijk wat de regio nu heeft").click()
    card = page.get_by_test_id("gemeente-GM0344")
    expect(card.get_by_test_id("wijken")).to_have_text("10")
    expect(card.get_by_test_id("buurten")).to_have_text("111")
    expect(card.get_by_test_id("key-figures")).to_contain_text("2023")
    expect(card.get_by_test_id("boundaries").locator("tr", has_text="buurten")).to_contain_text(
        "111"
    )
    expect(card.get_by_test_id("missing")).to_contain_text("grenzen ontbreken: wijken 10 van 10")
    expect(page.get_by_role("link", name="Indicatoren opnieuw berekenen")).to_be_visible()
    _fits_a_phone(page)
    page.screenshot(path="var/screenshots/region-setup.png", full_page=True)
