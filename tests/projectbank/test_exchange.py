"""Exchange between regional banks: round trip, validation that names the record and field,
idempotent re-import, provenance kept, and conflicts reported instead of overwritten."""

import copy
import json
from typing import Any

import pytest

from gezondewijk.permissions.api_auth import Caller
from gezondewijk.projectbank import exchange, services
from gezondewijk.projectbank.models import ExperienceReport, Intervention
from gezondewijk.projectbank.selectors import Filters, interventions_search
from tests.conftest import World
from tests.projectbank.factories import (
    ExperienceFactory,
    InterventionFactory,
    StepFactory,
    health_centre,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def noord(settings: Any) -> dict[str, Any]:
    """The export of another bank, 'Projectenbank Noord', made in this database and then
    removed from it, as if it came from elsewhere."""
    settings.PROJECTBANK_NAME = "Projectenbank Noord"
    settings.PROJECTBANK_HOGESCHOOL = "Hanzehogeschool Groningen"
    step = StepFactory(title="Wandelroute uitzetten", phase="voorbereiding")
    intervention = step.playbook.intervention
    intervention.title = "Wandelen voor je gezondheid"
    intervention.save()
    intervention.endorsements.create(organisation_name="Gezondheidscentrum Noorderpark")
    step.playbook.budget_lines.create(category="materiaal", description="Kaarten", amount="40.00")
    ExperienceFactory(intervention=intervention, rating=5, what_worked="Vaste startplek.")
    InterventionFactory(title="Kookclub", themes=["voeding"])
    document = exchange.bank_export()
    Intervention.objects.all().delete()
    settings.PROJECTBANK_NAME = "Projectenbank Zuid"
    settings.PROJECTBANK_HOGESCHOOL = "Fontys"
    return document


def _import(document: dict[str, Any]) -> exchange.ImportResult:
    return exchange.bank_import(json.dumps(document))


def test_the_export_is_the_documented_versioned_format(noord: dict[str, Any]) -> None:
    assert noord["format"] == "gezondewijk-projectbank"
    assert noord["version"] == 2
    assert noord["bank"] == {
        "bank": "Projectenbank Noord",
        "hogeschool": "Hanzehogeschool Groningen",
    }
    walk = next(i for i in noord["interventions"] if i["title"] == "Wandelen voor je gezondheid")
    assert walk["provenance"]["bank"] == "Projectenbank Noord"
    assert walk["playbook"]["steps"][0]["title"] == "Wandelroute uitzetten"
    assert walk["selected_by"] == ["Gezondheidscentrum Noorderpark"]
    assert walk["experiences"][0]["rating"] == 5


def test_a_round_trip_brings_everything_with_its_provenance(noord: dict[str, Any]) -> None:
    result = _import(noord)
    assert (result.created, result.updated, result.conflicts) == (2, 0, [])
    walk = Intervention.objects.get(title="Wandelen voor je gezondheid")
    assert walk.origin_bank == "Projectenbank Noord"
    assert walk.origin_hogeschool == "Hanzehogeschool Groningen"
    assert str(walk.uid) == next(
        i["id"] for i in noord["interventions"] if i["title"] == walk.title
    )
    assert walk.playbook.steps.get().title == "Wandelroute uitzetten"
    assert str(walk.playbook.budget_lines.get().amount) == "40.00"
    assert walk.experiences.get().origin_bank == "Projectenbank Noord"
    assert list(interventions_search(filters=Filters(query="wandeling"))) == [walk]
    # Exported again from here, the record still says where it came from.
    again = exchange.bank_export()
    assert again["bank"]["bank"] == "Projectenbank Zuid"
    assert {i["provenance"]["bank"] for i in again["interventions"]} == {"Projectenbank Noord"}


def test_importing_the_same_file_twice_changes_nothing(noord: dict[str, Any]) -> None:
    _import(noord)
    second = _import(noord)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert second.experiences_added == 0
    assert Intervention.objects.count() == 2
    assert ExperienceReport.objects.count() == 1


def test_a_newer_version_from_the_source_updates_the_copy(noord: dict[str, Any]) -> None:
    _import(noord)
    newer = copy.deepcopy(noord)
    newer["interventions"][0]["summary"] = "Nieuwe samenvatting."
    result = _import(newer)
    assert (result.updated, result.unchanged) == (1, 1)
    assert Intervention.objects.filter(summary="Nieuwe samenvatting.").exists()


def test_a_local_edit_is_reported_as_a_conflict_not_overwritten(
    noord: dict[str, Any], world: World
) -> None:
    _import(noord)
    walk = Intervention.objects.get(title="Wandelen voor je gezondheid")
    services.intervention_update(
        actor=Caller(user=world.coordinator), intervention=walk, target_group="Ouderen in Zuid"
    )
    newer = copy.deepcopy(noord)
    for record in newer["interventions"]:
        record["target_group"] = "Iedereen"
    result = _import(newer)
    assert len(result.conflicts) == 1
    assert "Wandelen voor je gezondheid" in result.conflicts[0]
    walk.refresh_from_db()
    assert walk.target_group == "Ouderen in Zuid"
    assert Intervention.objects.get(title="Kookclub").target_group == "Iedereen"


def test_an_intervention_written_here_is_never_overwritten(noord: dict[str, Any]) -> None:
    mine = InterventionFactory(title="Eigen aanpak")
    foreign = copy.deepcopy(noord)
    foreign["interventions"][0]["id"] = str(mine.uid)
    result = _import(foreign)
    assert any("Eigen aanpak" in c for c in result.conflicts)
    mine.refresh_from_db()
    assert mine.title == "Eigen aanpak"


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda d: d["interventions"][1].update(recognition="zeer goed"), "interventions[1]"),
        (lambda d: d["interventions"][1].update(themes=[]), "themes"),
        (lambda d: d["interventions"][1]["experiences"].append({"id": "x"}), "experiences[1] → id"),
        (lambda d: d["interventions"][1].pop("title"), "title"),
        (lambda d: d.update(version=3), "version"),
    ],
)
def test_a_bad_file_names_the_record_and_field_and_stores_nothing(
    noord: dict[str, Any], damage: Any, expected: str
) -> None:
    document = copy.deepcopy(noord)
    document["interventions"].sort(key=lambda r: r["title"])  # Kookclub, Wandelen
    damage(document)
    with pytest.raises(exchange.ExchangeError) as caught:
        _import(document)
    assert expected in " ".join(caught.value.problems)
    assert not Intervention.objects.exists()


