"""Energy score and next-step advice per wijk: deterministic, and always with reasons.

Energy (0–100) is the weighted mean of the registered energy inputs (each 0..1). The advice
compares it with what the next step needs; the region's strategy lowers the bar for the
steps a municipality can carry (choosing, doing) and decides which financing is offered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk.cycle import energy
from gezondewijk.cycle.models import Step, Strategy

# Under a government/subsidy strategy the municipality carries these steps, so they need
# less energy from residents.
CARRIED_BY_GOVERNMENT = frozenset({"kiezen", "doen"})
GOVERNMENT_DISCOUNT = 10
# Below this, a wijk further along falls back to connecting believers first.
LOW_ENERGY = 20

FINANCING: dict[str, list[Any]] = {
    Strategy.GOVERNMENT: [
        _("Municipal subsidy for health and welfare (Wmo, GALA)"),
        _("The regional prevention fund"),
        _("Health insurer's prevention budget"),
    ],
    Strategy.COMMUNITY: [
        _("Contributions and crowdfunding by residents"),
        _("Local businesses and the housing corporation"),
        _("Discounts through the regional health policy"),
        _("The regional prevention fund"),
    ],
}

STEP_TIPS: dict[str, Any] = {
    "verkennen": _("Map the energy, people and data in the wijk: who already does something?"),
    "verbinden": _("Bring three believers together on a theme and connect partners."),
    "kiezen": _("Choose a few themes, a few pilots and the indicators to follow."),
    "doen": _("Run the initiatives and interventions; report activities."),
    "meten": _("Measure the indicators and place the wijk on the bloom scale."),
    "borgen-en-delen": _("Secure financing and share the experience with other wijken."),
}


@dataclass(frozen=True)
class Component:
    key: str
    label: Any
    value: float | None  # 0..1; None: not available yet
    weight: float


@dataclass
class Energy:
    score: int
    components: list[Component]


@dataclass
class Advice:
    action: str  # "start", "advance", "stay" or "step_back"
    step: Step
    reasons: list[Any] = field(default_factory=list)
    financing: list[Any] = field(default_factory=list)


def energy_for(wijk_ids: list[int]) -> dict[int, Energy]:
    computed = [(item, item.compute(wijk_ids)) for item in energy.inputs()]
    total_weight = sum(item.weight for item, _v in computed)
    result: dict[int, Energy] = {}
    for wijk_id in wijk_ids:
        components = [
            Component(
                item.key, item.label, min(1.0, max(0.0, values.get(wijk_id, 0.0))), item.weight
            )
            for item, values in computed
        ]
        weighted = sum((c.value or 0.0) * c.weight for c in components)
        score = round(100 * weighted / total_weight) if total_weight else 0
        components += [Component(k, label, None, 0.0) for k, label in energy.missing()]
        result[wijk_id] = Energy(score, components)
    return result


def needed(step: Step, strategy: str) -> int:
    if strategy == Strategy.GOVERNMENT and step.key in CARRIED_BY_GOVERNMENT:
        return max(0, step.min_energy - GOVERNMENT_DISCOUNT)
    return step.min_energy


def advise(*, steps: list[Step], current: Step | None, energy_now: Energy, strategy: str) -> Advice:
    """What the wijk should do next, and why. `steps` in cycle order, at least one."""
    score = energy_now.score
    financing = list(FINANCING.get(strategy, []))
    if current is None:
        first = steps[0]
        return Advice(
            "start",
            first,
            [
                _("No step has been recorded for this wijk yet; the cycle starts with “%(step)s”.")
                % {"step": first.name},
                STEP_TIPS.get(first.key, ""),
            ],
            financing,
        )
    index = [s.pk for s in steps].index(current.pk)
    following = steps[(index + 1) % len(steps)]
    bar = needed(following, strategy)
    weakest = min(
        (c for c in energy_now.components if c.value is not None),
        key=lambda c: c.value or 0.0,
        default=None,
    )
    reasons: list[Any] = [
        _("Energy is %(score)s out of 100.") % {"score": score},
    ]
    if strategy == Strategy.GOVERNMENT and following.key in CARRIED_BY_GOVERNMENT:
        reasons.append(
            _(
                "The region's strategy is government-driven, so “%(step)s” needs "
                "%(discount)s less energy."
            )
            % {"step": following.name, "discount": GOVERNMENT_DISCOUNT}
        )
    if score >= bar:
        reasons.append(
            _("That is enough for “%(step)s”, which needs %(bar)s.")
            % {"step": following.name, "bar": bar}
        )
        reasons.append(STEP_TIPS.get(following.key, ""))
        return Advice("advance", following, [r for r in reasons if r], financing)
    if score < LOW_ENERGY and index > 1:
        back = steps[1]
        reasons.append(
            _(
                "That is low for a wijk this far along: go back to “%(step)s” and find "
                "believers first."
            )
            % {"step": back.name}
        )
        reasons.append(STEP_TIPS.get(back.key, ""))
        return Advice("step_back", back, [r for r in reasons if r], financing)
    reasons.append(
        _("“%(step)s” needs %(bar)s, so stay with “%(current)s” for now.")
        % {"step": following.name, "bar": bar, "current": current.name}
    )
    if weakest is not None:
        reasons.append(_("The weakest source of energy is: %(label)s.") % {"label": weakest.label})
    reasons.append(STEP_TIPS.get(current.key, ""))
    return Advice("stay", current, [r for r in reasons if r], financing)
