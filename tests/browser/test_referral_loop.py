"""In a real browser, the whole loop of welzijn op recept: a GP refers, the resident accepts
and picks an activity, the coach records the intake, the GP sees that the resident took part."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import Page, expect

from gezondewijk.initiatives.models import Activity, Theme
from gezondewijk.people.models import OrganisationType, Profession
from gezondewijk.people.services import role_grant
from gezondewijk.permissions.roles import Role
from gezondewijk.referrals import selectors
from gezondewijk.referrals.models import Referral
from tests import factories
from tests.factories import PASSWORD
from tests.initiatives.factories import InitiativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _seeded_data() -> None:
    """Themes and the themes per reason come from data migrations, which the flush after an
    earlier transactional test removes; seed them again the way the migrations do."""
    for module in (
        "initiatives.migrations.0002_default_themes",
        "referrals.migrations.0002_reason_themes_and_indicator",
    ):
        importlib.import_module(f"gezondewijk.{module}").add(apps, None)


def _log_in(page: Page, server: str, email: str) -> None:
    page.goto(f"{server}/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()


def _professional(gemeente: object, profession: str, org_type: str, name: str) -> object:
    user = factories.user_with_role(Role.PROFESSIONAL, gemeente, display_name=name)  # type: ignore[arg-type]
    organisation = factories.OrganisationFactory(gemeente=gemeente, type=org_type)
    factories.ProfessionalProfileFactory(
        user=user, organisation=organisation, profession=profession
    )
    return user


def test_a_gp_refers_the_resident_takes_part_and_the_gp_hears_it(
    live_server: object, page: Page
) -> None:
    server = str(live_server)
    gemeente = factories.GemeenteFactory(code="GM9101", name="Testdorp")
    wijk = factories.WijkFactory(code="WK910101", name="Centrum", gemeente=gemeente)
    buurt = factories.BuurtFactory(code="BU91010101", name="Oude Kern", wijk=wijk)
    resident = factories.ResidentProfileFactory(buurt=buurt, user__display_name="Ans").user
    role_grant(user=resident, role=Role.RESIDENT, scope=wijk)
    gp = _professional(
        gemeente, Profession.HUISARTS, OrganisationType.HUISARTSENPRAKTIJK, "Dokter Jansen"
    )
    coach = _professional(
        gemeente, Profession.WELZIJNSCOACH, OrganisationType.WELZIJN, "Coach Fatima"
    )
    place = factories.StrategicLocationFactory(buurt=buurt, name="Buurthuis De Kern")
    initiative = InitiativeFactory(
        name="Koffie-ochtend Centrum", wijken=[wijk], themes=[Theme.objects.get(slug="eenzaamheid")]
    )
    activity = Activity.objects.create(
        initiative=initiative,
        title="Koffie-ochtend",
        date=timezone.localdate() + timedelta(days=4),
        location=place,
    )
    code = selectors.code_of(user=resident).code

    # The GP refers Ans, who gave her code at the consultation, for loneliness.
    _log_in(page, server, gp.email)  # type: ignore[attr-defined]
    page.get_by_role("link", name="Verwijzingen", exact=True).click()
    page.get_by_role("link", name="Een inwoner verwijzen").click()
    page.get_by_label("Verwijscode van de inwoner").fill(code)
    page.get_by_role("button", name="Opzoeken").click()
    expect(page.get_by_text("Verwijzing voor Ans.")).to_be_visible()
    page.get_by_label("De inwoner stemt in met deze verwijzing").check()
    page.get_by_label("Reden").select_option("eenzaamheid")
    page.get_by_label("Welzijnscoach").select_option(label="Coach Fatima")
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.locator(".messages")).to_contain_text("De verwijzing is verstuurd")
    referral = Referral.objects.get()
    assert referral.reason == "eenzaamheid"
    _log_out(page)

    # Ans accepts, lets her GP hear whether she takes part, and picks the coffee morning.
    _log_in(page, server, resident.email)
    page.get_by_role("link", name="Verwijzingen", exact=True).click()
    page.get_by_role("link", name="eenzaamheid").click()
    page.get_by_label("Mijn verwijzer mag horen of ik meedoe").check()
    page.get_by_role("button", name="Accepteren").click()
    expect(page.locator("[data-answer]")).to_have_text("geaccepteerd")
    proposals = page.locator("[data-proposals]")
    expect(proposals).to_contain_text("Koffie-ochtend")
    expect(proposals).to_contain_text("Buurthuis De Kern")
    page.get_by_role("button", name="Kies Koffie-ochtend").first.click()
    expect(page.locator("[data-chosen]")).to_contain_text("Koffie-ochtend")
    referral.refresh_from_db()
    assert referral.activity_id == activity.pk
    _log_out(page)

    # The coach opens it (received), records the intake, and later that Ans took part.
    _log_in(page, server, coach.email)  # type: ignore[attr-defined]
    page.get_by_role("link", name="Verwijzingen", exact=True).click()
    page.locator("[data-referrals-received]").get_by_role("link").first.click()
    expect(page.locator("[data-status]")).to_have_text("ontvangen")
    page.get_by_label("Volgende stap").select_option("intake")
    page.get_by_role("button", name="Stap vastleggen").click()
    expect(page.locator("[data-status]")).to_have_text("intake")
    page.get_by_label("Voor het eerst meegedaan op").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Deelname vastleggen").click()
    expect(page.locator("[data-status]")).to_have_text("actief")
    _log_out(page)

    # The GP sees that Ans took part, and nothing more than she allowed.
    _log_in(page, server, gp.email)  # type: ignore[attr-defined]
    page.get_by_role("link", name="Verwijzingen", exact=True).click()
    expect(page.locator("[data-referrals-made] tbody")).to_contain_text("ja")
    page.locator("[data-referrals-made]").get_by_role("link").nth(1).click()
    expect(page.locator("[data-took-part]")).to_contain_text("De inwoner heeft meegedaan")
    expect(page.locator("[data-feedback] table")).to_have_count(0)
    expect(page.locator("[data-history] li")).to_have_count(6)
    expect(page.locator("[data-history]")).to_contain_text("keuze — Koffie-ochtend")
    page.screenshot(path="var/screenshots/referral-loop.png", full_page=True)
