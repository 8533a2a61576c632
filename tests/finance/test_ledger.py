"""The ledger's invariants, for any sequence of bookings: every transaction balances, no
grant is paid out beyond what was approved, nothing is spent that was not paid, the fund
never goes below zero, and a reversal restores every balance exactly."""

import contextlib
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gezondewijk.finance import ledger, services
from gezondewijk.finance.models import CENT, Account, Entry, Transaction, TransactionKind
from gezondewijk.places.models import Wijk
from tests import factories
from tests.finance.factories import Fund, apply, approved, fund_for, receipt

pytestmark = pytest.mark.django_db

euros = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("3000"), places=2)
operation = st.one_of(
    st.tuples(st.just("contribute"), euros),
    st.tuples(st.just("pay"), euros),
    st.tuples(st.just("spend"), euros),
    st.tuples(st.just("reverse"), st.integers(0, 30)),
    st.tuples(st.just("close"), st.just(Decimal(0))),
)
SLOW = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _fresh_wijk() -> Wijk:
    """A region of its own per example: examples share the database, not their books."""
    return factories.WijkFactory(
        gemeente=factories.GemeenteFactory(region=factories.RegionFactory())
    )


def _apply(fund: Fund, application: Any, op: str, value: Any) -> None:
    region = fund.wijk.gemeente.region
    if op == "contribute":
        services.contribution_record(
            actor=fund.treasurer, region=region, funder=fund.funder, amount=value
        )
    elif op == "pay":
        services.tranche_pay(actor=fund.treasurer, application=application, amount=value)
    elif op == "spend":
        services.spending_record(
            actor=fund.lead,
            application=application,
            amount=value,
            description="Koffie",
            receipt=receipt(),
        )
    elif op == "reverse":
        bookings = list(Transaction.objects.filter(region=region).order_by("pk"))
        services.transaction_reverse(
            actor=fund.treasurer, booking=bookings[value % len(bookings)], reason="vergissing"
        )
    else:
        services.application_close(actor=fund.treasurer, application=application)


def _balances(region_id: int) -> dict[int, Decimal]:
    rows = (
        Entry.objects.filter(account__region_id=region_id)
        .values("account_id")
        .annotate(total=Sum("amount"))
    )
    # SQLite sums decimals as floats (0.00999999999999091): compare to the cent, as the
    # ledger itself does.
    sums = {r["account_id"]: r["total"].quantize(CENT) for r in rows}
    return {k: v for k, v in sums.items() if v != 0}


def _assert_invariants(fund: Fund, application: Any) -> None:
    region = fund.wijk.gemeente.region
    totals = (
        Entry.objects.filter(transaction__region=region)
        .values("transaction_id")
        .annotate(total=Sum("amount"))
    )
    assert all(t["total"].quantize(CENT) == 0 for t in totals)
    assert sum(_balances(region.pk).values(), Decimal(0)) == 0
    application.refresh_from_db()
    money = ledger.grant_money(application)
    assert Decimal(0) <= money.paid <= application.approved_amount
    assert money.held >= 0
    assert ledger.balance(ledger.fund_account(region)) >= 0


@SLOW
@given(approved_amount=euros, operations=st.lists(operation, max_size=12))
def test_the_books_hold_whatever_happens(
    db: None, approved_amount: Decimal, operations: list[tuple[str, Any]]
) -> None:
    fund = fund_for(_fresh_wijk(), contributed=Decimal("2000.00"))
    application = approved(fund, approved_amount)
    for op, value in operations:
        # A refusal (with its reason) is fine; what matters is that nothing half-happened.
        with contextlib.suppress(ValidationError):
            _apply(fund, application, op, value)
        _assert_invariants(fund, application)


