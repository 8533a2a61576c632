"""API of the prevention fund: public figures, applications, decisions, tranches, policy
scenarios and outcome contracts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from gezondewijk.errors import unknown
from gezondewijk.finance import calculator, ledger, scenarios, selectors, services
from gezondewijk.finance.models import Application, Decision, Transaction
from gezondewijk.people.models import Organisation
from gezondewijk.permissions.api_auth import caller_of, require
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Region

router = Router(tags=["finance"])


class TotalOut(Schema):
    name: str
    total: Decimal


class FlowOut(Schema):
    month: str
    kind: str
    funder: str
    wijk: str
    theme: str
    amount: Decimal


class FundOut(Schema):
    region: str
    contributed: Decimal
    granted: Decimal
    balance: Decimal
    per_funder: list[TotalOut]
    per_wijk: list[TotalOut]
    per_theme: list[TotalOut]
    flows: list[FlowOut]


class ApplicationOut(Schema):
    id: int
    initiative: str
    wijk: str
    theme: str
    amount: Decimal
    approved_amount: Decimal | None
    status: str
    submitted_at: datetime
    paid: Decimal
    spent: Decimal
    returned: Decimal


class ReviewIn(Schema):
    decision: Decision
    reasons: str = ""
    approved_amount: Decimal | None = Field(None, gt=0, decimal_places=2)


class TrancheIn(Schema):
    amount: Decimal = Field(..., gt=0, decimal_places=2)


class TrancheOut(Schema):
    transaction: int
    paid: Decimal
    approved: Decimal


class ContributionIn(Schema):
    region: str = Field(..., description="region slug")
    funder: int = Field(..., description="organisation id")
    amount: Decimal = Field(..., gt=0, decimal_places=2)
    booked_on: date | None = None
    description: str = ""


class ReversalIn(Schema):
    reason: str = Field(..., min_length=1)


class TransactionOut(Schema):
    id: int
    kind: str
    description: str
    booked_on: date
    reverses: int | None = Field(None, alias="reverses_id")


class HouseholdOut(Schema):
    household: str
    monthly_premium: Decimal
    households: int
    insured_households: int


class ScenarioOut(Schema):
    id: int
    name: str
    modules: list[str]
    member_premium: Decimal
    uptake_pct: Decimal
    insured_adults: int
    prevention_budget: Decimal
    cost_per_partner: dict[str, Decimal]
    per_household: list[HouseholdOut]


class SettlementOut(Schema):
    period: int
    target: float
    max_payment: Decimal
    measured: float | None
    achieved: Decimal | None
    due: Decimal | None
    source_value_id: int | None


class ContractOut(Schema):
    id: int
    name: str
    investor: str
    indicator: str
    area_code: str
    baseline: float
    principal: Decimal
    cap_total: Decimal
    periods: list[SettlementOut]


def _application(request: HttpRequest, pk: int) -> Application:
    caller = caller_of(request)
    if caller.user is None:
        raise HttpError(403, "Only a person can do this.")
    found = selectors.application_for(user=caller.user, pk=pk)
    if found is None:
        raise HttpError(404, "Not found.")
    return found


def _application_out(a: Application) -> ApplicationOut:
    money = ledger.grant_money(a)
    return ApplicationOut(
        id=a.pk,
        initiative=a.initiative.name,
        wijk=a.wijk.code,
        theme=a.theme.slug,
        amount=a.amount,
        approved_amount=a.approved_amount,
        status=a.status,
        submitted_at=a.submitted_at,
        paid=money.paid,
        spent=money.spent,
        returned=money.returned,
    )


@router.get("/fund", response=list[FundOut])
def fund(request: HttpRequest) -> list[FundOut]:
    require(request, Permission.VIEW_FUND)
    out = []
    for region in selectors.regions_with_fund().order_by("name"):
        t = selectors.transparency(region=region)
        out.append(
            FundOut(
                region=region.slug,
                contributed=t.contributed,
                granted=t.granted,
                balance=t.balance,
                per_funder=[TotalOut(**r) for r in t.per_funder],
                per_wijk=[TotalOut(**r) for r in t.per_wijk],
                per_theme=[TotalOut(**r) for r in t.per_theme],
                flows=[FlowOut(**r) for r in t.rows],
            )
        )
    return out


@router.get("/applications", response=list[ApplicationOut])
def applications(request: HttpRequest) -> list[ApplicationOut]:
    caller = caller_of(request)
    if caller.user is None:
        raise HttpError(403, "Only a person can do this.")
    return [_application_out(a) for a in selectors.applications_for(user=caller.user)[:500]]


@router.post("/applications/{application_id}/review", response=ApplicationOut)
def review(request: HttpRequest, application_id: int, payload: ReviewIn) -> ApplicationOut:
    application = _application(request, application_id)
    decided = services.application_review(
        actor=caller_of(request).user,
        application=application,
        decision=payload.decision,
        reasons=payload.reasons,
        approved_amount=payload.approved_amount,
    )
    return _application_out(decided)


@router.post("/applications/{application_id}/tranches", response={201: TrancheOut})
def tranche(request: HttpRequest, application_id: int, payload: TrancheIn) -> Status:
    application = _application(request, application_id)
    booking = services.tranche_pay(
        actor=caller_of(request).user, application=application, amount=payload.amount
    )
    application.refresh_from_db()
    return Status(
        201,
        TrancheOut(
            transaction=booking.pk,
            paid=ledger.grant_money(application).paid,
            approved=application.approved_amount or Decimal(0),
        ),
    )


def _person_with(request: HttpRequest, permission: Permission) -> object:
    caller = caller_of(request)
    if caller.user is None:
        raise HttpError(403, "Only a person can do this.")
    require(request, permission)
    return caller.user


@router.post("/contributions", response={201: TransactionOut})
def contribution(request: HttpRequest, payload: ContributionIn) -> Status:
    actor = _person_with(request, Permission.MANAGE_FUND)
    region = Region.objects.filter(slug=payload.region).first()
    funder = Organisation.objects.filter(pk=payload.funder).first()
    if region is None or funder is None:
        field = "region" if region is None else "funder"
        raise unknown(field, f"Unknown {field}.")
    booking = services.contribution_record(
        actor=actor,
        region=region,
        funder=funder,
        amount=payload.amount,
        booked_on=payload.booked_on,
        description=payload.description,
    )
    return Status(201, booking)


@router.post("/transactions/{transaction_id}/reverse", response={201: TransactionOut})
def reverse(request: HttpRequest, transaction_id: int, payload: ReversalIn) -> Status:
    """Correct a booking: a new transaction with every entry negated. Nothing is deleted."""
    actor = _person_with(request, Permission.MANAGE_FUND)
    booking = Transaction.objects.filter(pk=transaction_id).first()
    if booking is None:
        raise HttpError(404, "Not found.")
    reversal = services.transaction_reverse(actor=actor, booking=booking, reason=payload.reason)
    return Status(201, reversal)


@router.get("/policy-scenarios", response=list[ScenarioOut])
def policy_scenarios(request: HttpRequest) -> list[ScenarioOut]:
    require(request, Permission.VIEW_POLICY_SCENARIOS)
    out = []
    for s in scenarios.scenarios_for():
        r = calculator.compute(scenarios.as_scenario(s))
        out.append(
            ScenarioOut(
                id=s.pk,
                name=s.name,
                modules=[m["key"] for m in s.modules],
                member_premium=r.member_premium,
                uptake_pct=r.uptake_pct,
                insured_adults=r.insured_adults,
                prevention_budget=r.prevention_budget,
                cost_per_partner=r.cost_per_partner,
                per_household=[
                    HouseholdOut(
                        household=h.household,
                        monthly_premium=h.monthly_premium,
                        households=h.households,
                        insured_households=h.insured_households,
                    )
                    for h in r.per_household
                ],
            )
        )
    return out


@router.get("/outcome-contracts", response=list[ContractOut])
def outcome_contracts(request: HttpRequest) -> list[ContractOut]:
    require(request, Permission.VIEW_OUTCOME_CONTRACTS)
    out = []
    for c in scenarios.contracts().prefetch_related("periods__settlement"):
        periods = []
        for p in c.periods.all():
            s = getattr(p, "settlement", None)
            periods.append(
                SettlementOut(
                    period=p.period,
                    target=p.target,
                    max_payment=p.max_payment,
                    measured=s.measured if s else None,
                    achieved=s.achieved if s else None,
                    due=s.due if s else None,
                    source_value_id=s.source_value_id if s else None,
                )
            )
        out.append(
            ContractOut(
                id=c.pk,
                name=c.name,
                investor=c.investor.name,
                indicator=c.indicator.code,
                area_code=c.area_code,
                baseline=c.baseline,
                principal=c.principal,
                cap_total=c.cap_total,
                periods=periods,
            )
        )
    return out
