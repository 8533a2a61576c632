"""Who may do what where: scopes contain what lies inside them, and nothing else."""

import pytest

from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.permissions.roles import Role
from gezondewijk.places.access import wijken_in_scope
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_coordinator_manages_locations_in_own_wijk_only(world: World) -> None:
    own = factories.StrategicLocationFactory(buurt=world.buurt)
    elsewhere = factories.StrategicLocationFactory(buurt=world.other_buurt)

    assert policy.allows(world.coordinator, Permission.MANAGE_LOCATIONS, world.wijk)
    assert policy.allows(world.coordinator, Permission.MANAGE_LOCATIONS, own)
    assert not policy.allows(world.coordinator, Permission.MANAGE_LOCATIONS, world.other_wijk)
    assert not policy.allows(world.coordinator, Permission.MANAGE_LOCATIONS, elsewhere)


def test_a_wijk_scope_does_not_cover_its_whole_gemeente(world: World) -> None:
    assert not policy.allows(world.coordinator, Permission.MANAGE_LOCATIONS, world.gemeente)


@pytest.mark.parametrize("scope_name", ["region", "gemeente"])
def test_a_wider_scope_covers_every_wijk_inside_it(world: World, scope_name: str) -> None:
    coordinator = factories.user_with_role(Role.COORDINATOR, getattr(world, scope_name))

    assert policy.allows(coordinator, Permission.MANAGE_LOCATIONS, world.wijk)
    assert policy.allows(coordinator, Permission.MANAGE_LOCATIONS, world.other_buurt)
    assert set(wijken_in_scope(coordinator, Permission.MANAGE_LOCATIONS)) == {
        world.wijk,
        world.other_wijk,
    }


def test_a_region_scope_does_not_reach_another_region(world: World) -> None:
    elsewhere = factories.WijkFactory()  # in a gemeente of a new region
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)

    assert policy.allows(admin, Permission.MANAGE_LOCATIONS, world.wijk)
    assert not policy.allows(admin, Permission.MANAGE_LOCATIONS, elsewhere)


def test_roles_without_the_permission_are_refused_even_inside_their_scope(world: World) -> None:
    for role in (Role.RESIDENT, Role.PROFESSIONAL, Role.FUNDER, Role.RESEARCHER):
        user = factories.user_with_role(role, world.region)
        assert not policy.allows(user, Permission.MANAGE_LOCATIONS, world.wijk), role
        assert not wijken_in_scope(user, Permission.MANAGE_LOCATIONS).exists(), role


def test_key_figures_are_for_staff_roles_not_residents(world: World) -> None:
    researcher = factories.user_with_role(Role.RESEARCHER, world.region)

    assert policy.allows(researcher, Permission.VIEW_KEY_FIGURES)
    assert not policy.allows(world.resident, Permission.VIEW_KEY_FIGURES)


def test_an_inactive_account_may_do_nothing(world: World) -> None:
    world.coordinator.is_active = False
    world.coordinator.save()

    assert not policy.allows(world.coordinator, Permission.VIEW_AREAS)


def test_every_permission_has_a_rule() -> None:
    assert set(policy.RULES) == set(Permission)
