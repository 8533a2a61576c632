"""iCalendar (RFC 5545) feeds of the plein's calendar: per wijk, theme, place, or one item.

A calendar program subscribes to a feed URL without logging in; everything in it is public.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from gezondewijk.plein.selectors import CalendarItem

# How far a subscribed feed looks back and ahead.
FEED_PAST = dt.timedelta(days=28)
FEED_AHEAD = dt.timedelta(days=180)


def feed_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()
    return today - FEED_PAST, today + FEED_AHEAD


def _where(item: CalendarItem) -> str:
    if item.location is None:
        return ""
    return ", ".join(p for p in (item.location.name, item.location.address) if p)


def calendar_of(items: Iterable[CalendarItem], *, name: str, domain: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Gezonde Wijk//Gezondheidsplein//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for item in items:
        event = Event()
        event.add("uid", f"{item.uid}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.starts)
        event.add("dtend", item.ends)
        event.add("summary", item.title)
        if item.location is not None:
            event.add("location", _where(item))
            event.add("geo", (float(item.location.latitude), float(item.location.longitude)))
        if item.themes:
            event.add("categories", list(item.themes))
        # ORGANIZER must be an address; an initiative has none to give, so it is said in words.
        event.add("description", "\n\n".join(p for p in (item.organiser, item.description) if p))
        calendar.add_component(event)
    return bytes(calendar.to_ical())
