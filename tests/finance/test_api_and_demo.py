"""The fund's API, its demo data, its dashboard panel and its part of export and erase."""

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from gezondewijk.finance import calculator, ledger, scenarios, services
from gezondewijk.finance.models import (
    Application,
    CommitteeMember,
    Entry,
    OutcomeContract,
    PolicyScenario,
    Receipt,
    Review,
    Settlement,
    Transaction,
)
from gezondewijk.permissions.roles import Role
from gezondewijk.privacy import registry
from tests import factories
from tests.finance.factories import apply, approved, fund_for, receipt

pytestmark = pytest.mark.django_db
F = "/api/v1/finance"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_api_gives_the_public_figures(world: Any) -> None:
    fund = fund_for(world.wijk, contributed=Decimal("2500.00"))
    services.tranche_pay(actor=fund.treasurer, application=approved(fund), amount=Decimal("400.00"))
    [figures] = _client(world.resident).get(f"{F}/fund").json()
    assert figures["region"] == "regio-test"
    assert Decimal(figures["balance"]) == Decimal("2100.00")
    assert figures["per_funder"] == [{"name": "Zorgverzekeraar Z", "total": "2500.00"}]
    assert [(f["kind"], f["wijk"]) for f in figures["flows"]][-1] == ("grant", "Centrum")


def test_the_api_refuses_a_decision_by_someone_of_the_initiative(world: Any) -> None:
    fund = fund_for(world.wijk)
    application = apply(fund)
    CommitteeMember.objects.create(region=world.region, user=fund.lead)
    response = _post(
        _client(fund.lead), f"{F}/applications/{application.pk}/review", {"decision": "approve"}
    )
    assert response.status_code == 403
    assert "mag niet beslissen" in response.json()["detail"]
    ok = _post(
        _client(fund.reviewer),
        f"{F}/applications/{application.pk}/review",
        {"decision": "approve", "approved_amount": "900.00"},
    )
    assert ok.status_code == 200
    assert ok.json()["approved_amount"] == "900.00"


def test_the_api_pays_tranches_up_to_the_approved_amount(world: Any) -> None:
    fund = fund_for(world.wijk)
    application = approved(fund, Decimal("1000.00"))
    client = _client(fund.treasurer)
    url = f"{F}/applications/{application.pk}/tranches"
    assert _post(client, url, {"amount": "600.00"}).json()["paid"] == "600.00"
    refused = _post(client, url, {"amount": "400.01"})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "payload", "amount"]
    assert _post(client, url, {"amount": "-1"}).status_code == 422


def test_the_api_compares_scenarios_and_shows_settlements(world: Any) -> None:
    funder = factories.user_with_role(Role.FUNDER, world.region)
    scenarios.scenario_create(
        actor=funder,
        region=world.region,
        name="Basis",
        base_premium=Decimal("130.00"),
        collective_discount_pct=Decimal("5"),
        market_premium=Decimal("135.00"),
        base_uptake_pct=Decimal("5"),
        uptake_per_euro_pct=Decimal("1"),
        combination_pays=Decimal("1.00"),
        partners=[{"name": "Gemeente", "share_pct": Decimal("100"), "discount_pct": 0, "spend": 0}],
        households={"alleenstaand": 1000},
    )
    [scenario] = _client(funder).get(f"{F}/policy-scenarios").json()
    # 123.50 + 1.50 - 1.00 = 124.00; 11 cheaper: uptake 16 %, 160 adults; 1.50 x 12 x 160.
    assert scenario["member_premium"] == "124.00"
    assert scenario["insured_adults"] == 160
    assert scenario["prevention_budget"] == "2880.00"
    assert _client(funder).get(f"{F}/outcome-contracts").json() == []


