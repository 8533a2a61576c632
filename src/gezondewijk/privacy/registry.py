"""The personal-data registry: every app that stores a person's data says how to export and
erase it. Lower apps never learn the names of higher ones; each registers itself in
AppConfig.ready(). The system check in checks.py fails when a model that points at a user is
covered by no provider, so no app can forget to take part.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model

Exporter = Callable[[Any], dict[str, Any]]
Eraser = Callable[[Any], None]


@dataclass(frozen=True)
class PersonalDataProvider:
    name: str
    export: Exporter
    erase: Eraser
    models: tuple[type[Model], ...] = field(default_factory=tuple)


_providers: dict[str, PersonalDataProvider] = {}


def register(provider: PersonalDataProvider) -> None:
    _providers[provider.name] = provider


def providers() -> list[PersonalDataProvider]:
    return sorted(_providers.values(), key=lambda p: p.name)


def covered_models() -> set[type[Model]]:
    return {m for p in _providers.values() for m in p.models}
