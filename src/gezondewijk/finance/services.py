"""Writes of the prevention fund: contributions, applications and their review, tranches,
spending with receipts, closing a grant, corrections. One transaction each; the ledger's own
checks (ledger.py) run inside it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gezondewijk.finance import access, ledger
from gezondewijk.finance.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    Decision,
    Receipt,
    Review,
    Transaction,
    TransactionKind,
)
from gezondewijk.finance.receipts import check_receipt
from gezondewijk.initiatives.models import Initiative, Theme
from gezondewijk.people.access import may_review
from gezondewijk.people.models import Organisation
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Region, Wijk
from gezondewijk.projectbank.models import Intervention


class ConflictOfInterest(PermissionDenied):
    """Someone who is part of an initiative tried to decide on its application."""


def _require(actor: Any, permission: Permission) -> None:
    if not policy.allows(actor, permission):
        raise PermissionDenied


def _positive(amount: Decimal, field: str = "amount") -> Decimal:
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("Give a positive amount in euros and cents.")})
    return amount


def contribution_record(
    *,
    actor: Any,
    region: Region,
    funder: Organisation,
    amount: Decimal,
    booked_on: date | None = None,
    description: str = "",
) -> Transaction:
    _require(actor, Permission.MANAGE_FUND)
    _positive(amount)
    return ledger.post(
        region=region,
        kind=TransactionKind.CONTRIBUTION,
        description=description or _("Contribution of %(f)s") % {"f": funder.name},
        lines=[
            (ledger.funder_account(region, funder), -amount),
            (ledger.fund_account(region), amount),
        ],
        actor=actor,
        booked_on=booked_on,
    )


def _budget(amount: Decimal, lines: list[tuple[str, Decimal]]) -> None:
    if not lines:
        raise ValidationError({"budget_lines": _("Add at least one budget line.")})
    for number, (text, line_amount) in enumerate(lines, start=1):
        if not text.strip():
            raise ValidationError(
                {"budget_lines": _("Budget line %(n)s has no description.") % {"n": number}}
            )
        _positive(line_amount, "budget_lines")
    if sum((a for _t, a in lines), Decimal(0)) != amount:
        raise ValidationError(
            {
                "budget_lines": _("The budget lines add up to € %(sum)s, not to € %(amount)s.")
                % {"sum": sum((a for _t, a in lines), Decimal(0)), "amount": amount}
            }
        )


def application_submit(
    *,
    actor: Any,
    initiative: Initiative,
    wijk: Wijk,
    theme: Theme,
    amount: Decimal,
    expected_result: str,
    budget_lines: list[tuple[str, Decimal]],
    intervention: Intervention | None = None,
) -> Application:
    if not access.may_apply(actor, initiative):
        raise PermissionDenied
    _positive(amount)
    errors: dict[str, str] = {}
    if not initiative.wijken.filter(pk=wijk.pk).exists():
        errors["wijk"] = _("The initiative does not work in this wijk.")
    if not initiative.themes.filter(pk=theme.pk).exists():
        errors["theme"] = _("The initiative does not work on this theme.")
    if not expected_result.strip():
        errors["expected_result"] = _("Say what result you expect.")
    if errors:
        raise ValidationError(errors)
    _budget(amount, budget_lines)
    region = wijk.gemeente.region
    if region is None:
        raise ValidationError({"wijk": _("This wijk belongs to no region with a fund.")})
    with transaction.atomic():
        application = Application.objects.create(
            region=region,
            initiative=initiative,
            applicant=actor,
            wijk=wijk,
            theme=theme,
            intervention=intervention,
            amount=amount,
            expected_result=expected_result.strip(),
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(application=application, description=t.strip(), amount=a)
            for t, a in budget_lines
        )
    return application


def application_revise(
    *,
    actor: Any,
    application: Application,
    amount: Decimal,
    expected_result: str,
    budget_lines: list[tuple[str, Decimal]],
) -> Application:
    """After the committee asked for changes: a new budget, and back to the committee."""
    if not access.may_apply(actor, application.initiative):
        raise PermissionDenied
    _positive(amount)
    _budget(amount, budget_lines)
    with transaction.atomic():
        fresh = Application.objects.select_for_update().get(pk=application.pk)
        if fresh.status != ApplicationStatus.CHANGES_REQUESTED:
            raise ValidationError({"status": _("Only an application sent back can be revised.")})
        # Old lines stay in the history of the reviews; the application's own are replaced.
        fresh.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(application=fresh, description=t.strip(), amount=a) for t, a in budget_lines
        )
        fresh.amount = amount
        fresh.expected_result = expected_result.strip() or fresh.expected_result
        fresh.status = ApplicationStatus.SUBMITTED
        fresh.save(update_fields=["amount", "expected_result", "status"])
    return fresh


def review_refusal(user: Any, application: Application) -> str | None:
    """Why `user` may not decide on `application`, in words; None when they may."""
    if getattr(user, "pk", None) in application.party_user_ids():
        return _(
            "You are part of “%(i)s”, so you may not decide on its application. "
            "Another member of the committee must do this."
        ) % {"i": application.initiative.name}
    if not may_review(user, application):
        return _("Only members of the fund committee decide on applications.")
    return None


def application_review(
    *,
    actor: Any,
    application: Application,
    decision: str,
    reasons: str = "",
    approved_amount: Decimal | None = None,
) -> Application:
    refusal = review_refusal(actor, application)
    if refusal is not None:
        if getattr(actor, "pk", None) in application.party_user_ids():
            raise ConflictOfInterest(refusal)
        raise PermissionDenied(refusal)
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose approve, reject or ask for changes.")})
    if decision != Decision.APPROVE and not reasons.strip():
        raise ValidationError({"reasons": _("Give the initiative your reasons.")})
    with transaction.atomic():
        # Locked: two committee members deciding at once get one decision, not two.
        fresh = Application.objects.select_for_update().get(pk=application.pk)
        if fresh.status != ApplicationStatus.SUBMITTED:
            raise ValidationError({"status": _("This application is not waiting for a decision.")})
        if decision == Decision.APPROVE:
            granted = approved_amount if approved_amount is not None else fresh.amount
            _positive(granted, "approved_amount")
            if granted > fresh.amount:
                raise ValidationError(
                    {"approved_amount": _("You cannot approve more than was asked.")}
                )
            fresh.approved_amount = granted
            fresh.status = ApplicationStatus.APPROVED
        else:
            fresh.status = (
                ApplicationStatus.REJECTED
                if decision == Decision.REJECT
                else ApplicationStatus.CHANGES_REQUESTED
            )
        fresh.decided_at = timezone.now()
        fresh.save(update_fields=["approved_amount", "status", "decided_at"])
        Review.objects.create(
            application=fresh, reviewer=actor, decision=decision, reasons=reasons.strip()
        )
    return fresh


def tranche_pay(
    *, actor: Any, application: Application, amount: Decimal, booked_on: date | None = None
) -> Transaction:
    """Pay part of an approved grant from the fund to the initiative."""
    _require(actor, Permission.MANAGE_FUND)
    _positive(amount)
    with transaction.atomic():
        fresh = ledger.lock(application, application.region)
        assert fresh is not None
        if fresh.status != ApplicationStatus.APPROVED:
            raise ValidationError({"status": _("Only an approved grant is paid out.")})
        region = fresh.region
        return ledger.post(
            region=region,
            kind=TransactionKind.PAYOUT,
            description=_("Tranche for %(i)s") % {"i": fresh.initiative.name},
            lines=[
                (ledger.fund_account(region), -amount),
                (ledger.initiative_account(region, fresh.initiative), amount),
            ],
            actor=actor,
            application=fresh,
            booked_on=booked_on,
        )


def spending_record(
    *,
    actor: Any,
    application: Application,
    amount: Decimal,
    description: str,
    receipt: UploadedFile,
    booked_on: date | None = None,
) -> Transaction:
    """The initiative accounts for money it spent, with the receipt."""
    if not access.may_apply(actor, application.initiative):
        raise PermissionDenied
    _positive(amount)
    if not description.strip():
        raise ValidationError({"description": _("Say what the money was spent on.")})
    check_receipt(receipt)
    with transaction.atomic():
        fresh = ledger.lock(application, application.region)
        assert fresh is not None
        if fresh.status != ApplicationStatus.APPROVED:
            raise ValidationError({"status": _("Spending is accounted for on an open grant.")})
        region = fresh.region
        booking = ledger.post(
            region=region,
            kind=TransactionKind.SPENDING,
            description=description.strip(),
            lines=[
                (ledger.initiative_account(region, fresh.initiative), -amount),
                (ledger.costs_account(region), amount),
            ],
            actor=actor,
            application=fresh,
            booked_on=booked_on,
        )
        Receipt.objects.create(
            application=fresh, transaction=booking, file=receipt, uploaded_by=actor
        )
    return booking


def application_close(
    *, actor: Any, application: Application, booked_on: date | None = None
) -> Application:
    """End a grant: what the initiative still holds of it goes back to the fund."""
    if not (
        policy.allows(actor, Permission.MANAGE_FUND)
        or access.may_apply(actor, application.initiative)
    ):
        raise PermissionDenied
    with transaction.atomic():
        fresh = ledger.lock(application, application.region)
        assert fresh is not None
        if fresh.status != ApplicationStatus.APPROVED:
            raise ValidationError({"status": _("Only an approved grant can be closed.")})
        held = ledger.grant_money(fresh).held
        if held > 0:
            region = fresh.region
            ledger.post(
                region=region,
                kind=TransactionKind.RETURN,
                description=_("Unspent money of %(i)s returned") % {"i": fresh.initiative.name},
                lines=[
                    (ledger.initiative_account(region, fresh.initiative), -held),
                    (ledger.fund_account(region), held),
                ],
                actor=actor,
                application=fresh,
                booked_on=booked_on,
            )
        fresh.status = ApplicationStatus.CLOSED
        fresh.save(update_fields=["status"])
    return fresh


def transaction_reverse(*, actor: Any, booking: Transaction, reason: str) -> Transaction:
    _require(actor, Permission.MANAGE_FUND)
    return ledger.reverse(actor=actor, booking=booking, reason=reason)
