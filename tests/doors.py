"""The two doors to one operation, a page and an API endpoint, for the access tests.

Each app's `test_access.py` states its cases once (who calls, on which object, allowed or
refused) and runs them through both doors, so the same operation keeps the same rules at each.
A door turns an outcome into the status code it answers with: a page that hides an object
answers 404 as the API does, a refused role 403 at both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.test import Client

from gezondewijk.permissions.roles import Role
from tests import factories
from tests.conftest import World


class Outcome(Enum):
    ALLOWED = "allowed"
    FORBIDDEN = "forbidden"  # the caller's role may not do this at all
    NOT_FOUND = "not found"  # the object lies outside the caller's reach; it is not revealed
    REFUSED_INPUT = "refused input"  # the caller may not choose this (a wijk not theirs)


@dataclass(frozen=True)
class Door:
    """How one door answers: the status for each outcome; `call` does the request."""

    name: str
    call: Callable[[Client, Any], Any]
    statuses: dict[Outcome, int]

    def __str__(self) -> str:
        return self.name


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# Callers by name, made for the world: the same names in every app's cases.
CALLERS: dict[str, Callable[[World], Any]] = {
    "coordinator here": lambda w: w.coordinator,
    "coordinator elsewhere": lambda w: factories.user_with_role(Role.COORDINATOR, w.other_wijk),
    "coordinator of the region": lambda w: factories.user_with_role(Role.COORDINATOR, w.region),
    "region admin": lambda w: factories.user_with_role(Role.REGION_ADMIN, w.region),
    "researcher": lambda w: factories.user_with_role(Role.RESEARCHER, w.region),
    "professional": lambda w: factories.user_with_role(Role.PROFESSIONAL, w.region),
    "funder": lambda w: factories.user_with_role(Role.FUNDER, w.region),
    "resident": lambda w: w.resident,
}


def caller(world: World, name: str) -> Any:
    return CALLERS[name](world)
