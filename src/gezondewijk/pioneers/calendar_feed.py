"""iCalendar (RFC 5545) feeds of intervision meetings: one per group, one per person.

A calendar program cannot log in, so the personal feed is reached through a signed link:
the token names the user and is signed with the site's secret, so it cannot be guessed or
altered. The group feed is for logged-in members (download and import).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core import signing
from django.utils import timezone
from icalendar import Calendar, Event

from gezondewijk.pioneers.models import Meeting

MEETING_LENGTH = dt.timedelta(hours=2)
SALT = "gezondewijk.pioneers.calendar"


def feed_token(user: Any) -> str:
    return signing.dumps(user.pk, salt=SALT)


def user_id_from_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def calendar_of(meetings: Iterable[Meeting], *, name: str, domain: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Gezonde Wijk//Intervisie//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + MEETING_LENGTH)
        event.add("summary", f"Intervisie {meeting.group.name}")
        if meeting.location:
            event.add("location", meeting.location)
        if meeting.agenda:
            event.add("description", meeting.agenda)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
