"""Factories for the pioneers' network."""

from typing import Any

import factory
from factory.django import DjangoModelFactory

from gezondewijk.people.models import User
from gezondewijk.permissions.roles import Role
from gezondewijk.pioneers.models import GroupMember, IntervisionGroup
from tests import factories
from tests.factories import RegionFactory


class GroupFactory(DjangoModelFactory[IntervisionGroup]):
    class Meta:
        model = IntervisionGroup

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Pioniers {n}")


def coordinator_in(group: IntervisionGroup, scope: Any) -> User:
    user = factories.user_with_role(Role.COORDINATOR, scope)
    GroupMember.objects.create(group=group, user=user)
    return user
