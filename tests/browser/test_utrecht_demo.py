"""The Utrecht demo in a real browser: the plein and the indicator map show the city's real
wijken, and every page says in its footer what is invented and what is real."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REAL_WIJKEN = ("Overvecht", "Leidsche Rijn", "Binnenstad", "Vleuten-De Meern")


def test_the_plein_and_the_indicator_map_show_utrecht_s_wijken(
    live_server: object, page: Page, tmp_path: Path
) -> None:
    call_command("demo", "--residents", "30", "--seed", "7", verbosity=0)

    page.goto(f"{live_server}/plein/")
    main = page.locator("main")
    for name in REAL_WIJKEN:
        expect(main).to_contain_text(name)
    note = page.locator("footer .demo-note")
    expect(note).to_have_count(1)
    expect(note).to_contain_text("zijn verzonnen")
    expect(note).to_contain_text("Bron: CBS, CC BY 4.0")
    page.screenshot(path=tmp_path / "plein.png", full_page=True)
    assert (tmp_path / "plein.png").stat().st_size > 0

    log_in_demo(page, str(live_server), "coordinator")
    page.goto(f"{live_server}/indicatoren/")
    expect(page.get_by_test_id("indicator-map")).to_be_visible()
    # One drawn shape per wijk: Utrecht's ten real outlines, not rectangles.
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(10)
    table = page.get_by_test_id("indicator-table")
    for name in REAL_WIJKEN:
        expect(table).to_contain_text(name)
    expect(page.locator("footer .demo-note")).to_have_count(1)
    page.screenshot(path=tmp_path / "indicator-map.png", full_page=True)
    assert (tmp_path / "indicator-map.png").stat().st_size > 0
