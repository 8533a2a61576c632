"""Two people paying out or approving at the same moment, on two real database connections:
the row locks (select_for_update) make the second wait and see the first's result, so a
grant is never paid twice. SQLite has no row locks (it serialises whole writes); the
PostgreSQL run of the suite is where this is proven."""

import importlib
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from gezondewijk.finance import ledger, services
from gezondewijk.finance.models import Application, CommitteeMember, Review
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.finance.factories import apply, approved, fund_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL; the suite's PostgreSQL run covers this",
    ),
]


@pytest.fixture(autouse=True)
def _default_themes() -> None:
    """Transactional tests flush the themes the data migration seeded; seed them again."""
    importlib.import_module("gezondewijk.initiatives.migrations.0002_default_themes").add(
        apps, None
    )


@pytest.fixture
def slow_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Widen the window between writing the entries and checking the invariants, so that
    without the row locks both payouts would be written before either is checked."""
    real = ledger.check_invariants

    def slow(*args: Any) -> None:
        time.sleep(0.5)
        real(*args)

    monkeypatch.setattr(ledger, "check_invariants", slow)


@pytest.fixture
def slow_decisions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Widen the window between reading an application's status and writing the decision
    (the decision time is taken in between)."""
    real = services.timezone.now

    def slow() -> Any:
        time.sleep(0.3)
        return real()

    monkeypatch.setattr(services.timezone, "now", slow)


def _race(work: Callable[[], Any], n: int = 2) -> list[Any]:
    """Run `work` in `n` threads (each with its own connection), released together."""
    barrier = threading.Barrier(n)
    results: list[Any] = []

    def run() -> None:
        barrier.wait()
        try:
            # Each thread has its own active language; assert the English messages here too.
            with translation.override("en"):
                results.append(work())
        except ValidationError as error:
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_two_tranches_at_once_never_pay_more_than_approved(world: Any, slow_checks: None) -> None:
    fund = fund_for(world.wijk, contributed=Decimal("10000.00"))
    application = approved(fund, Decimal("1000.00"))
    # A first tranche opens the initiative's account, so the race is about the amount alone.
    services.tranche_pay(actor=fund.treasurer, application=application, amount=Decimal("100.00"))
    results = _race(
        lambda: services.tranche_pay(
            actor=fund.treasurer,
            application=Application.objects.get(pk=application.pk),
            amount=Decimal("500.00"),
        )
    )
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(results) == 2
    assert len(refused) == 1
    assert "more than the approved amount" in str(refused[0])
    assert ledger.grant_money(application).paid == Decimal("600.00")


def test_two_reviewers_at_once_give_one_decision(world: Any, slow_decisions: None) -> None:
    fund = fund_for(world.wijk)
    application = apply(fund)
    second = factories.user_with_role(Role.COORDINATOR, world.region)
    CommitteeMember.objects.create(region=world.region, user=second)
    reviewers = iter([fund.reviewer, second])
    lock = threading.Lock()

    def decide() -> Application:
        with lock:
            reviewer = next(reviewers)
        return services.application_review(
            actor=reviewer,
            application=Application.objects.get(pk=application.pk),
            decision="approve",
        )

    results = _race(decide)
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert Review.objects.filter(application=application).count() == 1
