"""Demo figures over several years, so trends and the bloom scale show, then one computation.

The areas hold the newest CBS year; earlier years are derived from them with a steady drift
per buurt (ageing, more single-person households). External figures (GGD health monitor,
living environment) get a level per wijk and buurt that improves or worsens year by year.
All draws are NumPy arrays over every area at once, seeded from the demo seed.

On the real city (ctx.fictional False) nothing is invented: its figures are the CBS years the
places builder imported and the pack's GGD row, imported here (the demo app sits below
indicators and does not import it), so only that import, the computation and the main goals
run.
"""

from __future__ import annotations

import itertools

import numpy as np
import polars as pl

from gezondewijk.demo.builders import utrecht
from gezondewijk.demo.registry import DemoContext
from gezondewijk.indicators import definitions, runs
from gezondewijk.indicators.importers.external import import_statline_file
from gezondewijk.indicators.models import ComputeRun, Figure, Indicator, MainGoal, WijkGoal
from gezondewijk.places.models import Buurt, Wijk

YEARS_BACK = 7  # newest year plus seven earlier ones
CBS_DRIFT = {  # yearly relative change going back in time (negative: fewer in the past)
    "age_65_plus": -0.025,
    "single_person_households": -0.012,
    "inhabitants": -0.004,
    "households": -0.006,
    "age_0_14": 0.01,
    "households_with_children": 0.008,
}
# External figure: (mean, spread, yearly change going forward) per level of area.
EXTERNAL = {
    "GoedErvarenGezondheid_6": (68.0, 6.0, 0.6),
    "GoedErvarenMentaleGezondheid_12": (55.0, 7.0, 0.5),
    "EnigszinsTotSterkEenzaam_53": (45.0, 6.0, -0.6),
    "Overgewicht_59": (36.0, 6.0, -0.4),
    "MoeiteMetRondkomen_1": (22.0, 6.0, -0.5),
    "env-green-space": (14.0, 5.0, 0.3),
    "env-noise": (22.0, 8.0, -0.5),
    "env-no2": (21.0, 4.0, -0.5),
    "env-liveability": (6.0, 0.8, 0.05),
}


def build_indicators(ctx: DemoContext) -> None:
    definitions.seed(Indicator)  # the defaults, in case the database was emptied
    if not Buurt.objects.exists():
        return
    if ctx.fictional:
        _invent_history(ctx)
    else:
        ggd = import_statline_file(path=utrecht.PACK / utrecht.GGD_FILE, period=utrecht.GGD_YEAR)
        ctx.count("GGD figures", ggd.figures)
    run = runs.compute_run_execute(run_id=ComputeRun.objects.create().pk)
    ctx.count("indicator values", run.values)
    # Each main goal in turn, and every fourth wijk still without one, as in a real region.
    choices = itertools.cycle([*MainGoal.values, None])
    chosen = [
        WijkGoal(wijk=wijk, goal=goal)
        for wijk, goal in zip(Wijk.objects.order_by("code"), choices, strict=False)
        if goal is not None
    ]
    WijkGoal.objects.bulk_create(chosen)
    ctx.count("main goals", len(chosen))


def _invent_history(ctx: DemoContext) -> None:
    """Earlier CBS years and external figures for the fictional region's areas."""
    rng = np.random.default_rng(ctx.seed)
    buurten = list(Buurt.objects.values_list("code", "figures_year", *CBS_DRIFT))
    frame = pl.DataFrame(buurten, schema=["code", "year", *CBS_DRIFT], orient="row")
    newest = int(frame["year"].fill_null(2024).max())  # type: ignore[arg-type]
    back = np.arange(1, YEARS_BACK + 1)
    history = []
    for figure, drift in CBS_DRIFT.items():
        base = frame[figure].cast(pl.Float64).to_numpy()
        noise = rng.normal(0, abs(drift) / 2, (base.size, back.size))
        values = np.round(base[:, None] * (1 + drift * back[None, :] + noise))
        history.append(
            pl.DataFrame(
                {
                    "source": "cbs",
                    "figure": figure,
                    "area_code": np.repeat(frame["code"].to_numpy(), back.size),
                    "level": "buurt",
                    "period": np.tile(newest - back, base.size),
                    "value": values.ravel(),
                }
            )
        )
    codes = [*frame["code"].to_list(), *Wijk.objects.values_list("code", flat=True)]
    years = np.arange(newest - YEARS_BACK, newest + 1)
    for figure, (mean, spread, change) in EXTERNAL.items():
        level = rng.normal(mean, spread, len(codes))
        pace = change * rng.uniform(0.2, 1.8, len(codes))
        values = level[:, None] + pace[:, None] * (years - newest)[None, :]
        values += rng.normal(0, spread / 10, values.shape)
        history.append(
            pl.DataFrame(
                {
                    "source": "external",
                    "figure": figure,
                    "area_code": np.repeat(codes, years.size),
                    "level": np.repeat(
                        ["buurt" if c.startswith("BU") else "wijk" for c in codes], years.size
                    ),
                    "period": np.tile(years, len(codes)),
                    "value": np.round(np.clip(values, 0, None), 1).ravel(),
                }
            )
        )
    rows = pl.concat(history).drop_nulls("value")
    Figure.objects.bulk_create(
        [Figure(**row) for row in rows.iter_rows(named=True)], batch_size=2_000
    )
    ctx.count("indicator figures", rows.height)
