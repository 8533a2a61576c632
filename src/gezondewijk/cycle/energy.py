"""The energy-input registry: apps tell the cycle how much energy a wijk has.

Each input gives a value per wijk between 0 and 1 (1 = as much as one can hope for) and a
weight. The cycle sits below the feature apps, so they register here in AppConfig.ready():

    from gezondewijk.cycle import energy
    energy.register(energy.EnergyInput("believers", _("Believers"), 1.0, believers_per_wijk))

Inputs the model names but no app provides yet (panel and health-check participation) are
listed in EXPECTED and shown as "not available yet"; they do not count towards the score.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

Compute = Callable[[list[int]], dict[int, float]]


@dataclass(frozen=True)
class EnergyInput:
    key: str
    label: Any
    weight: float
    compute: Compute  # wijk ids -> {wijk id: value in 0..1}


EXPECTED: dict[str, Any] = {
    "active_initiatives": _("Active initiatives"),
    "initiative_growth": _("Growth of initiatives"),
    "believers": _("Believers"),
    "professionals": _("Engaged professionals"),
    "participation": _("Panel and health-check participation"),
}

_inputs: dict[str, EnergyInput] = {}


def register(item: EnergyInput) -> None:
    _inputs[item.key] = item


def unregister(key: str) -> None:
    _inputs.pop(key, None)


def inputs() -> list[EnergyInput]:
    return sorted(_inputs.values(), key=lambda i: i.key)


def missing() -> list[tuple[str, Any]]:
    return [(k, label) for k, label in EXPECTED.items() if k not in _inputs]
