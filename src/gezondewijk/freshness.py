"""The data generation: a token that moves at every write, so that results derived from the
data (rendered dashboard panels, the indicator benchmark) can be kept and still never be shown
after the data changed.

Every INSERT, UPDATE or DELETE that goes through Django's database connections moves the
generation: model saves, bulk loads of the importers, raw SQL alike. It moves at once and again
when the transaction commits (a result that another process derived meanwhile from the data as
it was must not outlive the change). What other programs write straight into the database is
covered by a time limit on everything kept: `FRESHNESS_SECONDS`.

The token lives in Django's default cache, which the settings make one that all the server's
worker processes share.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.backends.signals import connection_created

from gezondewijk import hooks

GENERATION_KEY = "freshness:generation"
WRITE = re.compile(
    r'(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(?P<table>\w+)', re.IGNORECASE
)
# Writes that change no derived result: sessions, lock-out bookkeeping, the admin's log, the
# task queue, and a log-in noting its time on the user.
QUIET_TABLES = ("django_session", "axes_", "django_admin_log", "django_tasks_database_")
# Tables an app writes while someone only *reads* (the privacy access log notes every look at
# personal data). Reads must not throw away every kept panel and benchmark, so the apps that
# own such tables name them here; what is derived never reads them.
WRITE_ON_READ_TABLES: hooks.Hook[str] = hooks.Hook(
    "freshness.write_on_read_tables", key=lambda table: table
)
LOG_IN = re.compile(r'^UPDATE "people_user" SET "last_login" = \S+ WHERE')

T = TypeVar("T")


def seconds() -> int:
    """How long a derived result may be kept at most; 0 keeps nothing."""
    return int(settings.FRESHNESS_SECONDS)


def generation() -> str:
    found = cache.get(GENERATION_KEY)
    if found is None:
        # add(): of two processes starting a generation at once, both end up with the first.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        found = cache.get(GENERATION_KEY)
    return str(found)


def next_generation() -> None:
    """Everything derived so far is stale. A random value, not a counter, so that two
    processes moving it at once can never land on a generation somebody kept results under."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


_MISSING = object()


def kept(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept in the shared cache under `key` until the data changes: for what
    every viewer gets alike (a page's HTML without the viewer's own parts)."""
    if not seconds():
        return compute()
    full = f"kept:{generation()}:{key}"
    found = cache.get(full, _MISSING)
    if found is _MISSING:
        found = compute()
        cache.set(full, found, timeout=seconds())
    return found


class Memo(Generic[T]):
    """One result per process, computed again when the generation moved or it grew too old.

    For results too large to pass through the shared cache on every request: each worker
    process computes its own copy once per generation.
    """

    def __init__(self, compute: Callable[[], T]) -> None:
        self._compute = compute
        self._lock = threading.Lock()
        self._kept: tuple[str, float, T] | None = None

    def get(self) -> T:
        if not seconds():
            return self._compute()
        current = generation()
        kept = self._kept
        if kept is not None and kept[0] == current and time.monotonic() - kept[1] < seconds():
            return kept[2]
        with self._lock:  # threads of one process wait for one computation, not each their own
            kept = self._kept
            if kept is None or kept[0] != current or time.monotonic() - kept[1] >= seconds():
                kept = (current, time.monotonic(), self._compute())
                self._kept = kept
            return kept[2]

    def forget(self) -> None:
        self._kept = None


def _watch(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and sql[:1] in "IUDiud":
        write = WRITE.match(sql)
        if write and not _quiet(write["table"]) and not LOG_IN.search(sql):
            _moved(context["connection"])
    return result


def _quiet(table: str) -> bool:
    return table.startswith(QUIET_TABLES) or table in hooks.registered(WRITE_ON_READ_TABLES)


def _moved(connection: Any) -> None:
    next_generation()
    if connection.in_atomic_block and not any(
        callback is next_generation for _, callback, _ in connection.run_on_commit
    ):
        transaction.on_commit(next_generation, using=connection.alias)


def _watch_connection(sender: Any, connection: Any, **kwargs: Any) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def connect() -> None:
    """Watch every database connection of this process for writes, from its first query."""
    connection_created.connect(_watch_connection, dispatch_uid="freshness-watch")
    for connection in connections.all(initialized_only=True):
        _watch_connection(None, connection)