@SLOW
@given(
    before=st.lists(operation, max_size=6),
    op=st.sampled_from(["contribute", "pay", "spend"]),
    amount=euros,
)
def test_a_reversal_restores_every_balance_exactly(
    db: None, before: list[tuple[str, Any]], op: str, amount: Decimal
) -> None:
    fund = fund_for(_fresh_wijk(), contributed=Decimal("5000.00"))
    application = approved(fund, Decimal("3000.00"))
    services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("500.00"))
    for step, value in before:
        with contextlib.suppress(ValidationError):
            _apply(fund, application, step, value)
    region = fund.wijk.gemeente.region
    snapshot = _balances(region.pk)
    try:
        _apply(fund, application, op, amount)
    except ValidationError:
        return  # nothing was booked, so nothing to reverse
    booking = Transaction.objects.filter(region=region).latest("pk")
    assert _balances(region.pk) != snapshot
    services.transaction_reverse(actor=fund.treasurer, booking=booking, reason="vergissing")
    assert _balances(region.pk) == snapshot


def test_an_unbalanced_posting_is_refused_and_leaves_nothing(world: Any) -> None:
    region = world.region
    fund = ledger.fund_account(region)
    costs = ledger.costs_account(region)
    with pytest.raises(ValidationError, match="do not balance"):
        ledger.post(
            region=region,
            kind=TransactionKind.CONTRIBUTION,
            description="scheef",
            lines=[(fund, Decimal("10.00")), (costs, Decimal("-9.99"))],
        )
    with pytest.raises(ValidationError, match="euros and cents"):
        ledger.post(
            region=region,
            kind=TransactionKind.CONTRIBUTION,
            description="halve cent",
            lines=[(fund, Decimal("0.005")), (costs, Decimal("-0.005"))],
        )
    assert not Transaction.objects.exists()
    assert not Entry.objects.exists()


def test_a_transaction_is_reversed_once_and_a_reversal_not_at_all(world: Any) -> None:
    fund = fund_for(world.wijk)
    first = Transaction.objects.get()
    reversal = services.transaction_reverse(actor=fund.treasurer, booking=first, reason="dubbel")
    assert reversal.kind == first.kind
    assert reversal.reverses == first
    with pytest.raises(ValidationError, match="already reversed"):
        services.transaction_reverse(actor=fund.treasurer, booking=first, reason="nog eens")
    with pytest.raises(ValidationError, match="cannot itself"):
        services.transaction_reverse(actor=fund.treasurer, booking=reversal, reason="terug")
    assert Transaction.objects.count() == 2  # nothing deleted, nothing changed


def test_paying_beyond_the_approved_amount_is_refused(world: Any) -> None:
    fund = fund_for(world.wijk)
    application = approved(fund, Decimal("1000.00"))
    services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("600.00"))
    with pytest.raises(ValidationError, match="more than the approved amount"):
        services.tranche_pay(
            actor=fund.treasurer, application=application, amount=Decimal("400.01")
        )
    services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("400.00"))
    assert ledger.grant_money(application).paid == Decimal("1000.00")


def test_an_unapproved_application_is_not_paid(world: Any) -> None:
    fund = fund_for(world.wijk)
    application = apply(fund)
    with pytest.raises(ValidationError, match="approved grant"):
        services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("1"))
    assert Account.objects.filter(kind="initiative").count() == 0


@SLOW
@given(approved_amount=euros, tranches=st.lists(euros, min_size=1, max_size=8))
def test_tranches_are_paid_exactly_while_they_fit_under_the_approved_amount(
    db: None, approved_amount: Decimal, tranches: list[Decimal]
) -> None:
    fund = fund_for(_fresh_wijk(), contributed=Decimal("50000.00"))
    application = approved(fund, approved_amount)
    paid = Decimal("0.00")
    for amount in tranches:
        fits = paid + amount <= approved_amount
        try:
            services.tranche_pay(actor=fund.treasurer, application=application, amount=amount)
        except ValidationError:
            assert not fits
        else:
            assert fits
            paid += amount
        assert ledger.grant_money(application).paid == paid
