"""The influence-part registry: parts of an initiative's influence that other apps know.

The initiatives app counts what it holds itself (members, activities, participants,
partners). Network reach and funding received live in apps above or beside it; those apps
register a part in their `hooks.py`:

    hooks.register(influence.INFLUENCE_PARTS, influence.InfluencePart(
        key="network_reach", label=_("Network reach"), weight=0.5, compute=reach_per_initiative))

`compute` gets initiative ids and returns {initiative id: value}; missing ids count as 0.
A part the platform expects (EXPECTED) but nobody registered is shown as "not available yet".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks

Compute = Callable[[list[int]], dict[int, float]]


@dataclass(frozen=True)
class InfluencePart:
    key: str
    label: Any  # a lazy translation
    weight: float
    compute: Compute
    explanation: Any = ""


# Parts that belong in the score once their app exists, by key, with what they will say.
EXPECTED: dict[str, Any] = {
    "network_reach": _("Network reach (from the network of residents)"),
    "funding": _("Funding received (from the prevention fund)"),
}

# One part per `key`: registering it again replaces it.
INFLUENCE_PARTS: hooks.Hook[InfluencePart] = hooks.Hook(
    "initiatives.influence_parts", key=lambda part: part.key
)


def parts() -> list[InfluencePart]:
    return sorted(hooks.registered(INFLUENCE_PARTS), key=lambda p: p.key)


def missing() -> list[tuple[str, Any]]:
    """Expected parts that no app provides yet."""
    provided = {p.key for p in hooks.registered(INFLUENCE_PARTS)}
    return [(key, label) for key, label in EXPECTED.items() if key not in provided]
