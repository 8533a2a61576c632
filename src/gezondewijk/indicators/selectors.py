"""Reads for the indicator pages and API: definitions, values, benchmark and bloom."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gezondewijk import freshness
from gezondewijk.indicators import benchmark, engine, goals, sources
from gezondewijk.indicators.models import (
    Bloom,
    Figure,
    Indicator,
    IndicatorValue,
    Level,
    Unit,
    WijkGoal,
)
from gezondewijk.places.models import Buurt, Gemeente, Wijk
from gezondewijk.web import map_classes


def indicators() -> QuerySet[Indicator]:
    return Indicator.objects.filter(active=True).order_by("code")


def periods(*, indicator: Indicator | None = None) -> list[int]:
    qs = IndicatorValue.objects.all()
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    return sorted(set(qs.values_list("period", flat=True).distinct()))


def values(*, indicator: Indicator, level: str, period: int | None) -> QuerySet[IndicatorValue]:
    qs = IndicatorValue.objects.filter(indicator=indicator, level=level)
    if period is not None:
        qs = qs.filter(period=period)
    return qs.order_by("area_code", "period")


def area_names(level: str) -> dict[str, tuple[str, Any]]:
    """code → (name, GeoJSON boundary or None) of every area of a level."""
    models: dict[str, type[Buurt] | type[Wijk] | type[Gemeente]] = {
        Level.BUURT: Buurt,
        Level.WIJK: Wijk,
        Level.GEMEENTE: Gemeente,
    }
    model = models.get(level)
    if model is None:
        return {}
    rows = model._default_manager.values_list("code", "name", "boundary")
    return {code: (name, boundary) for code, name, boundary in rows}


@dataclass
class MapData:
    indicator: Indicator
    level: str
    period: int | None
    rows: list[dict[str, Any]]
    # GeoJSON features of every area of the level with a boundary: name, value, and its class
    # on the map (None: no figure or a suppressed one, told apart by "status").
    features: list[dict[str, Any]]
    has_boundaries: bool
    legend: dict[str, Any] = field(default_factory=dict)

    @property
    def map(self) -> dict[str, Any]:
        """What the page's map script receives (json_script)."""
        return {"features": self.features, "legend": self.legend}


def map_data(*, indicator: Indicator, level: str, period: int | None) -> MapData:
    names = area_names(level)
    rows: list[dict[str, Any]] = [
        {
            "code": v.area_code,
            "name": names.get(v.area_code, (v.area_code, None))[0],
            "value": v.value,
            "suppressed": v.suppressed,
            "basis": v.basis,
            "bloom": v.bloom,
            "ci_low": v.ci_low,
            "ci_high": v.ci_high,
        }
        for v in values(indicator=indicator, level=level, period=period)
    ]
    # The map shows every area that has a boundary, also those without a figure: those read
    # "geen gegevens" instead of vanishing. With several periods the latest value counts.
    by_code = {r["code"]: r for r in rows}
    drawn = sorted(code for code, (_name, boundary) in names.items() if boundary)
    shown = [by_code.get(code) for code in drawn]
    classes = map_classes.classify(
        [r["value"] if r else None for r in shown],
        suppressed=[bool(r and r["suppressed"]) for r in shown],
    )
    features = [
        {
            "type": "Feature",
            "geometry": names[code][1],
            "properties": {
                "code": code,
                "name": names[code][0],
                "value": None if row is None or row["suppressed"] else row["value"],
                "status": _status(row),
                "class": cls,
            },
        }
        for code, row, cls in zip(drawn, shown, classes.classes, strict=True)
    ]
    legend = {
        **classes.legend(),
        "title": indicator.label,
        "unit": map_unit(indicator.unit),
        "unit_label": indicator.get_unit_display(),
    }
    return MapData(indicator, level, period, rows, features, bool(features), legend)


def _status(row: dict[str, Any] | None) -> str:
    if row is None or (row["value"] is None and not row["suppressed"]):
        return "missing"
    return "suppressed" if row["suppressed"] else "value"


def map_unit(unit: str) -> str:
    """The unit written after a value on the map: "%" straight after it, the others after a
    space; a mean score or a count needs none."""
    return {
        Unit.PERCENTAGE: "%",
        Unit.PER_1000: str(_("per 1 000")),
        Unit.PER_KM2: str(_("per km²")),
    }.get(Unit(unit), "")


