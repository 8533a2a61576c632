"""In a real browser: a funder opens the fund's public page and downloads its flows as CSV;
a committee member who leads an initiative is refused when they try to approve its
application."""

import csv
import importlib
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import Page, expect

from gezondewijk.finance import services
from gezondewijk.finance.models import Application, ApplicationStatus, CommitteeMember, Review
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.browser.conftest import wait_until
from tests.finance.factories import apply, approved, fund_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _default_themes() -> None:
    """The flush after an earlier transactional test removes the seeded themes; seed again."""
    importlib.import_module("gezondewijk.initiatives.migrations.0002_default_themes").add(
        apps, None
    )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def _log_in(page: Page, server: str, email: str) -> None:
    page.goto(f"{server}/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _wijk() -> object:
    region = factories.RegionFactory(name="Regio Vecht", slug="regio-vecht")
    gemeente = factories.GemeenteFactory(region=region, name="Vechtdal")
    return factories.WijkFactory(gemeente=gemeente, name="Hoogstede")


def test_a_funder_sees_where_the_money_went_and_downloads_it(
    live_server: object, page: Page
) -> None:
    fund = fund_for(_wijk(), contributed=Decimal("7500.00"))
    application = approved(fund, Decimal("2000.00"))
    services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("1250.00"))
    funder = factories.user_with_role(Role.FUNDER, fund.wijk.gemeente.region)
    server = str(live_server)

    _log_in(page, server, funder.email)
    page.get_by_role("link", name="Preventiefonds").click()
    expect(page.locator("h1")).to_contain_text("Preventiefonds")
    expect(page.locator("#fund-contributed")).to_contain_text("7500,00")
    expect(page.locator("#fund-balance")).to_contain_text("6250,00")
    expect(page.locator("#funder-table")).to_contain_text("Zorgverzekeraar Z")
    expect(page.locator("#wijk-table")).to_contain_text("Hoogstede")
    # Chart.js drew the three charts (a canvas gets its own size once drawn).
    wait_until(page, "window.Chart && Chart.getChart('funder-chart')")
    assert page.evaluate("() => Chart.getChart('theme-chart').data.labels") == ["Bewegen"]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Alle geldstromen downloaden als CSV").click()
    download = download_info.value
    assert download.suggested_filename == "preventiefonds-regio-vecht.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    month = application.transactions.get().booked_on.strftime("%Y-%m")
    assert rows[0] == ["month", "kind", "funder", "wijk", "theme", "amount"]
    assert sorted(rows[1:]) == sorted(
        [
            ["2026-01", "contribution", "Zorgverzekeraar Z", "", "", "7500.00"],
            [month, "grant", "", "Hoogstede", "Bewegen", "1250.00"],
        ]
    )

    # The page is public: a visitor who is not logged in sees the same figures.
    page.get_by_role("button", name="Uitloggen").click()
    page.goto(f"{server}/preventiefonds/")
    expect(page.locator("#fund-balance")).to_contain_text("6250,00")


def test_a_committee_member_cannot_approve_their_own_initiatives_application(
    live_server: object, page: Page
) -> None:
    fund = fund_for(_wijk())
    application = apply(fund)
    CommitteeMember.objects.create(region=fund.wijk.gemeente.region, user=fund.lead)
    server = str(live_server)

    _log_in(page, server, fund.lead.email)
    page.get_by_role("link", name="Subsidies").click()
    page.get_by_role("link", name=fund.initiative.name, exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("je mag niet beslissen")
    page.get_by_label("Besluit").select_option("approve")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Je hoort bij “{fund.initiative.name}”, dus je mag niet beslissen"
    )
    expect(page.locator("#application-status")).to_have_text("ingediend")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not Review.objects.exists()
    assert Application.objects.count() == 1
