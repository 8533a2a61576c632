"""A coordinator opens the indicator map, switches indicator, opens a wijk's benchmark and
downloads its PDF report, which has pages with the charts drawn in."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from gezondewijk.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from gezondewijk.indicators.models import IndicatorValue
from tests.indicators.pdf import has_charts, page_count

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _coordinator_email() -> str:
    return next(a.email for a in DEMO_ACCOUNTS if a.email.startswith("coordinator@"))


def test_coordinator_switches_indicator_and_downloads_the_wijk_report(
    live_server: object, page: Page
) -> None:
    # The fictional region: it has years of GGD figures per wijk for the benchmark's history;
    # the Utrecht demo has the GGD monitor for the gemeente only (test_utrecht.py).
    call_command("demo", "--fictional", "--residents", "50", "--seed", "7")
    assert IndicatorValue.objects.filter(level="wijk").exists()

    page.goto(f"{live_server}/inloggen/")
    page.get_by_label("E-mailadres").fill(_coordinator_email())
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.goto(f"{live_server}/indicatoren/")
    expect(page.get_by_test_id("indicator-map")).to_be_visible()
    expect(page.locator("#map path.leaflet-interactive").first).to_be_attached()
    page.get_by_test_id("indicator-select").select_option("ggd-lonely")
    page.wait_for_url("**indicator=ggd-lonely**")
    expect(page.get_by_test_id("indicator-table")).to_be_visible()

    page.locator("a[data-testid^=benchmark-]").first.click()
    expect(page.get_by_test_id("benchmark-table")).to_be_visible()
    expect(page.get_by_test_id("bloom-history")).to_be_visible()
    page.screenshot(path="var/screenshots/indicators-benchmark.png", full_page=True)

    with page.expect_download() as download_info:
        page.get_by_test_id("report-pdf").click()
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) >= 2
    assert has_charts(pdf)
