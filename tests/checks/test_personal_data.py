"""A resident's answers take part in export (JSON with a FHIR Bundle) and erase."""

from fhir.resources.R4B.bundle import Bundle

from gezondewijk.checks.models import PanelInvitation, Response, ResponseValue
from gezondewijk.privacy import services as privacy_services
from gezondewijk.privacy.models import Purpose
from tests.checks.factories import health_check, panel_survey, resident
from tests.conftest import World


def test_export_holds_the_answers_and_a_valid_fhir_bundle(world: World) -> None:
    health_check(world.resident, 5)
    section = privacy_services.personal_data_export(user=world.resident)["sections"]["checks"]
    assert section["responses"][0]["figures"]["zingeving"] == 5.0
    bundle = Bundle.model_validate(section["fhir_bundle"])
    assert len(bundle.entry) == 1


def test_erase_removes_answers_scores_and_invitations(world: World) -> None:
    member = resident(world.buurt, Purpose.PANEL)
    survey = panel_survey(world.wijk)
    from gezondewijk.checks import services

    services.panel_survey_open(actor=survey.created_by, survey=survey)
    services.panel_invite(actor=survey.created_by, survey=survey)
    health_check(member, 5)
    health_check(world.resident, 6)
    privacy_services.personal_data_erase(user=member)
    assert not Response.objects.filter(user_id=member.pk).exists()
    assert not PanelInvitation.objects.filter(user_id=member.pk).exists()
    assert ResponseValue.objects.count() == 6  # the other resident's six scores remain
