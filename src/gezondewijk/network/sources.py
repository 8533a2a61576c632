"""What higher apps lend the network: initiatives as tie targets, and suggestions.

The network app sits below `initiatives`, so it never imports it. Instead the initiatives app
registers a TargetSource in its AppConfig.ready(): how to list, name and check initiatives a
resident can tie to, and which memberships count as ties in the analysis. Suggestion sources
work the same way: given the places, organisations and initiatives in a resident's network,
they propose what to join.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl


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


SuggestionSource = Callable[[Any, NetworkTargets], list[Suggestion]]

_targets: dict[str, TargetSource] = {}
_suggestions: dict[str, SuggestionSource] = {}


def register_target_source(source: TargetSource) -> None:
    _targets[source.hub_type] = source


def target_source(hub_type: str) -> TargetSource | None:
    return _targets.get(hub_type)


def target_sources() -> list[TargetSource]:
    return list(_targets.values())


def register_suggestion_source(name: str, source: SuggestionSource) -> None:
    _suggestions[name] = source


def suggestion_sources() -> list[SuggestionSource]:
    return [_suggestions[name] for name in sorted(_suggestions)]
