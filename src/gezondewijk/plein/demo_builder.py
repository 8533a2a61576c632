"""Demo data for the plein: the weekly activities organisations run at their places.

They are planned around the current week, so the portal always has something "this week".
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gezondewijk.demo.registry import DemoContext
from gezondewijk.initiatives.models import Theme
from gezondewijk.people.models import Organisation, OrganisationType
from gezondewijk.plein.models import OrganisationActivity

T = OrganisationType
# What each kind of organisation runs every week: title, theme slug, weekday, hour, hours long.
WEEKLY: dict[str, tuple[str, str, int, int, int]] = {
    T.RELIGIEUS: ("Koffie en wandelen voor vrouwen", "bewegen", 3, 10, 2),
    T.BUURTHUIS: ("Samen eten in de buurt", "eenzaamheid", 2, 17, 2),
    T.BIBLIOTHEEK: ("Taalcafé", "zingeving", 1, 14, 2),
    T.WELZIJN: ("Spreekuur welzijnscoach", "eenzaamheid", 0, 9, 3),
    T.SPORTVERENIGING: ("Bewegen voor ouderen", "bewegen", 4, 10, 1),
}
WEEKS_BACK, WEEKS_AHEAD = 1, 4


def build_plein(ctx: DemoContext) -> None:
    region = ctx.require_region()
    themes = {t.slug: t for t in Theme.objects.all()}
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    tz = timezone.get_current_timezone()
    planned: list[tuple[OrganisationActivity, Theme | None]] = []
    organisations = (
        Organisation.objects.filter(gemeente__region=region, type__in=list(WEEKLY))
        .prefetch_related("locations")
        .order_by("pk")
    )
    for organisation in organisations:
        location = next(iter(organisation.locations.all()), None)
        if location is None:
            continue
        title, theme_slug, weekday, hour, hours = WEEKLY[organisation.type]
        for week in range(-WEEKS_BACK, WEEKS_AHEAD + 1):
            day = monday + dt.timedelta(days=7 * week + weekday)
            starts = dt.datetime.combine(day, dt.time(hour), tzinfo=tz)
            activity = OrganisationActivity(
                code=f"demo-{organisation.pk}-{day:%Y%m%d}",
                organisation=organisation,
                title=title,
                location=location,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=hours),
            )
            planned.append((activity, themes.get(theme_slug)))
    created = OrganisationActivity.objects.bulk_create([a for a, _ in planned])
    OrganisationActivity.themes.through.objects.bulk_create(
        OrganisationActivity.themes.through(organisationactivity_id=a.pk, theme_id=t.pk)
        for a, (_, t) in zip(created, planned, strict=True)
        if t is not None
    )
    ctx.count("activities of organisations", len(created))
