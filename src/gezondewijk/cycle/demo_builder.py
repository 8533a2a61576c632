"""Demo cycle: the region chooses a community-driven strategy; each wijk has walked part of
the cycle over the last two years, with a note per step."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gezondewijk.cycle.models import CycleEntry, RegionStrategy, Step, Strategy
from gezondewijk.demo.registry import DemoContext
from gezondewijk.places.models import Wijk

START = datetime(2024, 11, 1, 10, 0, tzinfo=UTC)
NOTES = {
    "verkennen": "Rondgang langs buurthuis, huisarts en school; energiekaart gemaakt.",
    "verbinden": "Drie believers op bewegen bij elkaar gebracht.",
    "kiezen": "Gekozen voor twee pilots en vier indicatoren.",
    "doen": "Wandelgroep en kookclub draaien.",
    "meten": "Eerste meting; brons op de bloeischaal.",
    "borgen-en-delen": "Financiering voor volgend jaar rond; ervaringen gedeeld.",
}


def build_cycle(ctx: DemoContext) -> None:
    region = ctx.require_region()
    RegionStrategy.objects.get_or_create(region=region, defaults={"strategy": Strategy.COMMUNITY})
    steps = list(Step.objects.order_by("order"))
    if not steps:
        return
    entries: list[CycleEntry] = []
    for wijk in Wijk.objects.filter(gemeente__region=region).order_by("code"):
        reached = ctx.rng.randrange(0, min(len(steps), 5))
        moment = START + timedelta(days=ctx.rng.randrange(0, 90))
        for step in steps[: reached + 1]:
            entries.append(
                CycleEntry(wijk=wijk, step=step, entered_at=moment, notes=NOTES.get(step.key, ""))
            )
            moment += timedelta(days=ctx.rng.randrange(60, 150))
    CycleEntry.objects.bulk_create(entries)
    ctx.count("cycle steps taken", len(entries))
