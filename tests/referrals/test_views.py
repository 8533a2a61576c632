"""The pages: the resident's code, referring by code, the loop on the detail page."""

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.referrals import selectors
from gezondewijk.referrals.models import Referral
from tests.conftest import World
from tests.referrals.factories import coach, gp

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_gp_refers_by_the_residents_code_and_nothing_else(world: World) -> None:
    doctor, receiver = gp(world), coach(world)
    code = selectors.code_of(user=world.resident).code
    home = _client(world.resident).get(reverse("referrals:home")).content.decode()
    assert code in home
    client = _client(doctor)
    unknown = client.get(reverse("referrals:refer") + "?code=XXXX2345").content.decode()
    assert "Geen inwoner met deze verwijscode" in unknown
    form = client.get(reverse("referrals:refer") + f"?code={code}").content.decode()
    assert str(receiver) in form
    refused = client.post(
        reverse("referrals:refer"), {"code": code, "reason": "eenzaamheid", "coach": receiver.pk}
    )
    assert refused.status_code == 200  # consent missing
    assert not Referral.objects.exists()
    sent = client.post(
        reverse("referrals:refer"),
        {"code": code, "reason": "eenzaamheid", "coach": receiver.pk, "resident_consented": "on"},
    )
    referral = Referral.objects.get()
    assert sent["Location"] == reverse("referrals:detail", args=[referral.pk])
    assert (referral.resident, referral.coach, referral.referrer) == (
        world.resident,
        receiver,
        doctor,
    )


def test_opening_a_new_referral_marks_it_received_for_the_coach(world: World) -> None:
    doctor, receiver = gp(world), coach(world)
    code = selectors.code_of(user=world.resident).code
    _client(doctor).post(
        reverse("referrals:refer"),
        {"code": code, "reason": "bewegen", "coach": receiver.pk, "resident_consented": "on"},
    )
    referral = Referral.objects.get()
    _client(doctor).get(reverse("referrals:detail", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == "verzonden"
    page = _client(receiver).get(reverse("referrals:detail", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == "ontvangen"
    assert "Stap vastleggen" in page.content.decode()