def test_the_demo_builds_a_year_of_the_fund_that_balances() -> None:
    # The fictional region: its outcome contract settles on several years of wijk loneliness
    # figures, which the Utrecht demo (GGD figures for the gemeente only, 2024) does not invent.
    call_command("demo", "--fictional", "--residents", "40", "--seed", "3")
    region = Application.objects.first().region
    assert Transaction.objects.filter(kind="contribution").count() == 5 * 12
    assert Application.objects.filter(status="approved").exists()
    assert Application.objects.filter(status="rejected").exists()
    assert Receipt.objects.exists()
    # Every transaction balances, and the fund holds what came in minus what went out.
    totals = Entry.objects.values("transaction_id").annotate(s=Sum("amount"))
    assert all(t["s"].quantize(Decimal("0.01")) == 0 for t in totals)
    assert ledger.balance(ledger.fund_account(region)) > 0
    for application in Application.objects.filter(status="approved"):
        assert not Review.objects.filter(
            application=application, reviewer_id__in=application.party_user_ids()
        ).exists()
    scenario = PolicyScenario.objects.get()
    assert calculator.compute(scenarios.as_scenario(scenario)).insured_adults > 0
    # The supplement was drawn from the demo's indicator values, kept with the scenario.
    assert scenario.needs_basis
    contract = OutcomeContract.objects.get()
    assert Settlement.objects.filter(period__contract=contract).exists()
    assert sum(s.due for s in Settlement.objects.all()) <= contract.cap_total
    page = Client().get(reverse("finance:transparency"))
    assert page.status_code == 200


def test_the_dashboard_shows_the_fund_in_the_wijk(world: Any) -> None:
    fund = fund_for(world.wijk)
    services.tranche_pay(actor=fund.treasurer, application=approved(fund), amount=Decimal("250.00"))
    apply(fund)
    html = (
        _client(world.coordinator)
        .get(reverse("dashboard:wijk", args=[world.wijk.code]))
        .content.decode()
    )
    assert "Goedgekeurde subsidies in deze wijk: 1" in html
    assert "uitbetaald € 250,00" in html
    assert "op de commissie wachten: 1" in html


def test_export_and_erase_keep_the_books_but_not_the_person(world: Any) -> None:
    fund = fund_for(world.wijk)
    application = approved(fund)
    services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("100"))
    services.spending_record(
        actor=fund.lead,
        application=application,
        amount=Decimal("10.00"),
        description="Koffie",
        receipt=receipt(),
    )
    provider = {p.name: p for p in registry.providers()}["finance"]
    exported = provider.export(fund.lead)
    assert exported["grant_applications"][0]["amount"] == "1000.00"
    assert len(exported["receipts_uploaded"]) == 1
    provider.erase(fund.reviewer)
    provider.erase(fund.lead)
    assert not CommitteeMember.objects.filter(user=fund.reviewer).exists()
    assert Review.objects.get().reviewer is None
    application.refresh_from_db()
    assert application.applicant is None
    assert ledger.grant_money(application).spent == Decimal("10.00")


def test_the_region_books_a_contribution_and_corrects_it_by_reversal(world: Any) -> None:
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)
    funder = factories.OrganisationFactory(gemeente=world.gemeente, name="Woonstichting W")
    client = _client(admin)
    bad = _post(
        client, f"{F}/contributions", {"region": "nergens", "funder": funder.pk, "amount": "10.00"}
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"][-1] == "region"
    booked = _post(
        client,
        f"{F}/contributions",
        {"region": world.region.slug, "funder": funder.pk, "amount": "300.00"},
    )
    assert booked.status_code == 201
    fund = ledger.fund_account(world.region)
    assert ledger.balance(fund) == Decimal("300.00")
    undone = _post(
        client, f"{F}/transactions/{booked.json()['id']}/reverse", {"reason": "dubbel geboekt"}
    )
    assert undone.status_code == 201
    assert undone.json()["reverses"] == booked.json()["id"]
    assert ledger.balance(fund) == Decimal("0.00")
    assert Transaction.objects.count() == 2  # the mistake stays visible in the books
