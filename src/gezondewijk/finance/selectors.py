"""Reads of the prevention fund: the public transparency figures, applications, summaries.

Money flows are grouped in SQL (per month and funder, per month, wijk and theme); nothing
loops over entries in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import polars as pl
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from gezondewijk.finance import access, ledger
from gezondewijk.finance.models import (
    CENT,
    AccountKind,
    Application,
    ApplicationStatus,
    Entry,
    TransactionKind,
)
from gezondewijk.places.models import Region, Wijk

ZERO = Decimal("0.00")
CSV_COLUMNS = ["month", "kind", "funder", "wijk", "theme", "amount"]


def regions_with_fund() -> QuerySet[Region]:
    return Region.objects.filter(fund_accounts__kind=AccountKind.FUND).distinct()


def flows(*, region: Region) -> pl.DataFrame:
    """One row per month and funder (contributions) and per month, wijk and theme (grants paid
    out, net of reversals), with the columns of CSV_COLUMNS; amounts as exact strings."""
    month = TruncMonth("transaction__booked_on")
    contributions = (
        Entry.objects.filter(
            transaction__region=region,
            transaction__kind=TransactionKind.CONTRIBUTION,
            account__kind=AccountKind.FUNDER,
        )
        .annotate(month=month)
        .values("month", "account__name")
        .annotate(total=Sum("amount"))
        .order_by("month", "account__name")
    )
    grants = (
        Entry.objects.filter(
            transaction__region=region,
            transaction__kind=TransactionKind.PAYOUT,
            account__kind=AccountKind.INITIATIVE,
        )
        .annotate(month=month)
        .values(
            "month", "transaction__application__wijk__name", "transaction__application__theme__name"
        )
        .annotate(total=Sum("amount"))
        .order_by("month", "transaction__application__wijk__name")
    )
    rows = [
        # A funder's account is credited: what it gave is the negated sum.
        (r["month"].strftime("%Y-%m"), "contribution", r["account__name"], "", "", -r["total"])
        for r in contributions
        if r["total"]
    ] + [
        (
            r["month"].strftime("%Y-%m"),
            "grant",
            "",
            r["transaction__application__wijk__name"],
            r["transaction__application__theme__name"],
            r["total"],
        )
        for r in grants
        if r["total"]
    ]
    frame = pl.DataFrame(
        # Quantized: SQLite's sum drops trailing zeros.
        [(*r[:5], str(r[5].quantize(CENT))) for r in rows],
        schema=dict.fromkeys(CSV_COLUMNS, pl.Utf8),
        orient="row",
    )
    return frame.sort("month", "kind", "funder", "wijk", "theme")


def _totals(frame: pl.DataFrame, kind: str, by: str) -> list[dict[str, Any]]:
    """Totals per funder, wijk or theme; summed as Decimals so no cent is lost to floats."""
    part = frame.filter(pl.col("kind") == kind)
    sums: dict[str, Decimal] = {}
    for name, amount in zip(part[by].to_list(), part["amount"].to_list(), strict=True):
        sums[name] = sums.get(name, ZERO) + Decimal(amount)
    return [{"name": k, "total": v} for k, v in sorted(sums.items(), key=lambda kv: -kv[1])]


@dataclass(frozen=True)
class Transparency:
    region: Region
    rows: list[dict[str, Any]]
    per_funder: list[dict[str, Any]]
    per_wijk: list[dict[str, Any]]
    per_theme: list[dict[str, Any]]
    contributed: Decimal
    granted: Decimal
    balance: Decimal


def transparency(*, region: Region) -> Transparency:
    frame = flows(region=region)
    per_funder = _totals(frame, "contribution", "funder")
    per_wijk = _totals(frame, "grant", "wijk")
    return Transparency(
        region=region,
        rows=frame.to_dicts(),
        per_funder=per_funder,
        per_wijk=per_wijk,
        per_theme=_totals(frame, "grant", "theme"),
        contributed=sum((r["total"] for r in per_funder), ZERO),
        granted=sum((r["total"] for r in per_wijk), ZERO),
        balance=ledger.balance(ledger.fund_account(region)),
    )


def applications_for(*, user: Any) -> QuerySet[Application]:
    """Staff see every application; others those of initiatives they lead or belong to."""
    qs = Application.objects.select_related("initiative", "wijk", "theme", "region")
    if access.may_see_all(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(Q(initiative__lead=user) | Q(initiative__memberships__user=user)).distinct()


def application_for(*, user: Any, pk: int) -> Application | None:
    """The application if `user` may read it (finance.access.may_read), else None: reported
    as not found. An application is an initiative's, not a person's: reads are not logged."""
    found = (
        Application.objects.select_related("initiative", "wijk", "theme", "region")
        .filter(pk=pk)
        .first()
    )
    if found is None or not access.may_read(user, found):
        return None
    return found


def wijk_panel(*, wijk: Wijk) -> dict[str, Any]:
    """The fund in one wijk, for the coordinator dashboard (obstacle b)."""
    mine = Application.objects.filter(wijk=wijk)
    counts = mine.aggregate(
        open=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
        granted=Count("pk", filter=Q(status__in=["approved", "closed"])),
        approved=Sum("approved_amount", default=ZERO),
    )
    paid = Entry.objects.filter(
        transaction__application__wijk=wijk,
        transaction__kind=TransactionKind.PAYOUT,
        account__kind=AccountKind.INITIATIVE,
    ).aggregate(total=Sum("amount", default=ZERO))["total"]
    region = wijk.gemeente.region
    return {
        **counts,
        "approved": counts["approved"].quantize(CENT),
        "paid": paid.quantize(CENT),
        "fund_balance": ledger.balance(ledger.fund_account(region))
        if region is not None and regions_with_fund().filter(pk=region.pk).exists()
        else None,
    }
