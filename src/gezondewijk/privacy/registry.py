"""The personal-data registry: every app that stores a person's data says how to export and
erase it. Lower apps never learn the names of higher ones; each registers its provider in
its `hooks.py`. The system check in checks.py fails when a model that points at a user is
covered by no provider, so no app can forget to take part.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model

from gezondewijk import hooks

Exporter = Callable[[Any], dict[str, Any]]
Eraser = Callable[[Any], None]


@dataclass(frozen=True)
class PersonalDataProvider:
    name: str
    export: Exporter
    erase: Eraser
    models: tuple[type[Model], ...] = field(default_factory=tuple)


# One provider per `name`: registering it again replaces it.
PERSONAL_DATA: hooks.Hook[PersonalDataProvider] = hooks.Hook(
    "privacy.personal_data", key=lambda provider: provider.name
)


def providers() -> list[PersonalDataProvider]:
    """Every registered provider, by name (export and erase go through them in this order)."""
    return sorted(hooks.registered(PERSONAL_DATA), key=lambda p: p.name)


def covered_models() -> set[type[Model]]:
    return {m for p in hooks.registered(PERSONAL_DATA) for m in p.models}
