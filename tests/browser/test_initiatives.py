"""In a real browser: a resident starts an initiative and a neighbour joins it; a coordinator
opens the dashboard and the reach map."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from gezondewijk.demo.accounts import DEMO_EMAIL_DOMAIN
from gezondewijk.initiatives.models import Initiative, Membership
from gezondewijk.people.models import User
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.access import wijken_in_scope
from tests.browser.conftest import log_in_demo

pytestmark = [
    pytest.mark.usefixtures("demo_themes_and_steps"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()


def test_a_resident_starts_an_initiative_and_a_neighbour_joins(
    live_server: object, page: Page
) -> None:
    call_command("demo", "--residents", "40", "--seed", "7")
    server = str(live_server)
    resident = User.objects.get(email=f"inwoner@{DEMO_EMAIL_DOMAIN}")
    wijk = wijken_in_scope(resident, Permission.START_INITIATIVE).get()

    log_in_demo(page, server, "inwoner")
    page.get_by_role("link", name="Initiatieven", exact=True).click()
    page.get_by_role("link", name="Start een initiatief").click()
    page.get_by_label("Naam").fill("Ommetje Oost")
    page.get_by_label("Wat wil je doen?").fill("Elke ochtend samen een rondje lopen.")
    page.get_by_label("Bewegen").check()
    page.get_by_label(wijk.name).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("h1")).to_contain_text("Ommetje Oost")
    expect(page.locator(".messages")).to_contain_text("is gestart")
    initiative = Initiative.objects.get(name="Ommetje Oost")
    assert initiative.lead == resident
    _log_out(page)

    log_in_demo(page, server, "initiatiefnemer")
    page.goto(f"{server}/initiatieven/?wijk={wijk.code}")
    page.get_by_role("link", name="Ommetje Oost").click()
    page.get_by_label("Hoe wil je meedoen?").select_option("vrijwilliger")
    page.get_by_role("button", name="Doe mee met dit initiatief").click()
    expect(page.locator("[data-membership]")).to_contain_text("vrijwilliger")
    # Now a member, the neighbour sees who else takes part.
    expect(page.get_by_text(resident.display_name)).to_be_visible()
    assert Membership.objects.filter(
        initiative=initiative, user__email__startswith="initiatiefnemer@", role="vrijwilliger"
    ).exists()
    page.screenshot(path="var/screenshots/initiative-joined.png", full_page=True)


def test_a_coordinator_opens_the_dashboard_and_the_reach_map(
    live_server: object, page: Page
) -> None:
    call_command("demo", "--residents", "60", "--seed", "7")
    server = str(live_server)
    coordinator = User.objects.get(email=f"wijkcoordinator@{DEMO_EMAIL_DOMAIN}")
    wijk = wijken_in_scope(coordinator, Permission.VIEW_DASHBOARD).get()

    log_in_demo(page, server, "wijkcoordinator")
    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.locator("h1")).to_contain_text(wijk.name)
    expect(page.locator("[data-obstacle]")).to_have_count(6)
    # The fund's panel (finance) fills the financing obstacle.
    expect(page.locator("[data-obstacle=financing]")).to_contain_text("Preventiefonds")
    expect(page.locator("[data-obstacle=connecting]")).to_contain_text("Implementatiecyclus")

    page.get_by_role("link", name="Bereikkaart").click()
    expect(page.locator("#reach-map[data-ready='1']")).to_be_visible()
    # Leaflet drew the buurt boundaries, and the table lists every buurt with its figures.
    expect(page.locator("#reach-map path.leaflet-interactive").first).to_be_visible()
    expect(page.locator("#reach-table tbody tr")).to_have_count(wijk.buurten.count())
    page.screenshot(path="var/screenshots/reach-map.png", full_page=True)
