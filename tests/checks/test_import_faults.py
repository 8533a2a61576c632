"""The FHIR QuestionnaireResponse import interrupted part-way changes nothing; a re-run
completes."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from gezondewijk.checks import services
from gezondewijk.checks.models import Response, ResponseValue
from tests.checks.factories import health_check_answers
from tests.conftest import World
from tests.import_faults import Interrupted, breaks_after, database_state

pytestmark = pytest.mark.django_db


def _bundle(tmp_path: Path, responses: int) -> str:
    questionnaire = services.health_check_ensure()
    entry = [
        {
            "resource": {
                "resourceType": "QuestionnaireResponse",
                "questionnaire": questionnaire.canonical,
                "status": "completed",
                "authored": f"2025-0{1 + i % 9}-01T10:00:00+00:00",
                "item": [
                    {"linkId": k, "answer": [{"valueInteger": v}]}
                    for k, v in health_check_answers(3 + i % 5).items()
                ],
            }
        }
        for i in range(responses)
    ]
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entry}))
    return str(path)


def test_an_error_after_the_responses_are_written_leaves_the_database_as_it_was(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _bundle(tmp_path, 12)
    before = database_state()
    monkeypatch.setattr(services, "IMPORT_BATCH", 1)  # many batches, so it breaks mid-file
    monkeypatch.setattr(services, "_values_insert", breaks_after(0, services._values_insert))

    with pytest.raises(Interrupted):
        call_command("import_fhir", path, "--resident", world.resident.email, stdout=StringIO())

    assert database_state() == before
    monkeypatch.undo()
    call_command("import_fhir", path, "--resident", world.resident.email, stdout=StringIO())
    assert Response.objects.filter(user=world.resident).count() == 12
    assert ResponseValue.objects.filter(response__user=world.resident).exists()
