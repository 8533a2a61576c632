"""What higher apps lend the network: initiatives as tie targets, and suggestions.

The network app sits below `initiatives`, so it never imports it. Instead the initiatives app
registers a TargetSource in its `hooks.py`: how to list, name and check initiatives a
resident can tie to, and which memberships count as ties in the analysis. Suggestion sources
work the same way: given the places, organisations and initiatives in a resident's network,
they propose what to join.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl

from gezondewijk import hooks


@dataclass(frozen=True)
class TargetSource:
    """Initiatives (or another kind of hub) a resident can tie to."""

    hub_type: str
    # (id, label) pairs a resident may choose from
    choices: Callable[[Any], list[tuple[int, str]]]
    # id → label for the given ids (unknown ids are left out)
    labels: Callable[[Iterable[int]], dict[int, str]]
    # user_id, hub_id of memberships in a region: they count as ties in the analysis
    affiliations: Callable[[int], pl.DataFrame] | None = None


@dataclass(frozen=True)
class Suggestion:
    title: str
    reason: str
    url: str = ""


@dataclass(frozen=True)
class NetworkTargets:
    """The ids of what a resident is tied to, by kind."""

    residents: frozenset[int]
    organisations: frozenset[int]
    locations: frozenset[int]
    initiatives: frozenset[int]


@dataclass(frozen=True)
class SuggestionSource:
    """Proposes what a resident could join, given what their network holds."""

    name: str
    suggest: Callable[[Any, NetworkTargets], list[Suggestion]]


# One source per hub type, one suggestion source per name: registering again replaces it.
TARGET_SOURCES: hooks.Hook[TargetSource] = hooks.Hook(
    "network.target_sources", key=lambda source: source.hub_type
)
SUGGESTION_SOURCES: hooks.Hook[SuggestionSource] = hooks.Hook(
    "network.suggestion_sources", key=lambda source: source.name
)


def target_source(hub_type: str) -> TargetSource | None:
    return next((s for s in hooks.registered(TARGET_SOURCES) if s.hub_type == hub_type), None)


def target_sources() -> list[TargetSource]:
    return hooks.registered(TARGET_SOURCES)


def suggestion_sources() -> list[SuggestionSource]:
    return sorted(hooks.registered(SUGGESTION_SOURCES), key=lambda s: s.name)
