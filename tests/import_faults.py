"""Helpers for imports under faults: the state of the whole database, and a function that
breaks after a number of calls (an importer interrupted part-way through a file)."""

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.apps import apps


class Interrupted(Exception):
    """Raised part-way through an import, as a crash or a lost connection would."""


def database_state() -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every table, so "exactly as before" can be compared."""
    state = {}
    for model in apps.get_models():
        rows = list(model._base_manager.order_by("pk").values_list())
        digest = hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()
        state[model._meta.label] = (len(rows), digest)
    return state


def breaks_after(calls: int, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, which does its work `calls` times and then raises Interrupted."""
    done = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal done
        if done >= calls:
            raise Interrupted(f"interrupted after {calls} calls")
        done += 1
        return function(*args, **kwargs)

    return wrapper
