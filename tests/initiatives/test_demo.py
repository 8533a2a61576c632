"""Demo initiatives: two years of history, deterministic, and bulk-built."""

import contextlib
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gezondewijk.demo.engine import demo_build
from gezondewijk.initiatives import demo_builder
from gezondewijk.initiatives.models import Activity, Belief, Initiative, Membership, StatusChange

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


def _summary(residents: int, seed: int) -> tuple[list, int]:
    with contextlib.suppress(_Undo), transaction.atomic():
        demo_build(residents=residents, seed=seed)
        rows = sorted(Initiative.objects.values_list("name", "status", "created_at"))
        members = Membership.objects.count()
        raise _Undo
    return rows, members


def test_the_demo_has_two_years_of_initiative_history() -> None:
    demo_build(residents=400, seed=5)
    first = Initiative.objects.order_by("created_at").first()
    assert first is not None
    span = demo_builder.HISTORY_END - first.created_at.date()
    assert span > timedelta(days=600)
    assert set(Initiative.objects.values_list("status", flat=True)) >= {"actief", "idee"}
    assert StatusChange.objects.filter(to_status="actief").count() > 5
    assert Activity.objects.count() > 50
    assert Belief.objects.exists()
    # Every initiative's status matches the last entry of its history.
    for initiative in Initiative.objects.prefetch_related("status_changes"):
        assert list(initiative.status_changes.all())[-1].to_status == initiative.status
    # The demo lead leads an initiative.
    assert Initiative.objects.filter(lead__email__startswith="initiatiefnemer@").exists()


@pytest.mark.slow
def test_the_same_seed_gives_the_same_initiatives() -> None:
    first = _summary(150, 3)
    assert _summary(150, 3) == first
    assert _summary(150, 4) != first


@pytest.mark.slow
def test_the_number_of_queries_does_not_grow_with_the_residents() -> None:
    def queries(residents: int) -> int:
        with contextlib.suppress(_Undo), transaction.atomic():
            with CaptureQueriesContext(connection) as small:
                demo_build(residents=residents, seed=9)
            raise _Undo
        return sum(1 for q in small.captured_queries if "initiatives_" in q["sql"])

    # Ten times the residents: the initiatives builder's queries barely change
    # (bulk inserts are batched, never one per resident).
    assert queries(2_000) < queries(200) * 1.5
