"""Pages of the Gezondheidsplein. Public: no log-in, plain Dutch, light on a slow phone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gezondewijk import freshness
from gezondewijk.places import selectors as places
from gezondewijk.places.models import Wijk
from gezondewijk.plein import calendar_feed, selectors


def _wijk_or_404(code: str) -> Wijk:
    wijk = places.wijk_get(code=code)
    if wijk is None:
        raise Http404
    return wijk


def _ics(request: HttpRequest, items: list[selectors.CalendarItem], name: str) -> HttpResponse:
    body = calendar_feed.calendar_of(items, name=name, domain=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "agenda"}.ics"'
    return response


def _map_data(wijk: Wijk) -> dict[str, Any]:
    """The places as points, and the wijk's outline with its name when its boundary is known."""
    points = [
        {
            "name": p.name,
            "kind": p.get_kind_display(),
            "lat": float(p.latitude),
            "lon": float(p.longitude),
            "url": reverse("plein:place", args=[p.pk]),
        }
        for p in selectors.places_in(wijk=wijk)
    ]
    return {
        "points": points,
        "area": {"name": wijk.name, "boundary": wijk.boundary or None},
        "legend": {
            "title": _("Places in the neighbourhood"),
            "place": _("place with activities"),
            "area": _("the wijk %(name)s") % {"name": wijk.name},
        },
    }


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "plein/index.html", {"wijken": places.wijken_list()})


def wijk(request: HttpRequest, code: str) -> HttpResponse:
    found = _wijk_or_404(code)
    start, end = selectors.week_of(timezone.localdate())

    def content() -> str:
        context = {
            "wijk": found,
            "this_week": selectors.calendar_items(start=start, end=end, wijk=found),
            "initiatives": selectors.initiatives_to_join(wijk=found),
            "services": selectors.organisations_by_service(wijk=found),
            "places": selectors.places_in(wijk=found),
            "themes": selectors.themes_in_use(),
            "map_data": _map_data(found),
        }
        return render_to_string("plein/_wijk.html", context, request)

    # The portal is the same for every visitor: kept until the data changes (or the week).
    key = f"plein:wijk:{found.pk}:{start.isoformat()}:{get_language()}"
    page = {"wijk": found, "content": freshness.kept(key, content)}
    return render(request, "plein/wijk.html", page)


def _week_param(raw: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def agenda(request: HttpRequest, code: str) -> HttpResponse:
    """The week's calendar of a wijk, searchable by theme, place and words."""
    found = _wijk_or_404(code)
    start, end = selectors.week_of(_week_param(request.GET.get("week")))
    theme = request.GET.get("thema") or None
    place_pk = request.GET.get("plek") or ""
    place = selectors.place_get(pk=int(place_pk)) if place_pk.isdigit() else None
    query = request.GET.get("q", "")
    items = selectors.calendar_items(
        start=start, end=end, wijk=found, theme_slug=theme, location=place, query=query
    )
    context = {
        "wijk": found,
        "items": items,
        "start": start,
        "last_day": end - dt.timedelta(days=1),
        "previous": start - dt.timedelta(days=7),
        "next": end,
        "themes": selectors.themes_in_use(),
        "places": selectors.places_in(wijk=found),
        "theme": theme,
        "place": place,
        "query": query,
    }
    return render(request, "plein/agenda.html", context)


def place(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.place_get(pk=pk)
    if found is None:
        raise Http404
    today = timezone.localdate()
    items = selectors.calendar_items(start=today, end=today + dt.timedelta(days=28), location=found)
    return render(request, "plein/place.html", {"place": found, "items": items})


def item_calendar(request: HttpRequest, uid: str) -> HttpResponse:
    item = selectors.calendar_item(uid=uid)
    if item is None:
        raise Http404
    return _ics(request, [item], item.title)


def wijk_calendar(request: HttpRequest, code: str) -> HttpResponse:
    found = _wijk_or_404(code)
    start, end = calendar_feed.feed_window()
    items = selectors.calendar_items(start=start, end=end, wijk=found)
    return _ics(request, items, f"Gezondheidsplein {found.name}")


def theme_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    theme = selectors.themes_in_use().filter(slug=slug).first()
    if theme is None:
        raise Http404
    start, end = calendar_feed.feed_window()
    items = selectors.calendar_items(start=start, end=end, theme_slug=slug)
    return _ics(request, items, f"Gezondheidsplein {theme.name}")


def place_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.place_get(pk=pk)
    if found is None:
        raise Http404
    start, end = calendar_feed.feed_window()
    items = selectors.calendar_items(start=start, end=end, location=found)
    return _ics(request, items, f"Gezondheidsplein {found.name}")
