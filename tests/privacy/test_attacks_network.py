"""Attacks on the network figures: each tries to learn whether one resident is isolated, or
which group they belong to, and fails.

The same shape as test_attacks: a target resident who differs from everyone else (isolated,
or in a group of their own), an attacker with the rights they really have (an API key with
network:read and indicators:read for the gemeente, a coordinator on the dashboard and the
network page), figures collected through the real endpoints and pages, and the attacker's
arithmetic. Isolation per buurt is published twice, on the network page (and its API and
dashboard panel) and as the indicator `network-isolation` per buurt, wijk and gemeente; the
two must hide the very same cells, or each shows what the other hid.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.network import runs, services
from gezondewijk.network.models import NetworkRun, TargetType
from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope, User
from gezondewijk.places.models import Buurt, StrategicLocation, Wijk
from tests import factories
from tests.conftest import World
from tests.indicators.factories import compute
from tests.network.factories import befriend, resident

pytestmark = pytest.mark.django_db

K = 10


@pytest.fixture(autouse=True)
def _k(settings: Any) -> None:
    settings.PRIVACY_MIN_CELL_SIZE = K
    settings.LANGUAGE_CODE = "en"  # the pages' sentences below are read in English


def sociable(buurt: Buurt, times: int) -> list[User]:
    """`times` consenting residents of `buurt`, each with two contacts: not isolated."""
    people = [resident(buurt) for _ in range(times)]
    for person in people:
        for label in ("buurvrouw", "zus"):
            services.tie_create(
                owner=person,
                target_type=TargetType.CONTACT,
                details=services.TieDetails(),
                contact_label=label,
            )
    return people


def visits(person: User, place: StrategicLocation) -> None:
    """`person` names `place` as a place they go to in their network."""
    services.tie_create(
        owner=person,
        target_type=TargetType.LOCATION,
        details=services.TieDetails(kind="plek"),
        location_id=place.pk,
    )


def analyse(world: World) -> None:
    """The region's network analysis, then the indicators computed from it (as the nightly
    tasks do), so both publications come from the same run."""
    runs.network_run_execute(run_id=NetworkRun.objects.create(region=world.region).pk)
    compute()


def network(client: Client, wijk: Wijk) -> dict[str, Any]:
    response = client.get(f"/api/v1/network/wijken/{wijk.code}")
    assert response.status_code == 200
    return dict(response.json())


def isolation(client: Client, wijk: Wijk) -> dict[str, dict[str, Any]]:
    """buurt code → the network API's isolation row."""
    return {row["buurt"]: row for row in network(client, wijk)["isolation"]}


def indicator(client: Client, level: str) -> dict[str, dict[str, Any]]:
    """area code → the indicator API's network-isolation value at `level`."""
    response = client.get(
        "/api/v1/indicators/values", {"indicator": "network-isolation", "level": level}
    )
    assert response.status_code == 200
    return {row["area_code"]: row for row in response.json()}


def isolated_from_network(row: dict[str, Any] | None) -> tuple[int, int] | None:
    """(isolated, residents) behind a network API row; None when hidden."""
    if row is None or row["isolated_pct"] is None or row["residents"] is None:
        return None
    return round(row["isolated_pct"] * row["residents"] / 100), row["residents"]


def isolated_from_indicator(row: dict[str, Any] | None) -> tuple[int, int] | None:
    if row is None or row["value"] is None or row["n"] is None:
        return None
    return round(row["value"] * row["n"] / 100), int(row["n"])


def recovered(whole: tuple[int, int] | None, *parts: tuple[int, int] | None) -> float | None:
    """The isolated share of what is left of `whole` after the parts: a resident's own status
    when fewer than k residents are left; None when a needed figure is hidden."""
    if whole is None or any(p is None for p in parts):
        return None
    isolated = whole[0] - sum(p[0] for p in parts if p is not None)
    residents = whole[1] - sum(p[1] for p in parts if p is not None)
    if not 0 < residents < K:
        return None
    return isolated / residents


@pytest.fixture
def api(world: World) -> Client:
    """A GGD researcher's tool: one key with the network and indicator scopes."""
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    _, raw = people_services.api_key_create(
        organisation=organisation,
        name="GGD",
        scopes=[ApiScope.NETWORK_READ, ApiScope.INDICATORS_READ],
    )
    return Client(headers={"X-API-Key": raw})


