"""Pages about wijken: the overview, one wijk, and adding a vindplaats."""

from pathlib import Path

import pytest
from django.test import Client

from gezondewijk.places.importers.cbs import import_cbs_file
from gezondewijk.places.models import StrategicLocation
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(world: World) -> Client:
    client = Client()
    client.force_login(world.coordinator)
    return client


def test_overview_marks_the_coordinators_own_wijk(world: World, coordinator_client: Client) -> None:
    response = coordinator_client.get("/wijken/")

    assert response.context["mine"] == {world.wijk.pk}
    assert world.other_wijk.name in response.content.decode()


def test_wijk_page_lists_buurten_and_locations(world: World, coordinator_client: Client) -> None:
    factories.StrategicLocationFactory(buurt=world.buurt, name="Moskee Ulu")

    html = coordinator_client.get(f"/wijken/{world.wijk.code}/").content.decode()

    assert world.buurt.name in html
    assert "Moskee Ulu" in html


def test_unknown_wijk_is_404(coordinator_client: Client) -> None:
    assert coordinator_client.get("/wijken/WK999999/").status_code == 404


def test_coordinator_adds_a_location_in_own_wijk(world: World, coordinator_client: Client) -> None:
    response = coordinator_client.post(
        f"/wijken/{world.wijk.code}/vindplaatsen/nieuw/",
        {
            "name": "Bibliotheek Oost",
            "kind": "bibliotheek",
            "buurt": world.buurt.pk,
            "latitude": "52.1",
            "longitude": "5.1",
        },
    )

    assert response.status_code == 302
    assert StrategicLocation.objects.get().buurt == world.buurt


def test_a_buurt_of_another_wijk_cannot_be_chosen(world: World, coordinator_client: Client) -> None:
    response = coordinator_client.post(
        f"/wijken/{world.wijk.code}/vindplaatsen/nieuw/",
        {
            "name": "Sneaky",
            "kind": "park",
            "buurt": world.other_buurt.pk,
            "latitude": "52.1",
            "longitude": "5.1",
        },
    )

    assert response.status_code == 200
    assert "buurt" in response.context["form"].errors
    assert not StrategicLocation.objects.exists()


def test_coordinator_of_another_wijk_gets_404_not_403(
    world: World, coordinator_client: Client
) -> None:
    assert (
        coordinator_client.get(f"/wijken/{world.other_wijk.code}/vindplaatsen/nieuw/").status_code
        == 404
    )


def test_bad_coordinates_are_refused_with_a_field_message(
    world: World, coordinator_client: Client
) -> None:
    response = coordinator_client.post(
        f"/wijken/{world.wijk.code}/vindplaatsen/nieuw/",
        {"name": "X", "kind": "park", "buurt": world.buurt.pk, "latitude": "10", "longitude": "5"},
    )

    assert "latitude" in response.context["form"].errors
    assert not StrategicLocation.objects.exists()


def test_wijk_page_shows_each_key_figure_with_year_source_and_earlier_years(
    world: World, coordinator_client: Client, tmp_path: Path
) -> None:
    for year, inhabitants in ((2023, 690), (2024, 700)):
        path = tmp_path / f"kwb_{year}.csv"
        path.write_text(
            f"gwb_code_10,regio,recs,a_inw\n{world.wijk.code},Noord,Wijk,{inhabitants}\n"
        )
        import_cbs_file(path=path)

    response = coordinator_client.get(f"/wijken/{world.wijk.code}/")

    inhabitants = response.context["key_figures"][0]
    assert (inhabitants.figure, inhabitants.newest.value) == ("inhabitants", 700)
    html = response.content.decode()
    assert "2024 · kwb_2024.csv" in html
    assert "2023: 690" in html