def latest_period() -> int | None:
    found = periods()
    return found[-1] if found else None


def _compute_benchmark_frame() -> pl.DataFrame:
    definitions = sources.definitions()
    hierarchy = sources.hierarchy()
    computed = engine.run(definitions, sources.all_figures(), hierarchy, k=sources.min_cell_size())
    peers = benchmark.peer_groups(sources.peer_profile(), engine.parent_codes(hierarchy))
    return benchmark.benchmark(computed, peers).frame()


# Every area's benchmark comes from all figures of all sources at once; each worker process
# computes it once per data generation instead of once per wijk page or API call.
_benchmark = freshness.Memo(_compute_benchmark_frame)


def benchmark_frame() -> pl.DataFrame:
    """The benchmark of every area, computed from the current figures."""
    return _benchmark.get()


@dataclass
class WijkBenchmark:
    wijk: Wijk
    period: int | None
    rows: list[dict[str, Any]]  # one per indicator, latest period
    history: list[dict[str, Any]]  # overall bloom per period
    series: dict[int, list[dict[str, Any]]]  # indicator id → values per period
    peers: dict[int, list[dict[str, Any]]]  # indicator id → peers' values, latest period
    chart: dict[str, Any] | None = None  # data for the page's two charts
    # Without any value: why, in words for the page (no key figures imported, ...).
    no_figures_reason: str | None = None


def main_goal_of(*, wijk: Wijk) -> str | None:
    """The main goal `wijk` chose, or None."""
    return WijkGoal.objects.filter(wijk=wijk).values_list("goal", flat=True).first()


def rows_for_goal(
    *, rows: list[dict[str, Any]], goal: str | None, outside: bool = False
) -> list[dict[str, Any]]:
    """The benchmark rows of `goal`'s indicators in the goal's order, or (`outside`) the rest
    in their own order; without a goal every row is outside."""
    codes = goals.indicator_codes_for(goal)
    if outside:
        return [r for r in rows if r["indicator"].code not in codes]
    by_code = {r["indicator"].code: r for r in rows}
    return [by_code[c] for c in codes if c in by_code]


def wijk_benchmark(*, wijk: Wijk) -> WijkBenchmark:
    frame = benchmark_frame()
    mine = frame.filter(pl.col("area_code") == wijk.code)
    # The heading's year: the latest year with a value shown (a suppressed one counts: the
    # cell is there, hidden), as each row carries its own latest year.
    period = int(mine["period"].max()) if mine.height else None  # type: ignore[arg-type]
    by_id = {i.pk: i for i in indicators()}
    stored = {
        (v.indicator_id, v.period): v for v in IndicatorValue.objects.filter(area_code=wijk.code)
    }
    rows = []
    latest = mine.sort("period").group_by("indicator_id", maintain_order=True).last()
    for r in latest.sort("indicator_id").iter_rows(named=True):
        indicator = by_id.get(r["indicator_id"])
        if indicator is None:
            continue
        v = stored.get((r["indicator_id"], r["period"]))
        rows.append(
            {
                **r,
                "indicator": indicator,
                "stored": v,
                "bloom_label": Bloom(v.bloom).label if v and v.bloom is not None else None,
            }
        )
    series: dict[int, list[dict[str, Any]]] = {}
    for r in mine.sort("period").iter_rows(named=True):
        series.setdefault(r["indicator_id"], []).append(
            {"period": r["period"], "value": r["value"]}
        )
    peers: dict[int, list[dict[str, Any]]] = {}
    group = latest["peer_group"][0] if latest.height else None
    # Each indicator's peers in that indicator's latest period.
    same = frame.filter(
        (pl.col("level") == "wijk") & (pl.col("peer_group") == pl.lit(group, pl.String))
    ).join(latest.select("indicator_id", "period"), on=["indicator_id", "period"], how="semi")
    names = {code: name for code, (name, _b) in area_names("wijk").items()}
    for r in same.sort("area_code").iter_rows(named=True):
        peers.setdefault(r["indicator_id"], []).append(
            {
                "code": r["area_code"],
                "name": names.get(r["area_code"], r["area_code"]),
                "value": r["value"],
                "self": r["area_code"] == wijk.code,
            }
        )
    history = bloom_history(area_code=wijk.code)
    return WijkBenchmark(
        wijk,
        period,
        rows,
        history,
        series,
        peers,
        _chart(rows, series, peers),
        no_figures_reason=None if rows else why_no_figures(wijk=wijk),
    )


