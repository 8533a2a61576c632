"""A professional's contributions to the bank appear in their export and stay, nameless,
when they erase their account."""

from gezondewijk.privacy import registry
from gezondewijk.projectbank.models import ExperienceReport
from tests.conftest import World
from tests.projectbank.factories import ExperienceFactory, InterventionFactory


def _provider() -> registry.PersonalDataProvider:
    return next(p for p in registry.providers() if p.name == "projectbank")


def test_export_lists_what_the_person_contributed(world: World) -> None:
    InterventionFactory(title="Buurtkamer", created_by=world.coordinator)
    ExperienceFactory(author=world.coordinator, what_worked="Bewoners runnen de kamer zelf.")
    exported = _provider().export(world.coordinator)
    assert [i["title"] for i in exported["interventions_created"]] == ["Buurtkamer"]
    assert exported["experience_reports"][0]["what_worked"] == "Bewoners runnen de kamer zelf."


def test_erase_keeps_the_knowledge_without_the_person(world: World) -> None:
    report = ExperienceFactory(author=world.coordinator)
    _provider().erase(world.coordinator)
    report.refresh_from_db()
    assert report.author is None
    assert ExperienceReport.objects.count() == 1
