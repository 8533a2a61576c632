"""`gezondewijk import_fhir`: questionnaires and a resident's responses from a file."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gezondewijk.checks import defaults, services
from gezondewijk.checks.models import Questionnaire, Response
from tests.checks.factories import health_check_answers
from tests.conftest import World


def _write(tmp_path: Path, document: object) -> str:
    path = tmp_path / "fhir.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_a_questionnaire_file_becomes_a_new_version(world: World, tmp_path: Path) -> None:
    resource = {**defaults.health_check(), "version": "7"}
    out = StringIO()
    call_command("import_fhir", _write(tmp_path, resource), stdout=out)
    assert Questionnaire.objects.get().version == "7"
    assert "imported" in out.getvalue()


def test_stu3_responses_are_imported_for_the_named_resident(world: World, tmp_path: Path) -> None:
    questionnaire = services.health_check_ensure()
    stu3 = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": {"reference": questionnaire.canonical},
        "status": "completed",
        "item": [
            {"linkId": k, "answer": [{"valueInteger": v}]}
            for k, v in health_check_answers(3).items()
        ],
    }
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": stu3}]}
    call_command(
        "import_fhir",
        _write(tmp_path, bundle),
        "--resident",
        world.resident.email,
        stdout=StringIO(),
    )
    assert Response.objects.get(user=world.resident).source == "cli"


def test_a_bad_file_names_the_path_and_changes_nothing(world: World, tmp_path: Path) -> None:
    services.health_check_ensure()
    bad = {"resourceType": "QuestionnaireResponse", "status": "completed", "item": "x"}
    with pytest.raises(CommandError, match=r"QuestionnaireResponse\.item"):
        call_command("import_fhir", _write(tmp_path, bad), "--resident", world.resident.email)
    assert not Response.objects.exists()
