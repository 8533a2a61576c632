"""What initiatives give the cycle: energy inputs per wijk, scaled to 0..1."""

from typing import Any

from gezondewijk.initiatives import providers
from gezondewijk.initiatives.models import Membership
from tests import factories
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory, believer


def test_believers_count_where_they_live_but_only_from_k_on(world: World, settings: Any) -> None:
    settings.PRIVACY_MIN_CELL_SIZE = 3
    for _ in range(3):
        believer(factories.ResidentProfileFactory(buurt=world.buurt).user, "groen", "bewegen")
    believer(factories.ResidentProfileFactory(buurt=world.other_buurt).user)
    values = providers.believers([world.wijk.pk, world.other_wijk.pk])
    # Three believers reach k = 3; the one in the other wijk is too few to count.
    assert values == {world.wijk.pk: 3 / 30}


def test_professionals_count_when_they_believe_or_take_part(world: World) -> None:
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    organisation.wijken.add(world.wijk)
    idle = factories.ProfessionalProfileFactory(organisation=organisation).user
    member = factories.ProfessionalProfileFactory(organisation=organisation).user
    believing = factories.ProfessionalProfileFactory(organisation=organisation).user
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    Membership.objects.create(initiative=initiative, user=member, role="vrijwilliger")
    believer(believing)
    assert idle.pk  # serves the wijk but does nothing: does not count
    assert providers.engaged_professionals([world.wijk.pk]) == {world.wijk.pk: 2 / 3}


def test_growth_counts_new_initiatives_of_the_last_year(world: World) -> None:
    InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    InitiativeFactory(lead=world.resident, wijken=[world.wijk], status="gestopt")
    assert providers.initiative_growth([world.wijk.pk]) == {world.wijk.pk: 1 / 3}
