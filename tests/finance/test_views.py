"""The fund's pages: the public transparency page and CSV, applying, deciding, the policy
comparison and the outcome contracts."""

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.finance import scenarios, services
from gezondewijk.finance.models import Application, ApplicationStatus, CommitteeMember
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.finance.factories import apply, approved, fund_for, receipt
from tests.initiatives.factories import theme

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anyone_sees_where_the_money_went_and_downloads_it(world: Any) -> None:
    fund = fund_for(world.wijk, contributed=Decimal("5000.00"))
    application = approved(fund, Decimal("1200.00"))
    services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("700.00"))
    page = Client().get(reverse("finance:transparency"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Zorgverzekeraar Z" in html
    assert "Centrum" in html
    assert "Bewegen" in html
    # Amounts are shown the Dutch way; the CSV keeps a decimal point for spreadsheets.
    assert "5000,00" in html
    assert "700,00" in html
    assert "4300,00" in html
    download = Client().get(reverse("finance:transparency_csv"))
    assert download["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    month = application.transactions.get().booked_on.strftime("%Y-%m")
    assert rows[0] == ["month", "kind", "funder", "wijk", "theme", "amount"]
    assert sorted(rows[1:]) == sorted(
        [
            ["2026-01", "contribution", "Zorgverzekeraar Z", "", "", "5000.00"],
            [month, "grant", "", "Centrum", "Bewegen", "700.00"],
        ]
    )


def test_a_reversed_tranche_disappears_from_the_public_figures(world: Any) -> None:
    fund = fund_for(world.wijk)
    application = approved(fund)
    booking = services.tranche_pay(
        actor=fund.treasurer, application=application, amount=Decimal("300.00")
    )
    services.transaction_reverse(actor=fund.treasurer, booking=booking, reason="verkeerd bedrag")
    rows = list(
        csv.reader(io.StringIO(Client().get(reverse("finance:transparency_csv")).content.decode()))
    )
    assert [r[1] for r in rows[1:]] == ["contribution"]


def test_the_lead_applies_with_a_budget_and_a_bad_line_is_named(world: Any) -> None:
    fund = fund_for(world.wijk)
    client = _client(fund.lead)
    url = reverse("finance:application_new", args=[fund.initiative.pk])
    data = {
        "wijk": world.wijk.pk,
        "theme": theme().pk,
        "amount": "500.00",
        "expected_result": "Tien nieuwe wandelaars.",
        "budget": "Hesjes; 200\nKoffie 300",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Regel 2" in refused.content.decode()
    data["budget"] = "Hesjes; 200\nKoffie; 300,00"
    response = client.post(url, data)
    application = Application.objects.get()
    assert response.status_code == 302
    assert [(line.description, line.amount) for line in application.budget_lines.all()] == [
        ("Hesjes", Decimal("200")),
        ("Koffie", Decimal("300.00")),
    ]


def test_a_committee_member_cannot_approve_their_own_initiatives_application(world: Any) -> None:
    fund = fund_for(world.wijk)
    application = apply(fund)
    CommitteeMember.objects.create(region=world.region, user=fund.lead)
    client = _client(fund.lead)
    detail = client.get(reverse("finance:application_detail", args=[application.pk]))
    assert "je mag niet beslissen" in detail.content.decode()
    response = client.post(
        reverse("finance:application_review", args=[application.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    assert "je mag niet beslissen" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_the_committee_approves_the_fund_pays_and_the_lead_accounts(world: Any) -> None:
    fund = fund_for(world.wijk)
    application = apply(fund)
    review = _client(fund.reviewer).post(
        reverse("finance:application_review", args=[application.pk]),
        {"decision": "approve", "approved_amount": "800.00"},
    )
    assert review.status_code == 302
    paid = _client(fund.treasurer).post(
        reverse("finance:tranche_pay", args=[application.pk]), {"amount": "900.00"}
    )
    assert paid.status_code == 400
    assert "goedgekeurde bedrag" in paid.content.decode()
    _client(fund.treasurer).post(
        reverse("finance:tranche_pay", args=[application.pk]), {"amount": "500.00"}
    )
    lead = _client(fund.lead)
    wrong = lead.post(
        reverse("finance:spending_record", args=[application.pk]),
        {"amount": "100.00", "description": "Hesjes", "receipt": receipt("bon.png")},
    )
    assert wrong.status_code == 400
    assert "bon.png" in wrong.content.decode()
    lead.post(
        reverse("finance:spending_record", args=[application.pk]),
        {"amount": "100.00", "description": "Hesjes", "receipt": receipt()},
    )
    lead.post(reverse("finance:application_close", args=[application.pk]))
    page = lead.get(reverse("finance:application_detail", args=[application.pk]))
    assert "400,00" in page.content.decode()  # returned to the fund
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CLOSED


def test_a_funder_adds_a_scenario_and_sees_it_beside_the_others(world: Any) -> None:
    funder = factories.user_with_role(Role.FUNDER, world.region)
    client = _client(funder)
    data = {
        "name": "Basis",
        "base_premium": "130.00",
        "collective_discount_pct": "5",
        "market_premium": "135.00",
        "base_uptake_pct": "5",
        "uptake_per_euro_pct": "1",
        "combination_pays": "1.00",
        "partners": "Gemeente; 60; 0; 0\nSportclub; 30; 10; 200",
        "households": "alleenstaand; 1000\ngezin; 400",
    }
    refused = client.post(reverse("finance:policy_list"), data)
    assert refused.status_code == 400
    assert "100" in refused.content.decode()
    data["partners"] = "Gemeente; 60; 0; 0\nSportclub; 40; 10; 200"
    assert client.post(reverse("finance:policy_list"), data).status_code == 302
    data["name"], data["combination_pays"] = "Ruim", "3.00"
    client.post(reverse("finance:policy_list"), data)
    page = client.get(reverse("finance:policy_list")).content.decode()
    assert "Basis" in page
    assert "Ruim" in page
    assert "scenario-chart" in page
    # No indicator figures in this world: the supplement holds the basics only (1.50).
    basis = scenarios.scenarios_for().get(name="Basis")
    assert [m["key"] for m in basis.modules] == ["leefstijl"]
    # 130 x 0.95 + 1.50 - 1.00 and - 3.00: the member premium of each, side by side.
    assert "124,00" in page
    assert "122,00" in page
