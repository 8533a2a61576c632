"""The public portal of a wijk: this week, places, services, search, and iCalendar feeds."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from tests.conftest import World
from tests.plein.factories import activity_at, initiative_activity, mosque, theme, this_week_at

pytestmark = pytest.mark.django_db


def _events(response: object) -> list:
    calendar = Calendar.from_ical(response.content)  # type: ignore[attr-defined]
    return list(calendar.walk("VEVENT"))


def test_a_visitor_sees_this_weeks_activities_at_the_places_of_the_wijk(world: World) -> None:
    organisation, place = mosque(world.buurt)
    activity_at(organisation, place, title="Koffie en wandelen voor vrouwen")
    initiative_activity(world.wijk, None, title="Moestuin open")
    activity_at(
        organisation, place, title="Volgend jaar", starts=this_week_at() + dt.timedelta(days=400)
    )

    page = Client().get(reverse("plein:wijk", args=[world.wijk.code]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Koffie en wandelen voor vrouwen" in text
    assert "Moestuin open" in text
    assert "Volgend jaar" not in text
    assert "Moskee Al Fath" in text  # on the list beside the map
    assert "Moskeevereniging Al Fath" in text  # among the services
    assert 'lang="nl"' in text


def test_another_wijks_activities_are_not_on_this_wijks_plein(world: World) -> None:
    organisation, place = mosque(world.other_buurt)
    organisation.wijken.clear()
    activity_at(organisation, place, title="Elders")
    page = Client().get(reverse("plein:wijk", args=[world.wijk.code]))
    assert "Elders" not in page.content.decode()


def test_search_by_theme_and_place(world: World) -> None:
    organisation, place = mosque(world.buurt)
    walking = theme("bewegen", "Bewegen")
    activity_at(organisation, place, title="Wandelen", themes=[walking])
    activity_at(organisation, None, title="Taalcafé")

    url = reverse("plein:agenda", args=[world.wijk.code])
    by_theme = Client().get(url, {"thema": "bewegen"}).content.decode()
    assert "Wandelen" in by_theme
    assert "Taalcafé" not in by_theme
    by_place = Client().get(url, {"plek": place.pk}).content.decode()
    assert "Wandelen" in by_place
    assert "Taalcafé" not in by_place
    by_words = Client().get(url, {"q": "taal"}).content.decode()
    assert "Taalcafé" in by_words
    assert "Wandelen" not in by_words


def test_the_agenda_goes_week_by_week(world: World) -> None:
    organisation, place = mosque(world.buurt)
    activity_at(
        organisation, place, title="Over twee weken", starts=this_week_at() + dt.timedelta(days=14)
    )
    url = reverse("plein:agenda", args=[world.wijk.code])
    assert "Over twee weken" not in Client().get(url).content.decode()
    later = (this_week_at() + dt.timedelta(days=14)).date().isoformat()
    assert "Over twee weken" in Client().get(url, {"week": later}).content.decode()
    assert Client().get(url, {"week": "niet-een-datum"}).status_code == 200


def test_one_activity_downloads_as_an_icalendar_event(world: World) -> None:
    organisation, place = mosque(world.buurt)
    activity = activity_at(organisation, place)
    response = Client().get(reverse("plein:item_calendar", args=[f"organisatie-{activity.pk}"]))
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = _events(response)
    assert str(event["summary"]) == "Koffie en wandelen voor vrouwen"
    assert event.decoded("dtstart") == activity.starts_at
    assert "Moskee Al Fath" in str(event["location"])


def test_an_initiatives_activity_is_a_whole_day_event(world: World) -> None:
    activity = initiative_activity(world.wijk, None)
    response = Client().get(reverse("plein:item_calendar", args=[f"initiatief-{activity.pk}"]))
    (event,) = _events(response)
    assert event.decoded("dtstart") == activity.date


def test_feeds_per_wijk_theme_and_place(world: World) -> None:
    organisation, place = mosque(world.buurt)
    walking = theme("bewegen", "Bewegen")
    activity_at(organisation, place, title="Wandelen", themes=[walking])
    activity_at(organisation, None, title="Spreekuur")
    initiative_activity(world.wijk, place, title="Moestuin open")

    def titles(url: str) -> set[str]:
        return {str(e["summary"]) for e in _events(Client().get(url))}

    assert titles(reverse("plein:wijk_calendar", args=[world.wijk.code])) == {
        "Wandelen",
        "Spreekuur",
        "Moestuin open",
    }
    assert titles(reverse("plein:theme_calendar", args=["bewegen"])) == {"Wandelen"}
    assert titles(reverse("plein:place_calendar", args=[place.pk])) == {"Wandelen", "Moestuin open"}


@pytest.mark.parametrize(
    "url",
    [
        reverse("plein:wijk", args=["WK999999"]),
        reverse("plein:item_calendar", args=["organisatie-999"]),
        reverse("plein:item_calendar", args=["iets-anders"]),
        reverse("plein:theme_calendar", args=["bestaat-niet"]),
        reverse("plein:place", args=[999]),
    ],
)
def test_what_does_not_exist_is_not_found(world: World, url: str) -> None:
    assert Client().get(url).status_code == 404


def test_the_portal_is_kept_until_something_changes(world: World) -> None:
    organisation, place = mosque(world.buurt)
    activity_at(organisation, place, title="Koffie en wandelen voor vrouwen")
    url = reverse("plein:wijk", args=[world.wijk.code])
    with CaptureQueriesContext(connection) as first:
        before = Client().get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        again = Client().get(url).content.decode()
    # The same portal (the layout around it carries each visit's own token).
    assert again[again.index("<h1>") :] == before[before.index("<h1>") :]
    assert len(second) < len(first)  # nothing of the wijk's activities is read again

    activity_at(organisation, place, title="Taalcafé")
    assert "Taalcafé" in Client().get(url).content.decode()
