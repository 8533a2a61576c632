"""Initiatives in the residents' network: ties, suggestions and reach in the influence score."""

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.initiatives import engine, network_links
from gezondewijk.initiatives.models import Initiative, Membership
from gezondewijk.network import runs, selectors, services
from gezondewijk.network.models import NetworkRun, TargetType
from gezondewijk.people.models import User
from tests.conftest import World
from tests.network.factories import befriend, resident

pytestmark = pytest.mark.django_db


def an_initiative(world: World, name: str = "Samen wandelen") -> Initiative:
    initiative = Initiative.objects.create(
        name=name, description="", lead=world.resident, status="actief"
    )
    initiative.wijken.add(world.wijk)
    return initiative


def members_of(initiative: Initiative, world: World, n: int) -> list[User]:
    """`n` new residents of the world's buurt who take part in `initiative`."""
    members = [resident(world.buurt) for _ in range(n)]
    for member in members:
        Membership.objects.create(initiative=initiative, user=member, role="deelnemer")
    return members


def test_a_resident_ties_themselves_to_an_initiative(world: World) -> None:
    initiative = an_initiative(world)
    tie = services.tie_create(
        owner=world.resident,
        target_type=TargetType.INITIATIVE,
        details=services.TieDetails(kind="initiatief"),
        initiative_id=initiative.pk,
    )
    assert selectors.tie_label(tie, selectors.initiative_labels([tie])) == "Samen wandelen"


def test_members_count_as_ties_and_give_the_initiative_network_reach(
    world: World, settings: object
) -> None:
    settings.PRIVACY_MIN_CELL_SIZE = 2  # type: ignore[attr-defined]
    initiative = an_initiative(world)
    members = members_of(initiative, world, 2)
    for member in members:
        befriend(member, resident(world.buurt))

    runs.network_run_execute(run_id=NetworkRun.objects.create(region=world.region).pk)

    assert network_links.network_reach([initiative.pk]) == {initiative.pk: 4.0}
    parts = {p.key: p for p in engine.influence_of([initiative.pk])[initiative.pk].parts}
    assert parts["network_reach"].value == 4.0


def test_reach_below_the_privacy_threshold_is_not_counted(world: World) -> None:
    initiative = an_initiative(world)
    member = resident(world.buurt)
    Membership.objects.create(initiative=initiative, user=member, role="deelnemer")
    runs.network_run_execute(run_id=NetworkRun.objects.create(region=world.region).pk)
    assert network_links.network_reach([initiative.pk]) == {}


def test_reach_that_would_single_out_the_residents_two_steps_away_is_not_counted(
    world: World, settings: object
) -> None:
    settings.PRIVACY_MIN_CELL_SIZE = 2  # type: ignore[attr-defined]
    initiative = an_initiative(world)
    members = members_of(initiative, world, 2)
    befriend(members[0], resident(world.buurt))  # one resident two steps away: 3 minus 2

    runs.network_run_execute(run_id=NetworkRun.objects.create(region=world.region).pk)

    assert network_links.network_reach([initiative.pk]) == {}


def test_mijn_wijk_suggests_what_people_in_the_network_take_part_in(world: World) -> None:
    initiative = an_initiative(world, "Buurtmoestuin")
    friend = resident(world.buurt)
    Membership.objects.create(initiative=initiative, user=friend, role="deelnemer")
    befriend(world.resident, friend)
    ties = list(selectors.ties_of(owner=world.resident))
    suggested = selectors.suggestions_for(owner=world.resident, ties=ties)
    assert [s.title for s in suggested] == ["Buurtmoestuin"]
    assert str(friend) not in suggested[0].reason  # counted, never named
    client = Client()
    client.force_login(world.resident)
    page = client.get(reverse("network:mijn_wijk")).content.decode()
    assert reverse("initiatives:detail", args=[initiative.pk]) in page
