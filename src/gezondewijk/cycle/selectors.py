"""Reads for the cycle: steps, a wijk's current step and history, the region's strategy."""

from __future__ import annotations

from django.db.models import QuerySet

from gezondewijk.cycle import engine
from gezondewijk.cycle.models import CycleEntry, RegionStrategy, Step, Strategy
from gezondewijk.places.models import Wijk


def steps_list() -> list[Step]:
    return list(Step.objects.order_by("order"))


def history_of(*, wijk: Wijk) -> QuerySet[CycleEntry]:
    return CycleEntry.objects.filter(wijk=wijk).select_related("step", "entered_by")


def current_step(*, wijk: Wijk) -> Step | None:
    entry = history_of(wijk=wijk).first()
    return entry.step if entry else None


def strategy_of(*, wijk: Wijk) -> str:
    found = RegionStrategy.objects.filter(region_id=wijk.gemeente.region_id or 0).first()
    return found.strategy if found else Strategy.COMMUNITY


def state_of(*, wijk: Wijk) -> tuple[Step | None, engine.Energy, engine.Advice | None]:
    steps = steps_list()
    current = current_step(wijk=wijk)
    energy_now = engine.energy_for([wijk.pk])[wijk.pk]
    advice = (
        engine.advise(
            steps=steps, current=current, energy_now=energy_now, strategy=strategy_of(wijk=wijk)
        )
        if steps
        else None
    )
    return current, energy_now, advice
