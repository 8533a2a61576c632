"""Reads of places: areas with their parents, their key figures, and strategic locations."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Count, QuerySet

from gezondewijk.places import key_figure_history
from gezondewijk.places.models import KEY_FIGURE_FIELDS, Buurt, Gemeente, StrategicLocation, Wijk


@dataclass(frozen=True)
class FigureValue:
    year: int
    value: float
    source: str


@dataclass(frozen=True)
class KeyFigure:
    """One key figure of an area: its newest value with year and source, and every year."""

    figure: str
    label: str
    newest: FigureValue
    history: list[FigureValue]  # oldest first


def key_figures_of(*, code: str) -> list[KeyFigure]:
    """The area's key figures as the history gives them (merged per year); empty when the
    area has no history (figures typed in, or the fictional demo)."""
    merged = key_figure_history.history_of(code)
    by_figure: dict[str, list[FigureValue]] = {}
    for row in merged.sort("year").iter_rows(named=True):
        by_figure.setdefault(row["figure"], []).append(
            FigureValue(row["year"], row["value"], row["source"])
        )
    result = []
    for figure in KEY_FIGURE_FIELDS:  # the model's order: population first
        if figure in by_figure:
            field = Gemeente._meta.get_field(figure)
            assert isinstance(field, models.Field)
            values = by_figure[figure]
            result.append(KeyFigure(figure, str(field.verbose_name), values[-1], values))
    return result


def gemeenten_list(*, region_slug: str | None = None) -> QuerySet[Gemeente]:
    gemeenten = Gemeente.objects.select_related("region").annotate(wijk_count=Count("wijken"))
    if region_slug:
        gemeenten = gemeenten.filter(region__slug=region_slug)
    return gemeenten.order_by("code")


def wijken_list(
    *, gemeente_code: str | None = None, within: QuerySet[Wijk] | None = None
) -> QuerySet[Wijk]:
    wijken = (within if within is not None else Wijk.objects.all()).select_related(
        "gemeente__region"
    )
    if gemeente_code:
        wijken = wijken.filter(gemeente__code=gemeente_code)
    return wijken.annotate(
        buurt_count=Count("buurten", distinct=True),
        location_count=Count("buurten__locations", distinct=True),
    ).order_by("gemeente__code", "code")


def wijk_get(*, code: str) -> Wijk | None:
    return Wijk.objects.select_related("gemeente__region").filter(code=code).first()


def buurten_list(*, wijk_code: str | None = None) -> QuerySet[Buurt]:
    buurten = Buurt.objects.select_related("wijk")
    if wijk_code:
        buurten = buurten.filter(wijk__code=wijk_code)
    return buurten.order_by("code")


def locations_list(
    *, wijk_code: str | None = None, buurt_code: str | None = None, kind: str | None = None
) -> QuerySet[StrategicLocation]:
    locations = StrategicLocation.objects.select_related("buurt__wijk")
    if wijk_code:
        locations = locations.filter(buurt__wijk__code=wijk_code)
    if buurt_code:
        locations = locations.filter(buurt__code=buurt_code)
    if kind:
        locations = locations.filter(kind=kind)
    return locations.order_by("name", "pk")
