"""The prevention fund at scale: a ledger of many bookings, read and written.

    make bench-finance          # .venv/bin/python benchmarks/finance_scale.py [--transactions N]

Works in a scratch SQLite file (never the real database). Builds a region with 25 funders
and 1 000 initiatives with approved grants, then --transactions balanced bookings (monthly
contributions and tranches spread over three years), bulk-inserted. Prints, one per line:
    transactions: bookings in the ledger
    transparency_s: the public page's figures (selectors.transparency: flows per month and
                    funder, per month, wijk and theme, totals and the fund's balance)
    csv_rows: rows of the CSV export
    tranche_ms: mean time of one tranche through services.tranche_pay (row locks, balanced
                posting, the invariants checked), over 200 tranches on the full ledger
    calculator_us: one health policy scenario computed (calculator.compute)
    peak_mb: peak memory of the process
"""

import argparse
import os
import resource
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

FUNDERS = 25
INITIATIVES = 1_000
BATCH = 5_000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=200_000)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="gezondewijk-bench-")) / "finance.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gezondewijk.settings")
    import django

    django.setup()
    import numpy as np
    from django.core.management import call_command

    from gezondewijk.finance import calculator, ledger, selectors, services
    from gezondewijk.finance.models import (
        Application,
        ApplicationStatus,
        Entry,
        Transaction,
        TransactionKind,
    )
    from gezondewijk.initiatives.models import Initiative, Theme
    from gezondewijk.people.models import Organisation, Role, RoleGrant, User
    from gezondewijk.places.models import Gemeente, Region, Wijk

    call_command("migrate", verbosity=0, interactive=False)
    rng = np.random.default_rng(2026)
    region = Region.objects.create(name="Regio Bench", slug="regio-bench")
    gemeente = Gemeente.objects.create(code="GM9999", name="Benchdorp", region=region)
    wijken = Wijk.objects.bulk_create(
        Wijk(code=f"WK9999{n:02d}", name=f"Wijk {n}", gemeente=gemeente) for n in range(40)
    )
    themes = list(Theme.objects.all())
    funders = Organisation.objects.bulk_create(
        Organisation(name=f"Financier {n}", type="bedrijf", gemeente=gemeente)
        for n in range(FUNDERS)
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(name=f"Initiatief {n}", description="bench") for n in range(INITIATIVES)
    )
    applications = Application.objects.bulk_create(
        Application(
            region=region,
            initiative=initiative,
            wijk=wijken[n % len(wijken)],
            theme=themes[n % len(themes)],
            amount=Decimal("1000000.00"),
            approved_amount=Decimal("1000000.00"),
            expected_result="bench",
            status=ApplicationStatus.APPROVED,
        )
        for n, initiative in enumerate(initiatives)
    )
    fund = ledger.fund_account(region)
    funder_accounts = [ledger.funder_account(region, f) for f in funders]
    grant_accounts = [ledger.initiative_account(region, i) for i in initiatives]

    # Half contributions, half tranches; every booking one debit and one credit.
    n = args.transactions
    start = date(2024, 1, 1)
    days = rng.integers(0, 3 * 365, n)
    amounts = rng.integers(100, 100_000, n)  # cents
    contribution = np.arange(n) % 2 == 0
    who = rng.integers(0, 1_000_000, n)
    for lo in range(0, n, BATCH):
        hi = min(n, lo + BATCH)
        bookings = Transaction.objects.bulk_create(
            Transaction(
                region=region,
                kind=TransactionKind.CONTRIBUTION if contribution[i] else TransactionKind.PAYOUT,
                description="bench",
                booked_on=start + timedelta(days=int(days[i])),
                application=None if contribution[i] else applications[who[i] % INITIATIVES],
            )
            for i in range(lo, hi)
        )
        entries = []
        for i, booking in zip(range(lo, hi), bookings, strict=True):
            # Tranches are a quarter of contributions on average: the fund stays in credit.
            amount = Decimal(int(amounts[i]) // (1 if contribution[i] else 4)) / 100
            if contribution[i]:
                source, target = funder_accounts[who[i] % FUNDERS], fund
            else:
                source, target = fund, grant_accounts[who[i] % INITIATIVES]
            entries += [
                Entry(transaction=booking, account=source, amount=-amount),
                Entry(transaction=booking, account=target, amount=amount),
            ]
        Entry.objects.bulk_create(entries, batch_size=BATCH)
    print(f"transactions: {Transaction.objects.count()}")

    started = time.perf_counter()
    figures = selectors.transparency(region=region)
    print(f"transparency_s: {time.perf_counter() - started:.3f}")
    print(f"csv_rows: {len(figures.rows)}")

    treasurer = User.objects.create_user("penningmeester@bench.nl")
    RoleGrant.objects.create(user=treasurer, role=Role.REGION_ADMIN, region=region)
    started = time.perf_counter()
    for k in range(200):
        services.tranche_pay(actor=treasurer, application=applications[k], amount=Decimal("1.00"))
    print(f"tranche_ms: {(time.perf_counter() - started) / 200 * 1000:.2f}")

    scenario = calculator.Scenario(
        base_premium=Decimal("140.00"),
        collective_discount_pct=Decimal("5"),
        market_premium=Decimal("145.00"),
        base_uptake_pct=Decimal("6"),
        uptake_per_euro_pct=Decimal("0.8"),
        combination_pays=Decimal("1.50"),
        module_costs=(Decimal("1.50"), Decimal("2.50"), Decimal("3.00")),
        partners=(
            calculator.Partner("Gemeenten", Decimal("60")),
            calculator.Partner("Sport", Decimal("40"), Decimal("15"), Decimal("180")),
        ),
        households={"alleenstaand": 90_000, "paar": 70_000, "gezin": 60_000},
    )
    started = time.perf_counter()
    for _ in range(1_000):
        calculator.compute(scenario)
    print(f"calculator_us: {(time.perf_counter() - started) / 1_000 * 1e6:.1f}")
    print(f"peak_mb: {_peak_mb():.0f}")


if __name__ == "__main__":
    main()
