"""The regional prevention fund as a double-entry ledger, grants to initiatives, the regional
health policy scenarios and outcome-based contracts.

Money is kept as exact decimals in euros (two places). The ledger is append-only: a mistake
is corrected with a reversing transaction, never by changing or deleting an entry. Each
transaction's entries sum to zero (checked in services.ledger_post, the one place that
writes entries); an entry's amount is what flows *into* its account (negative: out of it).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.indicators.models import Indicator
from gezondewijk.initiatives.models import Initiative, Theme
from gezondewijk.people.models import Organisation
from gezondewijk.places.models import Region, Wijk
from gezondewijk.projectbank.models import Intervention

CENT = Decimal("0.01")


def money(verbose: Any, **kwargs: Any) -> Any:
    """A sum of euros, exact to the cent."""
    return models.DecimalField(verbose, max_digits=14, decimal_places=2, **kwargs)


class AccountKind(models.TextChoices):
    FUNDER = "funder", _("funder")
    FUND = "fund", _("prevention fund")
    INITIATIVE = "initiative", _("initiative")
    COSTS = "costs", _("costs")


class Account(models.Model):
    """One account of a region's fund: the fund itself, a funder, an initiative, or costs."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="fund_accounts")
    kind = models.CharField(_("kind"), max_length=12, choices=AccountKind.choices)
    name = models.CharField(_("name"), max_length=160)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind"],
                condition=models.Q(kind__in=["fund", "costs"]),
                name="finance_one_fund_and_cost_account_per_region",
            ),
            models.UniqueConstraint(
                fields=["region", "organisation"], name="finance_one_account_per_funder"
            ),
            models.UniqueConstraint(
                fields=["region", "initiative"], name="finance_one_account_per_initiative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TransactionKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("contribution")
    PAYOUT = "payout", _("payout of a tranche")
    SPENDING = "spending", _("spending")
    RETURN = "return", _("return of unspent money")


class Transaction(models.Model):
    """A booking; its entries balance. A reversal keeps the kind of what it reverses, so sums
    per kind (paid out, spent, returned) stay right without special cases."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=TransactionKind.choices)
    description = models.CharField(_("description"), max_length=300)
    booked_on = models.DateField(_("booked on"), default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    application = models.ForeignKey(
        "Application", on_delete=models.PROTECT, null=True, blank=True, related_name="transactions"
    )
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        ordering = ["booked_on", "pk"]

    def __str__(self) -> str:
        return f"{self.booked_on} {self.get_kind_display()}: {self.description}"


class Entry(models.Model):
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    amount = money(_("amount (EUR)"))

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount=0), name="finance_entry_amount_not_zero"
            )
        ]

    def __str__(self) -> str:
        return f"{self.account_id}: {self.amount}"


class CommitteeMember(models.Model):
    """A member of a region's fund committee: reviews grant applications."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fund_committees"
    )
    since = models.DateField(_("since"), default=timezone.localdate)

    class Meta:
        verbose_name = _("fund committee member")
        verbose_name_plural = _("fund committee members")
        constraints = [
            models.UniqueConstraint(fields=["region", "user"], name="finance_committee_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.region})"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    CHANGES_REQUESTED = "changes", _("changes requested")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    CLOSED = "closed", _("closed")


class Application(models.Model):
    """An initiative asks the fund for money."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="grant_applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    wijk = models.ForeignKey(Wijk, verbose_name=_("wijk"), on_delete=models.PROTECT)
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT)
    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    amount = money(_("amount asked (EUR)"))
    expected_result = models.TextField(_("expected result"))
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default="submitted"
    )
    approved_amount = money(_("approved amount (EUR)"), null=True, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="finance_asks_money"),
            models.CheckConstraint(
                condition=models.Q(approved_amount__isnull=True)
                | models.Q(approved_amount__gt=0, approved_amount__lte=models.F("amount")),
                name="finance_approved_within_asked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} — € {self.amount}"

    def party_user_ids(self) -> set[int]:
        """The people who are part of the applying initiative: they may not review it."""
        ids = set(self.initiative.memberships.values_list("user_id", flat=True))
        return ids | ({self.initiative.lead_id} if self.initiative.lead_id else set())

    def committee_user_ids(self) -> set[int]:
        return set(
            CommitteeMember.objects.filter(region_id=self.region_id).values_list(
                "user_id", flat=True
            )
        )


class BudgetLine(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="budget_lines"
    )
    description = models.CharField(_("description"), max_length=200)
    amount = money(_("amount (EUR)"))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="finance_line_positive")
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class Decision(models.TextChoices):
    APPROVE = "approve", _("approve")
    REJECT = "reject", _("reject")
    CHANGES = "changes", _("ask for changes")


class Review(models.Model):
    """A committee decision on an application, kept as its history."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    reasons = models.TextField(_("reasons"), blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.decision}"


class Receipt(models.Model):
    """Proof of spending: the file behind a spending transaction."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="receipts")
    transaction = models.OneToOneField(
        Transaction, on_delete=models.PROTECT, related_name="receipt"
    )
    file = models.FileField(_("receipt"), upload_to="finance/receipts/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self) -> str:
        return self.file.name


class PolicyScenario(models.Model):
    """One design of a regional health policy; the figures are computed by calculator.py."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    base_premium = money(_("base premium per adult per month (EUR)"))
    collective_discount_pct = models.DecimalField(
        _("collective discount on the base premium (%)"), max_digits=5, decimal_places=2
    )
    market_premium = money(_("market premium per adult per month (EUR)"))
    base_uptake_pct = models.DecimalField(_("base uptake (%)"), max_digits=5, decimal_places=2)
    uptake_per_euro_pct = models.DecimalField(
        _("extra uptake per euro cheaper a month (percentage points)"),
        max_digits=5,
        decimal_places=2,
    )
    combination_pays = money(_("combination pays per member per month (EUR)"))
    # [{"key": "sociale_activiteiten", "cost": "2.50", "reason": "..."}]: chosen from needs
    modules = models.JSONField(_("prevention supplement"), default=list)
    # [{"name": ..., "share_pct": "40", "discount_pct": "10", "spend": "200"}]
    partners = models.JSONField(_("purchasing combination and partners"), default=list)
    # {"alleenstaand": 1200, ...}: households per type in the region
    households = models.JSONField(_("households per type"), default=dict)
    # The indicator figures the supplement was drawn from, as they were at the time.
    needs_basis = models.JSONField(_("indicator figures used"), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("health policy scenario")
        verbose_name_plural = _("health policy scenarios")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OutcomeContract(models.Model):
    """A social bond: an investor pre-finances an intervention; the payers pay per result."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=160)
    investor = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    area_code = models.CharField(_("area code"), max_length=70)
    baseline = models.FloatField(_("baseline value"))
    principal = money(_("pre-financed amount (EUR)"))
    cap_total = money(_("most that is ever paid (EUR)"))

    class Meta:
        verbose_name = _("outcome contract")
        verbose_name_plural = _("outcome contracts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OutcomePeriod(models.Model):
    contract = models.ForeignKey(OutcomeContract, on_delete=models.CASCADE, related_name="periods")
    period = models.PositiveSmallIntegerField(_("measurement period (year)"))
    target = models.FloatField(_("target value"))
    max_payment = money(_("most paid for this period (EUR)"))

    class Meta:
        verbose_name = _("measurement period")
        verbose_name_plural = _("measurement periods")
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "period"], name="finance_period_once")
        ]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.period}"


class Settlement(models.Model):
    """What was due for one period, with the indicator figure it was computed from: the
    audit trail. Written once; a later figure does not change an earlier settlement."""

    period = models.OneToOneField(
        OutcomePeriod, on_delete=models.PROTECT, related_name="settlement"
    )
    indicator_code = models.CharField(max_length=60)
    area_code = models.CharField(max_length=70)
    measured = models.FloatField(_("measured value"))
    basis = models.CharField(max_length=10, blank=True)
    source_value_id = models.PositiveBigIntegerField(null=True)
    improvement = models.FloatField(_("improvement"))
    achieved = models.DecimalField(_("share of target reached"), max_digits=7, decimal_places=4)
    due = money(_("due (EUR)"))
    computed_at = models.DateTimeField(default=timezone.now)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("outcome settlement")
        verbose_name_plural = _("outcome settlements")

    def __str__(self) -> str:
        return f"{self.period}: € {self.due}"
