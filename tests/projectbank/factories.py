"""Factories for the project bank: interventions with their tags, playbooks and experiences."""

from typing import Any

import factory
from factory.django import DjangoModelFactory

from gezondewijk.people.models import OrganisationType
from gezondewijk.projectbank import search
from gezondewijk.projectbank.models import (
    ExperienceReport,
    Intervention,
    InterventionSetting,
    InterventionTheme,
    Playbook,
    PlaybookStep,
)
from tests.factories import OrganisationFactory


class InterventionFactory(DjangoModelFactory[Intervention]):
    class Meta:
        model = Intervention
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Interventie {n}")
    summary = "Een korte beschrijving van de aanpak."

    @factory.post_generation
    def themes(obj: Intervention, create: bool, extracted: Any, **kwargs: Any) -> None:
        for theme in extracted or ["meedoen"]:
            InterventionTheme.objects.create(intervention=obj, theme=theme)

    @factory.post_generation
    def settings(obj: Intervention, create: bool, extracted: Any, **kwargs: Any) -> None:
        for setting in extracted or []:
            InterventionSetting.objects.create(intervention=obj, setting=setting)

    @factory.post_generation
    def indexed(obj: Intervention, create: bool, extracted: Any, **kwargs: Any) -> None:
        search.index_interventions([obj])


class PlaybookFactory(DjangoModelFactory[Playbook]):
    class Meta:
        model = Playbook

    intervention = factory.SubFactory(InterventionFactory)
    introduction = "Zo pak je het aan."


class StepFactory(DjangoModelFactory[PlaybookStep]):
    class Meta:
        model = PlaybookStep

    playbook = factory.SubFactory(PlaybookFactory)
    position = factory.Sequence(lambda n: n + 1)
    phase = "voorbereiding"
    title = factory.Sequence(lambda n: f"Stap {n}")
    duration_weeks = 2


class ExperienceFactory(DjangoModelFactory[ExperienceReport]):
    class Meta:
        model = ExperienceReport

    intervention = factory.SubFactory(InterventionFactory)
    wijk_type = "stedelijk"
    target_group = "ouderen"
    what_worked = "De koffie in het buurthuis."
    rating = 4


def health_centre(**kwargs: Any) -> Any:
    return OrganisationFactory(type=OrganisationType.GEZONDHEIDSCENTRUM, **kwargs)
