"""Export and erase: the resident's referrals are theirs; professionals' names come off."""

import pytest

from gezondewijk.privacy import services
from gezondewijk.referrals import selectors
from gezondewijk.referrals.models import Referral, ReferralCode, ReferralEvent
from tests.conftest import World
from tests.referrals.factories import coach, gp, referral

pytestmark = pytest.mark.django_db


def test_export_holds_the_residents_referrals_with_their_history(world: World) -> None:
    r = referral(world)
    code = selectors.code_of(user=world.resident).code
    section = services.personal_data_export(user=world.resident)["sections"]["referrals"]
    assert section["referral_code"] == code
    assert section["referrals"][0]["reason"] == r.reason
    assert section["referrals"][0]["history"][0]["value"] == "verzonden"


def test_erasing_the_resident_removes_their_referrals(world: World) -> None:
    r = referral(world)
    selectors.code_of(user=world.resident)
    services.personal_data_erase(user=world.resident)
    assert not Referral.objects.filter(pk=r.pk).exists()
    assert not ReferralEvent.objects.exists()
    assert not ReferralCode.objects.exists()


def test_erasing_a_professional_keeps_the_referral_without_their_name(world: World) -> None:
    doctor, receiver = gp(world), coach(world)
    r = referral(world, referrer=doctor, to=receiver)
    services.personal_data_erase(user=doctor)
    services.personal_data_erase(user=receiver)
    r.refresh_from_db()
    assert (r.referrer_id, r.coach_id) == (None, None)
    assert r.events.get().by_id is None
