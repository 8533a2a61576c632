"""The energy-input registry: apps tell the cycle how much energy a wijk has.

Each input gives a value per wijk between 0 and 1 (1 = as much as one can hope for) and a
weight. The cycle sits below the feature apps, so they register here in their `hooks.py`:

    hooks.register(
        energy.ENERGY_INPUTS, energy.EnergyInput("believers", _("Believers"), 1.0, believers))

Inputs the model names but no app provides yet (panel and health-check participation) are
listed in EXPECTED and shown as "not available yet"; they do not count towards the score.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks

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

# One input per `key`: registering it again replaces it.
ENERGY_INPUTS: hooks.Hook[EnergyInput] = hooks.Hook("cycle.energy_inputs", key=lambda i: i.key)


def inputs() -> list[EnergyInput]:
    return sorted(hooks.registered(ENERGY_INPUTS), key=lambda i: i.key)


def missing() -> list[tuple[str, Any]]:
    provided = {i.key for i in hooks.registered(ENERGY_INPUTS)}
    return [(k, label) for k, label in EXPECTED.items() if k not in provided]
