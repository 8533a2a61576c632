"""Factories for initiatives: an initiative with a theme, a wijk, a lead and an idea status."""

from datetime import date
from typing import Any

import factory
from factory.django import DjangoModelFactory

from gezondewijk.initiatives.models import (
    Activity,
    Belief,
    Initiative,
    MemberRole,
    Membership,
    Status,
    Theme,
)
from tests import factories


def theme(slug: str = "bewegen") -> Theme:
    """One of the default themes (seeded by the data migration)."""
    return Theme.objects.get(slug=slug)


class InitiativeFactory(DjangoModelFactory[Initiative]):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Initiatief {n}")
    description = "Samen wandelen in de buurt."
    lead = factory.SubFactory(factories.UserFactory)
    status = Status.ACTIEF

    @factory.post_generation
    def wijken(obj: Initiative, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            obj.wijken.set(extracted)

    @factory.post_generation
    def themes(obj: Initiative, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.themes.set(extracted or [theme()])

    @factory.post_generation
    def lead_membership(obj: Initiative, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and obj.lead_id:
            Membership.objects.get_or_create(
                initiative=obj, user_id=obj.lead_id, defaults={"role": MemberRole.INITIATIEFNEMER}
            )


class ActivityFactory(DjangoModelFactory[Activity]):
    class Meta:
        model = Activity

    initiative = factory.SubFactory(InitiativeFactory)
    title = "Wandeling"
    date = factory.LazyFunction(date.today)
    participants = 12


def believer(user: Any, *slugs: str) -> None:
    for slug in slugs or ("bewegen",):
        Belief.objects.get_or_create(user=user, theme=theme(slug))
