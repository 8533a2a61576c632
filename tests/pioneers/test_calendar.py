"""The iCalendar feeds parse with a calendar library and hold the four yearly meetings."""

from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from gezondewijk.permissions.roles import Role
from gezondewijk.pioneers import calendar_feed, services
from tests import factories
from tests.conftest import World
from tests.pioneers.factories import GroupFactory, coordinator_in


def _events(body: bytes) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_the_group_feed_holds_the_four_meetings_of_the_year(world: World) -> None:
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)
    group = GroupFactory(region=world.region, name="Pioniers Noord")
    anna = coordinator_in(group, world.wijk)
    services.meetings_schedule(actor=admin, group=group, year=2027, location="Buurthuis De Brug")
    client = Client()
    client.force_login(anna)
    response = client.get(reverse("pioneers:group_calendar", args=[group.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response.content)
    assert [e.decoded("dtstart").month for e in events] == [1, 4, 7, 10]
    assert all(str(e["location"]) == "Buurthuis De Brug" for e in events)
    assert all(str(e["summary"]) == "Intervisie Pioniers Noord" for e in events)
    assert len({str(e["uid"]) for e in events}) == 4


def test_the_personal_feed_needs_no_login_but_a_signed_token(world: World) -> None:
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)
    mine = GroupFactory(region=world.region)
    other = GroupFactory(region=world.region)
    anna = coordinator_in(mine, world.wijk)
    services.meetings_schedule(actor=admin, group=mine, year=2027)
    services.meetings_schedule(actor=admin, group=other, year=2027)
    url = reverse("pioneers:my_calendar", args=[calendar_feed.feed_token(anna)])
    events = _events(Client().get(url).content)
    assert len(events) == 4  # only her own group's meetings
    forged = reverse("pioneers:my_calendar", args=["1:forged:token"])
    assert Client().get(forged).status_code == 404