def test_the_message_names_the_record_by_its_title(noord: dict[str, Any]) -> None:
    document = copy.deepcopy(noord)
    document["interventions"].sort(key=lambda r: r["title"])
    document["interventions"][1]["recognition"] = "zeer goed"
    with pytest.raises(exchange.ExchangeError) as caught:
        _import(document)
    assert (
        "interventions[1] “Wandelen voor je gezondheid” → recognition" in caught.value.problems[0]
    )


def test_a_file_that_is_not_json_is_refused_plainly(db: None) -> None:
    with pytest.raises(exchange.ExchangeError, match="not valid JSON"):
        exchange.bank_import(b"\x89PNG")


def test_an_endorsement_by_a_local_health_centre_survives_an_update(
    noord: dict[str, Any], world: World
) -> None:
    _import(noord)
    walk = Intervention.objects.get(title="Wandelen voor je gezondheid")
    centre = health_centre(gemeente=world.gemeente, name="GC Zuid")
    walk.endorsements.create(organisation=centre, organisation_name=centre.name)
    newer = copy.deepcopy(noord)
    for record in newer["interventions"]:
        record["aim"] = "Meer bewegen."
    _import(newer)
    assert set(walk.endorsements.values_list("organisation_name", flat=True)) == {
        "GC Zuid",
        "Gezondheidscentrum Noorderpark",
    }
