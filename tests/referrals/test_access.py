"""Only the resident, the referrer and the receiving coach read a referral; reads are logged."""

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.permissions.roles import Role
from gezondewijk.privacy.models import AccessLog
from gezondewijk.referrals import access, selectors
from tests import factories
from tests.conftest import World
from tests.referrals.factories import coach, gp, referral

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_resident_referrer_and_coach_read_the_referral(world: World) -> None:
    doctor, receiver = gp(world), coach(world)
    r = referral(world, referrer=doctor, to=receiver)
    for user in (world.resident, doctor, receiver):
        assert access.may_read(user, r)
        assert _client(user).get(reverse("referrals:detail", args=[r.pk])).status_code == 200
        assert _client(user).get(f"/api/v1/referrals/{r.pk}").status_code == 200


@pytest.mark.parametrize("who", ["another GP", "a coordinator", "another coach", "a superuser"])
def test_nobody_else_can_read_a_referral(world: World, who: str) -> None:
    r = referral(world)
    other = {
        "another GP": lambda: gp(world),
        "a coordinator": lambda: world.coordinator,
        "another coach": lambda: coach(world),
        "a superuser": lambda: factories.UserFactory(is_superuser=True, is_staff=True),
    }[who]()
    client = _client(other)
    assert not access.may_read(other, r)
    assert client.get(reverse("referrals:detail", args=[r.pk])).status_code == 404
    assert client.get(f"/api/v1/referrals/{r.pk}").status_code == 404
    assert client.get(f"/api/v1/referrals/{r.pk}/fhir/ServiceRequest").status_code == 404
    assert client.get(f"/api/v1/referrals/{r.pk}/fhir/Task").status_code == 404
    listed = client.get("/api/v1/referrals")
    assert listed.status_code in (200, 403)
    if listed.status_code == 200:
        assert r.pk not in [x["id"] for x in listed.json()]
    # Nor can they move it on.
    response = client.post(reverse("referrals:advance", args=[r.pk]), {"status": "intake"})
    assert response.status_code == 404
    r.refresh_from_db()
    assert r.status == "verzonden"


def test_a_coordinator_of_the_wijk_does_not_see_referrals_on_their_pages(world: World) -> None:
    r = referral(world)
    page = _client(world.coordinator).get(reverse("referrals:figures"))
    assert page.status_code == 200
    assert str(world.resident) not in page.content.decode()
    assert selectors.referral_for(user=world.coordinator, pk=r.pk) is None


def test_reads_by_the_professionals_are_logged_for_the_resident(world: World) -> None:
    doctor, receiver = gp(world), coach(world)
    r = referral(world, referrer=doctor, to=receiver)
    _client(doctor).get(reverse("referrals:detail", args=[r.pk]))
    _client(receiver).get(f"/api/v1/referrals/{r.pk}")
    _client(world.resident).get(reverse("referrals:detail", args=[r.pk]))
    logged = AccessLog.objects.filter(subject=world.resident, resource=f"referral {r.pk}")
    assert set(logged.values_list("actor_id", flat=True)) == {doctor.pk, receiver.pk}


def test_only_referring_professions_may_refer(world: World) -> None:
    assert access.may_refer(gp(world))
    assert not access.may_refer(coach(world))
    plain = factories.user_with_role(Role.PROFESSIONAL, world.gemeente)
    assert not access.may_refer(plain)
    assert _client(plain).get(reverse("referrals:refer")).status_code == 403
