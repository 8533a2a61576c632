"""Reads for the Gezondheidsplein: one calendar of initiatives' and organisations' activities.

Initiatives record an activity on a day (`initiatives.Activity.date`); organisations plan
theirs with a start and end time. Both become a `CalendarItem`, so a page or a feed never
needs to know where an item came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from gezondewijk.initiatives.models import LIVE_STATUSES, Activity, Initiative, Theme
from gezondewijk.people.models import Organisation, OrganisationType
from gezondewijk.places.models import StrategicLocation, Wijk
from gezondewijk.plein.models import OrganisationActivity

INITIATIVE = "initiatief"
ORGANISATION = "organisatie"

# How a resident thinks of services, in the order the portal shows them.
SERVICE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("welzijn", (OrganisationType.WELZIJN, OrganisationType.BUURTHUIS)),
    ("huisarts", (OrganisationType.HUISARTSENPRAKTIJK, OrganisationType.GEZONDHEIDSCENTRUM)),
    ("wijkverpleging", (OrganisationType.WIJKVERPLEGING, OrganisationType.GGD)),
    ("bibliotheek", (OrganisationType.BIBLIOTHEEK, OrganisationType.SCHOOL)),
    ("sport", (OrganisationType.SPORTVERENIGING,)),
    ("geloof", (OrganisationType.RELIGIEUS,)),
)


@dataclass(frozen=True)
class CalendarItem:
    kind: str  # INITIATIVE or ORGANISATION
    pk: int
    title: str
    organiser: str
    starts: dt.date | dt.datetime  # a date: the whole day
    ends: dt.date | dt.datetime
    location: StrategicLocation | None
    themes: tuple[str, ...]
    description: str = ""

    @property
    def uid(self) -> str:
        return f"{self.kind}-{self.pk}"

    @property
    def all_day(self) -> bool:
        return not isinstance(self.starts, dt.datetime)

    @property
    def day(self) -> dt.date:
        if isinstance(self.starts, dt.datetime):
            return timezone.localtime(self.starts).date()
        return self.starts


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and the Monday after it: the week `day` lies in."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=7)


def _day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end, dt.time.min, tzinfo=tz),
    )


def _initiative_activities(
    *,
    start: dt.date,
    end: dt.date,
    wijk: Wijk | None,
    theme_slug: str | None,
    location: StrategicLocation | None,
    query: str,
) -> QuerySet[Activity]:
    found = Activity.objects.filter(date__gte=start, date__lt=end).select_related(
        "initiative", "location__buurt"
    )
    if wijk is not None:
        found = found.filter(Q(location__buurt__wijk=wijk) | Q(initiative__wijken=wijk))
    if theme_slug:
        found = found.filter(initiative__themes__slug=theme_slug)
    if location is not None:
        found = found.filter(location=location)
    if query:
        found = found.filter(Q(title__icontains=query) | Q(initiative__name__icontains=query))
    return found.prefetch_related("initiative__themes").distinct()


def _organisation_activities(
    *,
    start: dt.date,
    end: dt.date,
    wijk: Wijk | None,
    theme_slug: str | None,
    location: StrategicLocation | None,
    query: str,
) -> QuerySet[OrganisationActivity]:
    low, high = _day_bounds(start, end)
    found = OrganisationActivity.objects.filter(
        starts_at__gte=low, starts_at__lt=high
    ).select_related("organisation", "location__buurt")
    if wijk is not None:
        found = found.filter(Q(location__buurt__wijk=wijk) | Q(organisation__wijken=wijk))
    if theme_slug:
        found = found.filter(themes__slug=theme_slug)
    if location is not None:
        found = found.filter(location=location)
    if query:
        found = found.filter(Q(title__icontains=query) | Q(organisation__name__icontains=query))
    return found.prefetch_related("themes").distinct()


def calendar_items(
    *,
    start: dt.date,
    end: dt.date,
    wijk: Wijk | None = None,
    theme_slug: str | None = None,
    location: StrategicLocation | None = None,
    query: str = "",
) -> list[CalendarItem]:
    """Everything on between `start` (inclusive) and `end` (exclusive), in time order."""
    filters = {
        "start": start,
        "end": end,
        "wijk": wijk,
        "theme_slug": theme_slug,
        "location": location,
        "query": query.strip(),
    }
    items = [
        CalendarItem(
            kind=INITIATIVE,
            pk=a.pk,
            title=a.title,
            organiser=a.initiative.name,
            starts=a.date,
            ends=a.date + dt.timedelta(days=1),
            location=a.location,
            themes=tuple(t.name for t in a.initiative.themes.all()),
        )
        for a in _initiative_activities(**filters)  # type: ignore[arg-type]
    ] + [
        CalendarItem(
            kind=ORGANISATION,
            pk=a.pk,
            title=a.title,
            organiser=a.organisation.name,
            starts=a.starts_at,
            ends=a.ends_at,
            location=a.location,
            themes=tuple(t.name for t in a.themes.all()),
            description=a.description,
        )
        for a in _organisation_activities(**filters)  # type: ignore[arg-type]
    ]
    # A whole-day item sorts before the timed items of its day.
    return sorted(items, key=lambda i: (i.day, not i.all_day, str(i.starts), i.title))


def calendar_item(*, uid: str) -> CalendarItem | None:
    kind, _, raw_pk = uid.partition("-")
    if not raw_pk.isdigit():
        return None
    pk = int(raw_pk)
    if kind == INITIATIVE:
        a = Activity.objects.select_related("initiative", "location__buurt").filter(pk=pk).first()
        if a is None:
            return None
        return CalendarItem(
            kind=INITIATIVE,
            pk=a.pk,
            title=a.title,
            organiser=a.initiative.name,
            starts=a.date,
            ends=a.date + dt.timedelta(days=1),
            location=a.location,
            themes=tuple(a.initiative.themes.values_list("name", flat=True)),
        )
    if kind == ORGANISATION:
        o = (
            OrganisationActivity.objects.select_related("organisation", "location__buurt")
            .filter(pk=pk)
            .first()
        )
        if o is None:
            return None
        return CalendarItem(
            kind=ORGANISATION,
            pk=o.pk,
            title=o.title,
            organiser=o.organisation.name,
            starts=o.starts_at,
            ends=o.ends_at,
            location=o.location,
            themes=tuple(o.themes.values_list("name", flat=True)),
            description=o.description,
        )
    return None


def initiatives_to_join(*, wijk: Wijk, limit: int = 12) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(wijken=wijk, status__in=LIVE_STATUSES)
        .prefetch_related("themes")
        .order_by("name")[:limit]
    )


def organisations_by_service(*, wijk: Wijk) -> list[tuple[str, list[Organisation]]]:
    """The organisations serving `wijk`, grouped the way residents look for help."""
    found = list(
        Organisation.objects.filter(wijken=wijk).prefetch_related("locations").order_by("name")
    )
    return [
        (group, [o for o in found if o.type in types])
        for group, types in SERVICE_GROUPS
        if any(o.type in types for o in found)
    ]


def places_in(*, wijk: Wijk) -> QuerySet[StrategicLocation]:
    return StrategicLocation.objects.filter(buurt__wijk=wijk).select_related("buurt")


def place_get(*, pk: int) -> StrategicLocation | None:
    return (
        StrategicLocation.objects.select_related("buurt__wijk__gemeente")
        .prefetch_related("organisations")
        .filter(pk=pk)
        .first()
    )


def themes_in_use() -> QuerySet[Theme]:
    return Theme.objects.filter(active=True).order_by("name")
