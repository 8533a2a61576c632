"""Data for the plein's tests: a mosque with its weekly activity, an initiative's activity."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from gezondewijk.initiatives.models import Activity, Initiative, Status, Theme
from gezondewijk.people.models import Organisation, OrganisationType
from gezondewijk.places.models import Buurt, LocationKind, StrategicLocation
from gezondewijk.plein.models import OrganisationActivity
from tests.factories import OrganisationFactory, StrategicLocationFactory


def theme(slug: str = "bewegen", name: str = "Bewegen") -> Theme:
    return Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def mosque(buurt: Buurt) -> tuple[Organisation, StrategicLocation]:
    place = StrategicLocationFactory(
        name="Moskee Al Fath",
        kind=LocationKind.MOSKEE,
        buurt=buurt,
        address="Kerkstraat 3",
        latitude=Decimal("52.091000"),
        longitude=Decimal("5.121000"),
    )
    organisation = OrganisationFactory(
        name="Moskeevereniging Al Fath",
        type=OrganisationType.RELIGIEUS,
        gemeente=buurt.wijk.gemeente,
        description="Een open huis voor de buurt.",
    )
    organisation.wijken.add(buurt.wijk)
    organisation.locations.add(place)
    return organisation, place


def this_week_at(hour: int = 10, days_from_monday: int | None = None) -> dt.datetime:
    today = timezone.localdate()
    day = (
        today
        if days_from_monday is None
        else today - dt.timedelta(days=today.weekday() - days_from_monday)
    )
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def activity_at(
    organisation: Organisation,
    place: StrategicLocation | None,
    *,
    title: str = "Koffie en wandelen voor vrouwen",
    starts: dt.datetime | None = None,
    themes: list[Theme] | None = None,
    code: str | None = None,
) -> OrganisationActivity:
    starts = starts or this_week_at()
    activity = OrganisationActivity.objects.create(
        code=code or f"test-{OrganisationActivity.objects.count() + 1}",
        organisation=organisation,
        title=title,
        location=place,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )
    activity.themes.set(themes or [])
    return activity


def initiative_activity(
    wijk: object,
    place: StrategicLocation | None,
    *,
    title: str = "Moestuin open",
    day: dt.date | None = None,
) -> Activity:
    initiative = Initiative.objects.create(
        name="Groene Kern", description="Samen tuinieren.", status=Status.ACTIEF
    )
    initiative.wijken.add(wijk)  # type: ignore[arg-type]
    initiative.themes.add(theme("groen", "Groen"))
    return Activity.objects.create(
        initiative=initiative, title=title, date=day or timezone.localdate(), location=place
    )
