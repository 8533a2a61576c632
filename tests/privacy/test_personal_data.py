"""Export and erase reach every app that stores a person's data; none can forget."""

import pytest
from django.core import checks
from django.db import models

from gezondewijk import hooks
from gezondewijk.people.models import ResidentProfile, RoleGrant, User
from gezondewijk.privacy import registry, selectors, services
from gezondewijk.privacy.checks import personal_data_is_registered
from gezondewijk.privacy.models import AccessLog, Consent, Purpose
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_export_holds_profile_roles_consents_and_who_looked(world: World) -> None:
    services.consent_grant(user=world.resident, purpose=Purpose.NEIGHBOURHOOD_AGGREGATES)
    services.access_log_record(actor=world.coordinator, subject=world.resident, resource="profiel")

    export = services.personal_data_export(user=world.resident)

    people = export["sections"]["people"]
    assert people["account"]["email"] == world.resident.email
    assert people["resident_profile"]["buurt"] == world.buurt.code
    assert [r["role"] for r in people["roles"]] == ["inwoner"]
    privacy = export["sections"]["privacy"]
    assert privacy["consents"][0]["purpose"] == "wijkcijfers"
    assert privacy["accesses_to_my_data"][0]["resource"] == "profiel"


def test_export_never_contains_another_persons_data(world: World) -> None:
    other = factories.ResidentProfileFactory(buurt=world.buurt, pseudonym="buurvrouw")

    text = str(services.personal_data_export(user=world.resident))

    assert other.user.email not in text
    assert "buurvrouw" not in text


def test_erase_removes_the_person_everywhere_and_keeps_others(world: World) -> None:
    services.consent_grant(user=world.resident, purpose=Purpose.PANEL)
    services.access_log_record(actor=world.resident, subject=world.coordinator, resource="x")
    resident_id = world.resident.pk

    services.personal_data_erase(user=world.resident)

    assert not User.objects.filter(pk=resident_id).exists()
    assert not ResidentProfile.objects.filter(user_id=resident_id).exists()
    assert not RoleGrant.objects.filter(user_id=resident_id).exists()
    assert not Consent.objects.filter(user_id=resident_id).exists()
    # What they read of someone else stays on record, without their name.
    assert AccessLog.objects.get(subject=world.coordinator).actor is None
    assert User.objects.filter(pk=world.coordinator.pk).exists()


def test_a_failing_provider_erases_nothing(world: World) -> None:
    def broken(user: object) -> None:
        raise RuntimeError("storage unavailable")

    with (
        hooks.register_temporarily(
            registry.PERSONAL_DATA,
            registry.PersonalDataProvider(name="zz-broken", export=lambda u: {}, erase=broken),
        ),
        pytest.raises(RuntimeError),
    ):
        services.personal_data_erase(user=world.resident)

    assert ResidentProfile.objects.filter(user=world.resident).exists()
    assert RoleGrant.objects.filter(user=world.resident).exists()


def test_every_model_with_personal_data_is_covered_by_a_provider() -> None:
    assert personal_data_is_registered() == []


def test_a_model_that_forgets_to_register_fails_the_system_check() -> None:
    class Diary(models.Model):  # noqa: DJ008
        owner = models.ForeignKey(User, on_delete=models.CASCADE)

        class Meta:
            app_label = "privacy"

    Diary.__module__ = "gezondewijk.privacy.models"
    try:
        errors = personal_data_is_registered()
    finally:
        from django.apps import apps

        del apps.all_models["privacy"]["diary"]
        apps.clear_cache()

    assert [e.id for e in errors] == ["privacy.E001"]
    assert isinstance(errors[0], checks.Error)


def test_consent_is_given_and_withdrawn_per_purpose(world: World) -> None:
    services.consent_grant(user=world.resident, purpose=Purpose.PANEL)
    services.consent_grant(user=world.resident, purpose=Purpose.PANEL)  # twice: still one
    services.consent_grant(user=world.resident, purpose=Purpose.RESEARCH)

    services.consent_withdraw(user=world.resident, purpose=Purpose.PANEL)

    assert not selectors.has_consent(user=world.resident, purpose=Purpose.PANEL)
    assert selectors.has_consent(user=world.resident, purpose=Purpose.RESEARCH)
    # Withdrawing keeps the history.
    assert Consent.objects.filter(user=world.resident, purpose=Purpose.PANEL).count() == 1