# -- isolation per buurt ---------------------------------------------------------------------


def test_a_small_buurt_shows_no_isolation(world: World, api: Client) -> None:
    sociable(world.buurt, 12)
    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    resident(small)  # the target: isolated
    analyse(world)

    row = isolation(api, world.wijk)[small.code]
    value = indicator(api, "buurt")[small.code]

    assert row["isolated_pct"] is None
    assert row["residents"] is None
    assert value["suppressed"]
    assert value["value"] is None
    assert value["n"] is None


def test_the_wijk_minus_the_other_buurten_reveals_nothing(world: World, api: Client) -> None:
    third = factories.BuurtFactory(wijk=world.wijk, code="BU90010103")
    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    sociable(world.buurt, 12)
    sociable(third, 11)
    resident(small)
    analyse(world)

    wijk = isolated_from_indicator(indicator(api, "wijk")[world.wijk.code])
    assert wijk == (1, 24)  # the wijk itself is big enough to show
    page = isolation(api, world.wijk)
    cells = indicator(api, "buurt")
    # The attacker takes each other buurt from whichever publication shows it.
    parts = [
        isolated_from_network(page.get(b.code)) or isolated_from_indicator(cells.get(b.code))
        for b in (world.buurt, third)
    ]

    assert recovered(wijk, *parts) is None
    assert page[third.code]["isolated_pct"] is None  # the complement, hidden in both
    assert cells[third.code]["suppressed"]


def test_two_buurten_of_equal_size_are_hidden_alike_in_both_publications(
    world: World, api: Client
) -> None:
    """The small buurt's complement is the smaller of two buurten of twelve. Which of the two
    is a tie: if the network page broke it by database id and the indicators by CBS code,
    each would show the buurt the other hid, and the wijk minus both would be the target."""
    late = factories.BuurtFactory(wijk=world.wijk, code="BU90010100")  # after, but sorts first
    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    sociable(world.buurt, 12)
    sociable(late, 12)
    resident(small)
    analyse(world)

    wijk = isolated_from_indicator(indicator(api, "wijk")[world.wijk.code])
    page = isolation(api, world.wijk)
    cells = indicator(api, "buurt")
    parts = [
        isolated_from_network(page.get(b.code)) or isolated_from_indicator(cells.get(b.code))
        for b in (world.buurt, late)
    ]

    assert recovered(wijk, *parts) is None
    hidden_on_page = {code for code, row in page.items() if row["isolated_pct"] is None}
    hidden_as_indicator = {code for code, row in cells.items() if row["suppressed"]}
    assert hidden_on_page == hidden_as_indicator
    assert len(hidden_on_page) == 2


def test_the_gemeente_minus_the_buurten_of_the_other_wijk_reveals_nothing(
    world: World, api: Client
) -> None:
    """The target is the only resident of the other wijk. That wijk is hidden, and so is this
    wijk as its complement; but this wijk's buurten are big enough on their own, and the
    gemeente minus them would be the target."""
    second = factories.BuurtFactory(wijk=world.wijk, code="BU90010102")
    sociable(world.buurt, 12)
    sociable(second, 11)
    resident(world.other_buurt)
    analyse(world)

    gemeente = isolated_from_indicator(indicator(api, "gemeente")[world.gemeente.code])
    assert gemeente == (1, 24)
    wijken = indicator(api, "wijk")
    assert wijken[world.other_wijk.code]["suppressed"]
    assert wijken[world.wijk.code]["suppressed"]
    page = isolation(api, world.wijk)
    cells = indicator(api, "buurt")
    parts = [
        isolated_from_network(page.get(b.code)) or isolated_from_indicator(cells.get(b.code))
        for b in (world.buurt, second)
    ]

    assert recovered(gemeente, *parts) is None


