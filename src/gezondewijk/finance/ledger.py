"""The ledger's writes: accounts, balanced postings, reversals, and the invariants checked
after every posting (inside the same transaction, so a posting that breaks one leaves
nothing behind).

Concurrency: every posting that takes money out of the fund or out of an initiative's grant
first locks the rows it depends on (`select_for_update`: the application, then the fund
account, always in that order), so two payouts at the same moment cannot both see the same
room under the approved amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from gezondewijk.finance.models import (
    CENT,
    Account,
    AccountKind,
    Application,
    Entry,
    Transaction,
    TransactionKind,
)
from gezondewijk.initiatives.models import Initiative
from gezondewijk.people.models import Organisation
from gezondewijk.places.models import Region

ZERO = Decimal("0.00")
Line = tuple[Account, Decimal]


def _account(region: Region, kind: str, name: str, **link: Any) -> Account:
    account, _created = Account.objects.get_or_create(
        region=region, kind=kind, **link, defaults={"name": name}
    )
    return account


def fund_account(region: Region) -> Account:
    return _account(region, AccountKind.FUND, _("Prevention fund %(r)s") % {"r": region.name})


def costs_account(region: Region) -> Account:
    return _account(region, AccountKind.COSTS, _("Spent by initiatives"))


def funder_account(region: Region, organisation: Organisation) -> Account:
    return _account(region, AccountKind.FUNDER, organisation.name, organisation=organisation)


def initiative_account(region: Region, initiative: Initiative) -> Account:
    return _account(region, AccountKind.INITIATIVE, initiative.name, initiative=initiative)


def balance(account: Account) -> Decimal:
    total = account.entries.aggregate(total=Sum("amount"))["total"]
    # SQLite sums decimals as floats (5000 for 5000.00, 0.00999999999999091 for 0.01):
    # rounding to the cent gives the exact sum back for any fund below 10^11 euros.
    return (total if total is not None else ZERO).quantize(CENT)


@dataclass(frozen=True)
class GrantMoney:
    paid: Decimal  # paid out in tranches, net of reversals
    spent: Decimal  # accounted for with receipts
    returned: Decimal  # gone back to the fund

    @property
    def held(self) -> Decimal:
        return self.paid - self.spent - self.returned


def grant_money(application: Application) -> GrantMoney:
    """One query: the flows of an application, each measured on the account it flows into."""
    rows = Entry.objects.filter(transaction__application=application)

    def flow(kind: str, account_kind: str) -> Sum:
        return Sum(
            "amount", filter=Q(transaction__kind=kind, account__kind=account_kind), default=ZERO
        )

    sums = rows.aggregate(
        paid=flow(TransactionKind.PAYOUT, AccountKind.INITIATIVE),
        spent=flow(TransactionKind.SPENDING, AccountKind.COSTS),
        returned=flow(TransactionKind.RETURN, AccountKind.FUND),
    )
    # To the cent, as in balance(): SQLite's sums are floats.
    paid, spent, returned = (sums[k].quantize(CENT) for k in ("paid", "spent", "returned"))
    return GrantMoney(paid=paid, spent=spent, returned=returned)


def _check_lines(region: Region, lines: list[Line]) -> None:
    if len(lines) < 2:
        raise ValidationError({"entries": _("A transaction needs at least two entries.")})
    for account, amount in lines:
        if amount == 0 or amount != amount.quantize(CENT):
            raise ValidationError(
                {"amount": _("An amount must be a non-zero number of euros and cents.")}
            )
        if account.region_id != region.pk:
            raise ValidationError({"entries": _("All accounts must belong to the same fund.")})
    if sum((amount for _a, amount in lines), ZERO) != 0:
        raise ValidationError({"entries": _("The entries do not balance: debit ≠ credit.")})


def check_invariants(region: Region, application: Application | None) -> None:
    """What must hold after every posting: the fund holds no negative money, and a grant is
    never paid out beyond what was approved, nor spent or returned beyond what was paid."""
    if balance(fund_account(region)) < 0:
        raise ValidationError({"amount": _("The fund does not hold enough money for this.")})
    if application is None:
        return
    money = grant_money(application)
    if money.paid > (application.approved_amount or ZERO):
        raise ValidationError({"amount": _("This would pay out more than the approved amount.")})
    if money.held < 0 or money.paid < 0:
        raise ValidationError(
            {"amount": _("This is more than the initiative still holds of its grant.")}
        )


def post(
    *,
    region: Region,
    kind: str,
    description: str,
    lines: list[Line],
    actor: Any = None,
    application: Application | None = None,
    booked_on: date | None = None,
    reverses: Transaction | None = None,
) -> Transaction:
    """Write one balanced transaction. Callers lock what they depend on before calling."""
    _check_lines(region, lines)
    with transaction.atomic():
        booking = Transaction(
            region=region,
            kind=kind,
            description=description[:300],
            created_by=actor if getattr(actor, "pk", None) else None,
            application=application,
            reverses=reverses,
        )
        if booked_on is not None:
            booking.booked_on = booked_on
        booking.save()
        Entry.objects.bulk_create(
            Entry(transaction=booking, account=account, amount=amount) for account, amount in lines
        )
        check_invariants(region, application)
    return booking


def lock(application: Application | None, region: Region) -> Application | None:
    """Lock the application (when there is one), then the fund account; return the
    application as it is now, so checks read the committed state."""
    fresh = None
    if application is not None:
        fresh = Application.objects.select_for_update().get(pk=application.pk)
    list(Account.objects.select_for_update().filter(pk=fund_account(region).pk))
    return fresh


def reverse(*, actor: Any, booking: Transaction, reason: str) -> Transaction:
    """The correction of a mistake: a transaction with every entry negated. It keeps the kind
    of the original, so paid/spent/returned come out net."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this transaction is reversed.")})
    with transaction.atomic():
        application = lock(booking.application, booking.region)
        original = Transaction.objects.select_for_update().get(pk=booking.pk)
        if original.reverses_id is not None:
            raise ValidationError({"transaction": _("A reversal cannot itself be reversed.")})
        if Transaction.objects.filter(reverses=original).exists():
            raise ValidationError({"transaction": _("This transaction was already reversed.")})
        lines = [(e.account, -e.amount) for e in original.entries.select_related("account")]
        return post(
            region=original.region,
            kind=original.kind,
            description=_("Reversal: %(reason)s") % {"reason": reason.strip()},
            lines=lines,
            actor=actor,
            application=application,
            reverses=original,
        )
