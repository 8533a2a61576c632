"""API for the implementation cycle: the steps, and per wijk its state and advice."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from gezondewijk.cycle import selectors
from gezondewijk.permissions.api_auth import require
from gezondewijk.permissions.policy import Permission
from gezondewijk.places import selectors as places

router = Router(tags=["cycle"])


class CycleStepOut(Schema):
    key: str
    name: str
    order: int
    focus: str
    min_energy: int


class ComponentOut(Schema):
    key: str
    label: str
    value: float | None
    weight: float


class AdviceOut(Schema):
    action: str
    step: str
    reasons: list[str]
    financing: list[str]


class CycleStateOut(Schema):
    wijk: str
    strategy: str
    current_step: str | None
    energy: int
    components: list[ComponentOut]
    advice: AdviceOut | None


@router.get("/cycle/steps", response=list[CycleStepOut])
def steps(request: HttpRequest) -> list[object]:
    require(request, Permission.VIEW_CYCLE)
    return list(selectors.steps_list())


@router.get("/cycle/{code}", response=CycleStateOut)
def state(request: HttpRequest, code: str) -> dict[str, object]:
    require(request, Permission.VIEW_CYCLE)
    wijk = places.wijk_get(code=code)
    if wijk is None:
        raise HttpError(404, "Not found.")
    current, energy_now, advice = selectors.state_of(wijk=wijk)
    return {
        "wijk": wijk.code,
        "strategy": selectors.strategy_of(wijk=wijk),
        "current_step": current.key if current else None,
        "energy": energy_now.score,
        "components": [
            {"key": c.key, "label": str(c.label), "value": c.value, "weight": c.weight}
            for c in energy_now.components
        ],
        "advice": {
            "action": advice.action,
            "step": advice.step.key,
            "reasons": [str(r) for r in advice.reasons],
            "financing": [str(f) for f in advice.financing],
        }
        if advice
        else None,
    }
