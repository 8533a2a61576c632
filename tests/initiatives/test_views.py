"""Pages: start, join, manage; members' names only for members and managers."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gezondewijk.initiatives.models import Initiative, Membership
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory, theme


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _neighbour(world: World) -> object:
    user = factories.ResidentProfileFactory(buurt=world.buurt, pseudonym="Buurvrouw").user
    factories.people_services.role_grant(user=user, role=Role.RESIDENT, scope=world.wijk)
    return user


def test_a_resident_starts_an_initiative_through_the_form(world: World) -> None:
    response = _client(world.resident).post(
        reverse("initiatives:create"),
        {
            "name": "Moestuin",
            "description": "Groente kweken",
            "themes": [theme("voeding").pk],
            "wijken": [world.wijk.pk],
        },
    )
    initiative = Initiative.objects.get(name="Moestuin")
    assert response["Location"] == reverse("initiatives:detail", args=[initiative.pk])
    assert initiative.lead == world.resident


def test_the_form_names_the_missing_field_and_offers_only_own_wijken(world: World) -> None:
    response = _client(world.resident).post(
        reverse("initiatives:create"),
        {"name": "Moestuin", "description": "x", "wijken": [world.other_wijk.pk]},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "themes" in form.errors
    assert "wijken" in form.errors
    assert not Initiative.objects.exists()


def test_members_see_each_other_outsiders_see_a_count(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    neighbour = _neighbour(world)
    url = reverse("initiatives:detail", args=[initiative.pk])
    before = _client(neighbour).get(url)
    assert before.context["members"] is None
    _client(neighbour).post(
        reverse("initiatives:join", args=[initiative.pk]), {"role": "vrijwilliger"}
    )
    assert Membership.objects.filter(initiative=initiative, user=neighbour).exists()
    after = _client(neighbour).get(url)
    assert {m.user for m in after.context["members"]} == {world.resident, neighbour}


def test_a_neighbour_cannot_change_the_status(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    response = _client(_neighbour(world)).post(
        reverse("initiatives:status", args=[initiative.pk]), {"status": "gestopt"}
    )
    assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == "actief"


def test_the_lead_records_an_activity(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    place = factories.StrategicLocationFactory(buurt=world.buurt)
    response = _client(world.resident).post(
        reverse("initiatives:activity_create", args=[initiative.pk]),
        {
            "title": "Wandeling",
            "date": "2026-03-01",
            "participants": 14,
            "location": place.pk,
            "target_groups": ["ouderen_alleenstaand"],
        },
    )
    assert response.status_code == 302
    activity = initiative.activities.get()
    assert (activity.location, activity.target_groups) == (place, ["ouderen_alleenstaand"])


def test_the_growth_page_has_a_chart_and_a_table(world: World) -> None:
    InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    html = _client(world.resident).get(reverse("initiatives:growth")).content.decode()
    assert 'id="growth-chart"' in html
    assert 'id="growth-table"' in html
    assert "chart.umd.min.js" in html


def test_the_list_pages_through_many_initiatives(world: World) -> None:
    for n in range(55):
        InitiativeFactory(name=f"Initiatief {n:02d}", lead=world.resident, wijken=[world.wijk])
    client = _client(world.resident)
    first = client.get(reverse("initiatives:list"), {"wijk": world.wijk.code})
    assert len(first.context["initiatives"]) == 50
    second = client.get(reverse("initiatives:list"), {"wijk": world.wijk.code, "pagina": 2})
    assert [i.name for i, _score in second.context["initiatives"]][-1] == "Initiatief 54"


def test_the_list_is_kept_for_everyone_alike_until_something_changes(world: World) -> None:
    InitiativeFactory(name="Wandelclub", lead=world.resident, wijken=[world.wijk])
    url = reverse("initiatives:list")
    with CaptureQueriesContext(connection) as first:
        mine = _client(world.resident).get(url).content.decode()
    neighbour = _client(_neighbour(world))
    with CaptureQueriesContext(connection) as second:
        theirs = neighbour.get(url).content.decode()
    assert len(second) < len(first)  # the table came from the cache
    assert "Wandelclub" in theirs
    # Only the table is shared: "my initiatives" stays the viewer's own.
    assert "Mijn initiatieven" in mine
    assert "Mijn initiatieven" not in theirs

    InitiativeFactory(name="Buurtmoestuin", lead=world.resident, wijken=[world.wijk])
    assert "Buurtmoestuin" in neighbour.get(url).content.decode()
