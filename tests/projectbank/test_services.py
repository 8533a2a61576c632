"""Writing to the project bank: who may, what is checked, and that nothing half-written stays."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gezondewijk.permissions.api_auth import Caller
from gezondewijk.permissions.roles import Role
from gezondewijk.projectbank import services
from gezondewijk.projectbank.models import Endorsement, Intervention, Material, PlaybookStep
from gezondewijk.projectbank.selectors import Filters, interventions_search
from tests import factories
from tests.conftest import World
from tests.projectbank.factories import (
    InterventionFactory,
    PlaybookFactory,
    StepFactory,
    health_centre,
)


@pytest.fixture
def professional(world: World) -> Caller:
    user = factories.user_with_role(Role.PROFESSIONAL, world.gemeente)
    factories.ProfessionalProfileFactory(
        user=user, organisation=health_centre(gemeente=world.gemeente, name="GC De Linde")
    )
    return Caller(user=user)


def _create(actor: Caller, **overrides: object) -> Intervention:
    values: dict[str, object] = {
        "title": "Buurtsportcoach op school",
        "summary": "Een buurtsportcoach laat kinderen elke dag bewegen.",
        "themes": ["bewegen", "opgroeien"],
        "settings": ["school"],
        "recognition": "goed_onderbouwd",
        "evidence": [{"title": "Onderzoek", "url": "https://example.org/onderzoek"}],
    }
    values.update(overrides)
    return services.intervention_create(actor=actor, **values)  # type: ignore[arg-type]


def test_a_professional_adds_an_intervention_owned_by_their_organisation(
    professional: Caller,
) -> None:
    intervention = _create(professional)
    assert intervention.owner_organisation is not None
    assert intervention.owner_organisation.name == "GC De Linde"
    assert sorted(t.theme for t in intervention.themes.all()) == ["bewegen", "opgroeien"]
    assert intervention.evidence_links.get().url == "https://example.org/onderzoek"
    # It is findable at once by a Dutch word form.
    assert list(interventions_search(filters=Filters(query="beweging"))) == [intervention]


def test_a_resident_may_not_add_an_intervention(world: World) -> None:
    with pytest.raises(PermissionDenied):
        _create(Caller(user=world.resident))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"themes": []}, "themes"),
        ({"themes": ["astrologie"]}, "themes"),
        ({"recognition": "heel_goed"}, "recognition"),
        ({"evidence": [{"title": "Kapot", "url": "geen link"}]}, "evidence[0].url"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(
    professional: Caller, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        _create(professional, **overrides)
    assert field in caught.value.message_dict
    assert not Intervention.objects.exists()


def test_an_edit_updates_the_search_index(professional: Caller) -> None:
    intervention = _create(professional)
    services.intervention_update(
        actor=professional, intervention=intervention, title="Gezonde traktaties"
    )
    assert list(interventions_search(filters=Filters(query="traktaties"))) == [intervention]
    assert list(interventions_search(filters=Filters(query="buurtsportcoach"))) == [intervention]


def test_a_professional_selects_for_their_own_health_centre_only(
    professional: Caller, world: World
) -> None:
    intervention = InterventionFactory()
    own = professional.user.professional_profile.organisation
    services.intervention_endorse(actor=professional, intervention=intervention, organisation=own)
    services.intervention_endorse(actor=professional, intervention=intervention, organisation=own)
    assert Endorsement.objects.filter(intervention=intervention).count() == 1
    other = health_centre(gemeente=world.gemeente, name="GC Overkant")
    with pytest.raises(ValidationError) as caught:
        services.intervention_endorse(
            actor=professional, intervention=intervention, organisation=other
        )
    assert "organisation" in caught.value.message_dict


def test_only_health_centres_and_gp_practices_select(world: World) -> None:
    coordinator = Caller(user=world.coordinator)
    welzijn = factories.OrganisationFactory(gemeente=world.gemeente)
    with pytest.raises(ValidationError):
        services.intervention_endorse(
            actor=coordinator, intervention=InterventionFactory(), organisation=welzijn
        )


def test_steps_stay_numbered_when_inserted_moved_and_deleted(world: World) -> None:
    actor = Caller(user=world.coordinator)
    playbook = PlaybookFactory()
    for title in ("Partners zoeken", "Aftrap", "Evalueren"):
        services.playbook_step_add(
            actor=actor, playbook=playbook, phase="start", title=title, duration_weeks=2
        )
    services.playbook_step_add(
        actor=actor,
        playbook=playbook,
        phase="voorbereiding",
        title="Wijk verkennen",
        duration_weeks=3,
        position=1,
    )

    def order() -> list[str]:
        return list(PlaybookStep.objects.filter(playbook=playbook).values_list("title", flat=True))

    assert order() == ["Wijk verkennen", "Partners zoeken", "Aftrap", "Evalueren"]
    services.playbook_step_move(actor=actor, step=playbook.steps.get(title="Evalueren"), position=2)
    assert order() == ["Wijk verkennen", "Evalueren", "Partners zoeken", "Aftrap"]
    services.playbook_step_delete(actor=actor, step=playbook.steps.get(title="Evalueren"))
    assert order() == ["Wijk verkennen", "Partners zoeken", "Aftrap"]
    assert list(playbook.steps.values_list("position", flat=True)) == [1, 2, 3]


def test_a_budget_line_cannot_be_negative(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.budget_line_add(
            actor=Caller(user=world.coordinator),
            playbook=PlaybookFactory(),
            category="materiaal",
            description="Ballen",
            amount=Decimal("-5"),
        )
    assert "amount" in caught.value.message_dict


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "not accepted"),
        ("handleiding.pdf", b"<html>dit is geen pdf</html>", "does not match"),
        ("leeg.txt", b"", "empty"),
        ("tekst.txt", b"\xff\xfe\x00\x00" * 2000, "UTF-8"),
    ],
)
def test_a_material_of_the_wrong_kind_is_refused(
    world: World, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.material_upload(
            actor=Caller(user=world.coordinator),
            playbook=PlaybookFactory(),
            title="Bijlage",
            upload=SimpleUploadedFile(name, content),
        )
    assert message in " ".join(caught.value.message_dict["file"])
    assert not Material.objects.exists()


def test_a_material_larger_than_the_limit_is_refused(world: World, settings: object) -> None:
    settings.PROJECTBANK_MAX_MATERIAL_MB = 1  # type: ignore[attr-defined]
    big = SimpleUploadedFile("groot.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        services.material_upload(
            actor=Caller(user=world.coordinator),
            playbook=PlaybookFactory(),
            title="Groot",
            upload=big,
        )


def test_a_good_material_is_stored_with_its_checksum(world: World) -> None:
    step = StepFactory()
    material = services.material_upload(
        actor=Caller(user=world.coordinator),
        playbook=step.playbook,
        title="Uitnodiging",
        upload=SimpleUploadedFile("uitnodiging.pdf", b"%PDF-1.7\nhallo"),
        step=step,
    )
    assert material.size == 14
    assert len(material.sha256) == 64
    assert material.file.read() == b"%PDF-1.7\nhallo"


def test_an_experience_needs_a_rating_from_one_to_five(professional: Caller) -> None:
    intervention = InterventionFactory()
    with pytest.raises(ValidationError) as caught:
        services.experience_report_create(
            actor=professional,
            intervention=intervention,
            wijk_type="stedelijk",
            target_group="ouderen",
            what_worked="Persoonlijk uitnodigen.",
            rating=6,
        )
    assert "rating" in caught.value.message_dict
    report = services.experience_report_create(
        actor=professional,
        intervention=intervention,
        wijk_type="stedelijk",
        target_group="ouderen",
        what_worked="Persoonlijk uitnodigen.",
        rating=5,
    )
    assert report.organisation_name == "GC De Linde"


def test_a_resident_cannot_report_an_experience(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.experience_report_create(
            actor=Caller(user=world.resident),
            intervention=InterventionFactory(),
            wijk_type="dorps",
            target_group="ouderen",
            what_worked="-",
            rating=3,
        )
