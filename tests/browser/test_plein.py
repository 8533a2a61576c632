"""In a real browser: a resident on a phone finds this week's activity at the mosque and puts
it in their calendar; axe-core finds no serious or critical problem on any portal page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import keep_offline
from tests.conftest import World
from tests.factories import OrganisationFactory, StrategicLocationFactory
from tests.plein.factories import activity_at, initiative_activity, mosque, theme, this_week_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor/axe-core/axe.min.js"
PHONE = {"width": 360, "height": 740}


def _portal(world: World) -> dict[str, int]:
    """A wijk with a mosque, a library and a community centre, and what happens there."""
    organisation, place = mosque(world.buurt)
    walking = theme("bewegen", "Bewegen")
    activity_at(
        organisation,
        place,
        title="Koffie en wandelen voor vrouwen",
        starts=this_week_at(10),
        themes=[walking],
    )
    library = OrganisationFactory(
        name="Bibliotheek Centrum",
        type="bibliotheek",
        gemeente=world.gemeente,
        description="Boeken, taalcafé en hulp met formulieren.",
        website="https://bieb.example.org",
    )
    library.wijken.add(world.wijk)
    bieb = StrategicLocationFactory(name="Bibliotheek", kind="bibliotheek", buurt=world.buurt)
    activity_at(library, bieb, title="Taalcafé", starts=this_week_at(14))
    initiative_activity(world.wijk, bieb, title="Moestuin open")
    return {"place": place.pk}


def _serious_violations(page: Page) -> list[str]:
    # Evaluated through DevTools: a <script> tag with axe inline would be refused by the site's
    # Content Security Policy, as it should be.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return list(
        page.evaluate(
            """async () => {
                const result = await axe.run(document, {resultTypes: ["violations"]});
                return result.violations
                    .filter(v => v.impact === "serious" || v.impact === "critical")
                    .map(v => v.id + " (" + v.impact + "): "
                        + v.nodes.map(n => n.target.join(" ")).join(", "));
            }"""
        )
    )


def test_a_resident_on_a_phone_adds_this_weeks_mosque_activity_to_their_calendar(
    live_server: object, browser: Browser, world: World
) -> None:
    _portal(world)
    context = keep_offline(
        browser.new_context(
            locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True, accept_downloads=True
        )
    )
    page = context.new_page()
    page.goto(f"{live_server}/plein/")
    page.get_by_role("link", name=world.wijk.name, exact=True).click()
    expect(page.locator("h1")).to_contain_text(f"Gezondheidsplein {world.wijk.name}")

    week = page.locator("#deze-week")
    at_mosque = week.locator("[data-item]").filter(has_text="Moskee Al Fath")
    expect(at_mosque).to_have_count(1)
    expect(at_mosque).to_contain_text("Koffie en wandelen voor vrouwen")
    # Mobile first: the page fits the phone, nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    with page.expect_download() as download_info:
        at_mosque.get_by_role("link", name="Zet in mijn agenda").click()
    path = download_info.value.path()
    calendar = Calendar.from_ical(Path(path).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Koffie en wandelen voor vrouwen"
    assert "Moskee Al Fath" in str(event["location"])
    starts = event.decoded("dtstart")
    assert starts == this_week_at(10)
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    assert monday <= starts.date() < monday + dt.timedelta(days=7)
    page.screenshot(path="var/screenshots/plein-phone.png", full_page=True)
    context.close()


def test_a_resident_searches_the_calendar_by_theme_with_the_keyboard(
    live_server: object, page: Page, world: World
) -> None:
    _portal(world)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}{reverse('plein:wijk', args=[world.wijk.code])}")
    page.get_by_label("Thema").select_option(label="Bewegen")
    page.get_by_label("Thema").press("Tab")  # on to the place
    page.keyboard.press("Tab")  # on to the search button
    page.keyboard.press("Enter")
    expect(page.locator("[data-item]")).to_have_count(1)
    expect(page.locator("[data-item]")).to_contain_text("Koffie en wandelen voor vrouwen")


@pytest.mark.parametrize(
    "viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"]
)
def test_no_serious_or_critical_accessibility_violations_on_any_portal_page(
    live_server: object, browser: Browser, world: World, viewport: dict[str, int]
) -> None:
    ids = _portal(world)
    pages = [
        reverse("plein:index"),
        reverse("plein:wijk", args=[world.wijk.code]),
        reverse("plein:agenda", args=[world.wijk.code]),
        reverse("plein:agenda", args=[world.wijk.code]) + "?thema=bewegen&q=niets",
        reverse("plein:place", args=[ids["place"]]),
        reverse("couplings:docs"),
    ]
    context = keep_offline(browser.new_context(locale="nl-NL", viewport=viewport))
    page = context.new_page()
    found = {}
    for url in pages:
        page.goto(f"{live_server}{url}")
        if "plein-map" in page.content():
            expect(page.locator("#plein-map")).to_have_attribute("data-ready", "1")
        found[url] = _serious_violations(page)
    context.close()
    assert found == {url: [] for url in pages}


def test_the_accessibility_check_itself_catches_a_missing_alt_text(
    live_server: object, page: Page, world: World
) -> None:
    # The check above passes only because the pages are right, not because axe never ran.
    page.goto(f"{live_server}{reverse('plein:index')}")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(v.startswith("image-alt (critical)") for v in _serious_violations(page))
