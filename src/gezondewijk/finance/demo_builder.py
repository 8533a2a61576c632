"""Demo data of the prevention fund: funders, a year of contributions and grants, one health
policy scenario and one outcome contract. Runs after the indicators' builder, so the policy's
supplement and the contract's settlements draw on the demo's indicator values."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile

from gezondewijk.demo.accounts import DEMO_EMAIL_DOMAIN
from gezondewijk.demo.registry import DemoContext
from gezondewijk.finance import calculator, ledger, scenarios
from gezondewijk.finance.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    CommitteeMember,
    Decision,
    OutcomeContract,
    OutcomePeriod,
    PolicyScenario,
    Receipt,
    Review,
    Settlement,
    TransactionKind,
)
from gezondewijk.indicators.models import Indicator, IndicatorValue
from gezondewijk.initiatives.models import LIVE_STATUSES, Initiative
from gezondewijk.people.models import Organisation, OrganisationType, User
from gezondewijk.places.models import Gemeente, Region

YEAR_END = date(2026, 10, 31)
FUNDERS = (
    (OrganisationType.GEMEENTE, "Gemeentelijk gezondheidsbeleid", Decimal("4000.00")),
    (OrganisationType.ZORGVERZEKERAAR, "Zorgverzekeraar Regio Zorg", Decimal("3000.00")),
    (OrganisationType.WONINGCORPORATIE, "Woonstichting Thuis", Decimal("1500.00")),
    (OrganisationType.BANK, "Coöperatieve Bank Vechtstreek", Decimal("1000.00")),
    (OrganisationType.BEDRIJF, "Bouwbedrijf Gezond & Zo", Decimal("500.00")),
)
GRANTS = 12
PDF = b"%PDF-1.4\n% demo receipt\n"


def _month_ends() -> list[date]:
    ends = []
    day = YEAR_END
    for _i in range(12):
        ends.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return sorted(ends)


def build_finance(ctx: DemoContext) -> None:
    region = ctx.require_region()
    gemeente = Gemeente.objects.filter(region=region).order_by("code").first()
    if gemeente is None:
        return
    funders = [
        (
            Organisation.objects.filter(gemeente__region=region, type=kind).order_by("pk").first()
            or Organisation.objects.create(name=name, type=kind, gemeente=gemeente),
            monthly,
        )
        for kind, name, monthly in FUNDERS
    ]
    fund = ledger.fund_account(region)
    months = _month_ends()
    for organisation, monthly in funders:
        account = ledger.funder_account(region, organisation)
        for day in months:
            amount = monthly * Decimal(ctx.rng.choice([8, 10, 10, 12])) / 10
            ledger.post(
                region=region,
                kind=TransactionKind.CONTRIBUTION,
                description=f"Bijdrage {organisation.name} {day:%m-%Y}",
                lines=[(account, -amount), (fund, amount)],
                booked_on=day,
            )
    ctx.count("fund contributions", len(funders) * len(months))

    committee = list(
        User.objects.filter(
            email__in=[f"financier@{DEMO_EMAIL_DOMAIN}", f"coordinator@{DEMO_EMAIL_DOMAIN}"]
        )
    )
    CommitteeMember.objects.bulk_create(
        [CommitteeMember(region=region, user=u) for u in committee], ignore_conflicts=True
    )
    _grants(ctx, region, committee, months)
    _scenario(region)
    _contract(ctx, region, funders[3][0])


def _grants(ctx: DemoContext, region: Region, committee: list[User], months: list[date]) -> None:
    initiatives = list(
        Initiative.objects.filter(status__in=LIVE_STATUSES, wijken__gemeente__region=region)
        .distinct()
        .order_by("pk")[:GRANTS]
    )
    for number, initiative in enumerate(initiatives):
        wijk = initiative.wijken.order_by("code").first()
        theme = initiative.themes.order_by("slug").first()
        if wijk is None or theme is None:
            continue
        amount = Decimal(ctx.rng.choice([750, 1200, 2500, 4000]))
        approved = number % 4 != 3
        application = Application.objects.create(
            region=region,
            initiative=initiative,
            applicant=initiative.lead,
            wijk=wijk,
            theme=theme,
            amount=amount,
            expected_result="Meer bewoners doen mee; we tellen deelnemers per activiteit.",
            status=ApplicationStatus.APPROVED if approved else ApplicationStatus.REJECTED,
            approved_amount=amount if approved else None,
        )
        BudgetLine.objects.bulk_create(
            [
                BudgetLine(application=application, description="Materiaal", amount=amount / 2),
                BudgetLine(application=application, description="Zaalhuur", amount=amount / 2),
            ]
        )
        reviewer = next((u for u in committee if u.pk not in application.party_user_ids()), None)
        Review.objects.create(
            application=application,
            reviewer=reviewer,
            decision=Decision.APPROVE if approved else Decision.REJECT,
            reasons="" if approved else "Past niet bij de doelen van het fonds dit jaar.",
        )
        if not approved:
            continue
        paid_on = months[min(number, len(months) - 2)]
        account = ledger.initiative_account(application.region, initiative)
        fund = ledger.fund_account(application.region)
        for tranche, day in ((amount / 2, paid_on), (amount / 2, months[-1])):
            ledger.post(
                region=application.region,
                kind=TransactionKind.PAYOUT,
                description=f"Tranche {initiative.name}",
                lines=[(fund, -tranche), (account, tranche)],
                application=application,
                booked_on=day,
            )
        spent = (amount * Decimal("0.4")).quantize(Decimal("0.01"))
        booking = ledger.post(
            region=application.region,
            kind=TransactionKind.SPENDING,
            description="Materiaal gekocht",
            lines=[(account, -spent), (ledger.costs_account(application.region), spent)],
            application=application,
            booked_on=months[-1],
        )
        Receipt.objects.create(
            application=application,
            transaction=booking,
            file=ContentFile(PDF, name=f"bon-{application.pk}.pdf"),
        )
    ctx.count("grant applications", len(initiatives))


def _scenario(region: Region) -> None:
    figures = scenarios.regional_figures(region)
    modules = calculator.modules_for_needs({f["indicator"]: f["value"] for f in figures})
    PolicyScenario.objects.create(
        region=region,
        name="Vitaal Regio-polis 2027",
        base_premium=Decimal("140.00"),
        collective_discount_pct=Decimal("5.00"),
        market_premium=Decimal("145.00"),
        base_uptake_pct=Decimal("6.00"),
        uptake_per_euro_pct=Decimal("0.80"),
        combination_pays=Decimal("1.50"),
        modules=[
            {"key": m.key, "cost": str(m.cost), "indicator": m.indicator, "value": m.value}
            for m in modules
        ],
        partners=[
            {"name": "Gemeenten", "share_pct": "50", "discount_pct": "0", "spend": "0"},
            {"name": "Zorgverzekeraar", "share_pct": "30", "discount_pct": "0", "spend": "0"},
            {"name": "Sportclubs", "share_pct": "10", "discount_pct": "15", "spend": "180"},
            {"name": "Supermarkten", "share_pct": "10", "discount_pct": "5", "spend": "400"},
        ],
        households={"alleenstaand": 9000, "paar": 7000, "gezin": 6000, "eenoudergezin": 1500},
        needs_basis=figures,
    )


def _contract(ctx: DemoContext, region: Region, investor: Organisation) -> None:
    indicator = Indicator.objects.filter(code="ggd-lonely").first()
    if indicator is None:
        return
    values = [
        (code, period, float(value), pk, basis)
        for code, period, value, pk, basis in IndicatorValue.objects.filter(
            indicator=indicator, level="wijk", suppressed=False, value__isnull=False
        )
        .order_by("area_code", "period")
        .values_list("area_code", "period", "value", "pk", "basis")
        if value is not None
    ]
    if not values:
        return
    area = values[0][0]
    series = [(p, v, pk, b) for code, p, v, pk, b in values if code == area]
    baseline = series[0][1]
    contract = OutcomeContract.objects.create(
        region=region,
        name="Samen minder eenzaam",
        investor=investor,
        indicator=indicator,
        area_code=area,
        baseline=baseline,
        principal=Decimal("60000.00"),
        cap_total=Decimal("72000.00"),
    )
    for step, (period, value, pk, basis) in enumerate(series[1:4], start=1):
        terms = OutcomePeriod.objects.create(
            contract=contract,
            period=period,
            target=round(baseline - 1.5 * step, 1),
            max_payment=Decimal("24000.00"),
        )
        settled = sum(
            (s.due for s in Settlement.objects.filter(period__contract=contract)), Decimal(0)
        )
        outcome = scenarios.outcomes.period_due(
            baseline=baseline,
            target=terms.target,
            measured=value,
            higher_is_better=False,
            max_payment=terms.max_payment,
            remaining_cap=contract.cap_total - settled,
        )
        Settlement.objects.create(
            period=terms,
            indicator_code=indicator.code,
            area_code=area,
            measured=value,
            basis=basis,
            source_value_id=pk,
            improvement=outcome.improvement,
            achieved=outcome.achieved,
            due=outcome.due,
        )
    ctx.count("outcome contracts", 1)
