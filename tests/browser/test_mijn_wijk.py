"""A resident draws their network; a coordinator sees the wijk's groups, small ones hidden."""

import pytest
from playwright.sync_api import Page, expect

from gezondewijk.network import runs
from gezondewijk.network.models import NetworkRun
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.browser.conftest import wait_until
from tests.network.factories import befriend, resident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_resident_adds_three_ties_and_sees_them_in_the_picture(
    live_server: object, page: Page
) -> None:
    buurt = factories.BuurtFactory()
    factories.StrategicLocationFactory(buurt=buurt, name="Buurthuis De Schakel")
    factories.OrganisationFactory(gemeente=buurt.wijk.gemeente, name="Huisartsen Oost")
    me = resident(buurt)

    log_in(page, str(live_server), me.email)
    page.get_by_role("link", name="Mijn wijk").click()
    expect(page.get_by_role("heading", name="Mijn wijk", exact=True)).to_be_visible()

    form = page.locator("#tie-form")
    form.get_by_label("Met").select_option("contact")
    # Only the field for the chosen kind of target is shown.
    expect(form.locator("select[name=location]")).to_be_hidden()
    form.get_by_label("Naam of omschrijving").fill("buurvrouw Ans")
    form.get_by_label("Soort").select_option("buur")
    form.get_by_label("praktische hulp").check()
    form.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Het contact is aan je netwerk toegevoegd.")).to_be_visible()

    form.get_by_label("Met").select_option("plek")
    form.locator("select[name=location]").select_option(label="Buurthuis De Schakel")
    form.get_by_label("Soort").select_option("plek")
    form.get_by_role("button", name="Toevoegen").click()

    form.get_by_label("Met").select_option("organisatie")
    form.locator("select[name=organisation]").select_option(label="Huisartsen Oost")
    form.get_by_label("Soort").select_option("hulpverlener")
    form.get_by_role("button", name="Toevoegen").click()

    rows = page.get_by_test_id("tie-list").locator("tbody tr")
    expect(rows).to_have_count(3)
    # The picture holds me and my three ties, each labelled.
    wait_until(page, "window.egoGraph && window.egoGraph.nodes().length === 4")
    labels = page.evaluate("window.egoGraph.nodes().map(n => n.data('label'))")
    assert set(labels) == {"Ik", "buurvrouw Ans", "Buurthuis De Schakel", "Huisartsen Oost"}
    page.screenshot(path="var/screenshots/mijn-wijk.png", full_page=True)


def test_a_coordinator_sees_the_groups_of_the_wijk_with_small_ones_hidden(
    live_server: object, page: Page
) -> None:
    buurt = factories.BuurtFactory()
    wijk = buurt.wijk
    big = [resident(buurt) for _ in range(12)]
    small = [resident(buurt) for _ in range(3)]
    for group in (big, small):  # everybody in a group knows everybody else in it
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                befriend(a, b)
    runs.network_run_execute(run_id=NetworkRun.objects.create(region=wijk.gemeente.region).pk)
    coordinator = factories.user_with_role(Role.COORDINATOR, wijk)

    log_in(page, str(live_server), coordinator.email)
    page.goto(f"{live_server}/netwerk/{wijk.code}/")

    table = page.get_by_test_id("communities")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("12")
    expect(page.get_by_test_id("hidden-communities")).to_contain_text(
        "1 groep met minder dan 10 bewoners wordt niet getoond"
    )
    wait_until(page, "window.communityGraph && window.communityGraph.nodes().length === 1")
    page.screenshot(path="var/screenshots/wijk-netwerk.png", full_page=True)