def test_the_dashboard_panel_the_page_and_the_api_show_the_same_cells(
    world: World, api: Client
) -> None:
    """Three views of one wijk: the panel's "most isolated" buurt must be a buurt the page and
    the API show, with the same share, and none of them shows a cell another hides."""
    lonely = factories.BuurtFactory(wijk=world.wijk, code="BU90010102", name="Eenzaam")
    small = factories.BuurtFactory(wijk=world.wijk, code="BU90010103", name="Klein")
    sociable(world.buurt, 12)
    sociable(lonely, 9)
    for _ in range(3):
        resident(lonely)  # 3 of 12 isolated
    resident(small)
    analyse(world)
    coordinator = Client()
    coordinator.force_login(world.coordinator)

    rows = isolation(api, world.wijk)
    panel = coordinator.get(reverse("dashboard:wijk", args=[world.wijk.code])).content.decode()
    page = coordinator.get(reverse("network:wijk_network", args=[world.wijk.code]))
    table = re.search(r'data-testid="isolation">(.*?)</table>', page.content.decode(), re.S)
    assert table is not None

    assert rows[lonely.code]["isolated_pct"] == 25.0
    assert "Most isolated: Eenzaam, 25.0%" in panel
    assert "Klein" not in panel
    shown_on_page = re.findall(r"<td>([^<]+)</td>\s*<td class=\"num\">([\d.]+)%", table[1])
    assert dict(shown_on_page) == {
        b.name: f"{rows[b.code]['isolated_pct']}"
        for b in (world.buurt, lonely, small)
        if rows[b.code]["isolated_pct"] is not None
    }
    assert rows[small.code]["isolated_pct"] is None


# -- groups (network communities) ------------------------------------------------------------


def clique(people: list[User]) -> None:
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            befriend(a, b)


def test_a_small_group_is_not_shown_anywhere(world: World, api: Client) -> None:
    """The target and two friends form a group of their own beside a large one."""
    big = sociable(world.buurt, 11)
    clique(big)
    trio = [resident(world.buurt) for _ in range(3)]
    clique(trio)
    analyse(world)
    coordinator = Client()
    coordinator.force_login(world.coordinator)

    figures = network(api, world.wijk)
    panel = coordinator.get(reverse("dashboard:wijk", args=[world.wijk.code])).content.decode()
    page = coordinator.get(reverse("network:wijk_network", args=[world.wijk.code]))

    assert [c["residents"] for c in figures["communities"]] == [11]
    assert figures["hidden_communities"] == 1
    assert all(link["ties"] >= K for link in figures["links"])
    assert "1 group of residents large enough" in panel
    assert page.context["network"]["communities"] == [
        {"community": c["community"], "residents": 11, "in_wijk_pct": None}
        for c in figures["communities"]
    ]


def test_a_groups_share_in_the_wijk_does_not_count_its_few_members_elsewhere(
    world: World, api: Client
) -> None:
    """A group of twelve here has one more member in the other wijk: the target. The share of
    the group living here would say 12 of 13; it is left out, and the other wijk hides the
    target's group: membership of the target follows from neither."""
    here = sociable(world.buurt, 12)
    target = resident(world.other_buurt)
    clique([*here, target])
    analyse(world)

    mine = network(api, world.wijk)
    theirs = network(api, world.other_wijk)

    assert [c["residents"] for c in mine["communities"]] == [12]
    assert mine["communities"][0]["in_wijk_pct"] is None
    assert theirs["communities"] == []
    assert theirs["hidden_communities"] == 1


def test_a_place_only_the_target_visits_shows_no_reach(world: World, api: Client) -> None:
    place = factories.StrategicLocationFactory(buurt=world.buurt, name="Moskee")
    others = factories.StrategicLocationFactory(buurt=world.buurt, name="Bibliotheek")
    people = sociable(world.buurt, 12)
    clique(people[:4])
    for person in people:
        visits(person, others)
    target = resident(world.buurt)
    befriend(target, people[0])
    visits(target, place)
    analyse(world)

    reach = {r["name"]: r for r in network(api, world.wijk)["reach"]}

    assert reach["Bibliotheek"]["direct"] == 12
    assert reach["Moskee"]["direct"] is None
    assert reach["Moskee"]["within_two"] is None


def test_the_two_step_reach_minus_the_direct_reach_reveals_nothing(
    world: World, api: Client
) -> None:
    """Twelve residents visit the library; the target visits nothing but knows one of them.
    The library's two-step reach minus its direct reach would be the target alone."""
    library = factories.StrategicLocationFactory(buurt=world.buurt, name="Bibliotheek")
    visitors = sociable(world.buurt, 12)
    for person in visitors:
        visits(person, library)
    befriend(resident(world.buurt), visitors[0])
    analyse(world)

    (row,) = [r for r in network(api, world.wijk)["reach"] if r["name"] == "Bibliotheek"]

    assert row["direct"] == 12
    assert row["within_two"] is None