def why_no_figures(*, wijk: Wijk) -> str:
    """Why `wijk` has no indicator values, in words for its pages."""
    if not indicators().exists():
        return _("There are no figures for this wijk yet: no indicators have been set up.")
    codes = [wijk.code, *Buurt.objects.filter(wijk=wijk).values_list("code", flat=True)]
    has_key_figures = (
        wijk.figures_year is not None
        or Buurt.objects.filter(wijk=wijk, figures_year__isnull=False).exists()
    )
    if not has_key_figures and not Figure.objects.filter(area_code__in=codes).exists():
        return _(
            "There are no figures for this wijk yet: no key figures (CBS) have been imported "
            "for it or its buurten, and no other source has figures for it. Its indicators "
            "appear here once figures are imported."
        )
    return _(
        "There are no figures for this wijk yet: the figures imported for it do not suffice "
        "for any of the indicators."
    )


def _chart(
    rows: list[dict[str, Any]],
    series: dict[int, list[dict[str, Any]]],
    peers: dict[int, list[dict[str, Any]]],
) -> dict[str, Any] | None:
    """Peers chart of the first indicator with a bloom scale; trend lines of those indicators."""
    rated = [r for r in rows if r["indicator"].gold is not None] or rows
    if not rated:
        return None
    first = rated[0]
    mine = peers.get(first["indicator_id"], [])
    periods = sorted({p["period"] for r in rated for p in series.get(r["indicator_id"], [])})
    datasets = []
    for r in rated[:6]:
        by_period = {p["period"]: p["value"] for p in series.get(r["indicator_id"], [])}
        datasets.append(
            {"label": r["indicator"].label, "data": [by_period.get(p) for p in periods]}
        )
    return {
        "peers": {
            "title": first["indicator"].label,
            "labels": [p["name"] for p in mine],
            "values": [p["value"] for p in mine],
            "self": [p["self"] for p in mine],
        },
        "trend": {"labels": periods, "datasets": datasets},
    }


def bloom_history(*, area_code: str) -> list[dict[str, Any]]:
    """The overall bloom level of an area per period (rule: engine.overall_bloom)."""
    rows = list(
        IndicatorValue.objects.filter(area_code=area_code).values(
            "area_code", "period", "value", "bloom"
        )
    )
    if not rows:
        return []
    frame = pl.DataFrame(
        rows,
        schema={"area_code": pl.String, "period": pl.Int64, "value": pl.Float64, "bloom": pl.Int64},
    )
    overall = engine.overall_bloom(frame)
    return [{**r, "label": Bloom(r["overall"]).label} for r in overall.iter_rows(named=True)]


@dataclass
class SideBySide:
    """A health indicator beside a living-environment indicator, area by area."""

    health: Indicator
    environment: Indicator
    level: str
    period: int
    left: MapData
    right: MapData
    pairs: list[dict[str, Any]]  # areas with both values (suppressed ones left out)
    spearman: float | None  # rank correlation over the pairs; None below MIN_PAIRS


MIN_PAIRS = 5  # fewer areas say nothing about a relation


def side_by_side(
    *, health: Indicator, environment: Indicator, level: str, period: int
) -> SideBySide:
    left = map_data(indicator=health, level=level, period=period)
    right = map_data(indicator=environment, level=level, period=period)

    def frame(data: MapData, column: str) -> pl.DataFrame:
        return pl.DataFrame(
            [(r["code"], r["name"], r["value"]) for r in data.rows if not r["suppressed"]],
            schema={"code": pl.String, "name": pl.String, column: pl.Float64},
            orient="row",
        ).drop_nulls(column)

    both = frame(left, "health").join(frame(right, "environment").drop("name"), on="code")
    spearman = None
    if both.height >= MIN_PAIRS:
        rho = both.select(pl.corr("health", "environment", method="spearman")).item()
        spearman = None if rho is None or rho != rho else float(rho)  # NaN: no variation
    return SideBySide(
        health=health,
        environment=environment,
        level=level,
        period=period,
        left=left,
        right=right,
        pairs=both.sort("code").to_dicts(),
        spearman=spearman,
    )
