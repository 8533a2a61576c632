"""Reads of places: areas with their parents, and strategic locations."""

from django.db.models import Count, QuerySet

from gezondewijk.places.models import Buurt, Gemeente, StrategicLocation, Wijk


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
