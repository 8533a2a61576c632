"""The data generation moves at every write; results kept under it are computed again."""

import threading
import time
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.test import Client

from gezondewijk import freshness
from gezondewijk.indicators.models import Figure
from tests import factories
from tests.conftest import World
from tests.indicators import factories as figure_factories
from tests.initiatives.factories import InitiativeFactory


def test_a_write_moves_the_generation(world: World) -> None:
    before = freshness.generation()
    InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    assert freshness.generation() != before


def test_a_change_of_a_many_to_many_link_moves_it_too(world: World) -> None:
    garden = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    before = freshness.generation()
    garden.wijken.add(world.other_wijk)
    assert freshness.generation() != before


def test_bulk_loads_and_updates_move_it_too(world: World) -> None:
    """Importers write with bulk_create, update() and raw SQL, which send no model signals."""
    before = freshness.generation()
    figure_factories.figures(("external", "Inwoners", world.wijk.code, "wijk", 2024, 1200.0))
    after_insert = freshness.generation()
    Figure.objects.update(value=1300.0)
    after_update = freshness.generation()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Figure._meta.db_table}")
    assert len({before, after_insert, after_update, freshness.generation()}) == 4


def test_reading_leaves_it_alone(world: World) -> None:
    before = freshness.generation()
    list(Figure.objects.select_for_update().all())
    assert freshness.generation() == before


def test_log_ins_and_sessions_leave_it_alone(world: World) -> None:
    before = freshness.generation()
    SessionStore().create()
    Client().force_login(world.resident)  # saves the user's last log-in
    assert freshness.generation() == before


@pytest.mark.django_db(transaction=True)
def test_a_transaction_moves_it_again_once_it_commits() -> None:
    with transaction.atomic():
        for name in ("Een", "Twee", "Drie"):
            factories.RegionFactory(name=name, slug=name.lower())
        pending = [callback for _, callback, _ in transaction.get_connection().run_on_commit]
        assert pending.count(freshness.next_generation) == 1
        inside = freshness.generation()
    assert freshness.generation() != inside


def _counting() -> tuple[freshness.Memo[int], list[int]]:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    return freshness.Memo(compute), calls


def test_a_memo_computes_once_per_generation() -> None:
    memo, calls = _counting()
    assert memo.get() == 1
    assert memo.get() == 1
    freshness.next_generation()
    assert memo.get() == 2
    assert len(calls) == 2


def test_a_memo_computes_again_when_it_grew_too_old(settings: Any) -> None:
    settings.FRESHNESS_SECONDS = 1
    memo, _ = _counting()
    assert memo.get() == 1
    time.sleep(1.05)
    assert memo.get() == 2


def test_without_seconds_a_memo_keeps_nothing(settings: Any) -> None:
    settings.FRESHNESS_SECONDS = 0
    memo, _ = _counting()
    assert [memo.get(), memo.get()] == [1, 2]


def test_threads_of_one_process_share_one_computation() -> None:
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    memo = freshness.Memo(slow)
    answers: list[int] = []
    threads = [threading.Thread(target=lambda: answers.append(memo.get())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [42] * 4
    assert len(calls) == 1


def test_reading_personal_data_logs_the_read_but_keeps_what_was_derived(
    world: World, settings: Any
) -> None:
    from gezondewijk.privacy.models import AccessLog
    from tests.referrals.factories import referral

    settings.FRESHNESS_SECONDS = 600
    r = referral(world)
    # The referrer looks it up again (the coach's first look marks it received: a change).
    reader = r.referrer
    computed: list[int] = []
    freshness.kept("dashboard-panel", lambda: computed.append(1) or "panel")
    before, logged = freshness.generation(), AccessLog.objects.count()

    client = Client()
    client.force_login(reader)
    assert client.get(f"/verwijzingen/{r.pk}/").status_code == 200
    assert client.get(f"/api/v1/referrals/{r.pk}").status_code == 200

    # The reads are on record, yet the data did not change: the kept panel is still served.
    assert AccessLog.objects.count() >= logged + 2
    assert freshness.generation() == before
    assert freshness.kept("dashboard-panel", lambda: computed.append(1) or "panel") == "panel"
    assert computed == [1]
    # A real change still moves it.
    r.close_to_home = not r.close_to_home
    r.save()
    assert freshness.generation() != before
