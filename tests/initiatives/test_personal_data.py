"""Export and erase include initiatives: memberships and beliefs go, initiatives stay."""

from gezondewijk.initiatives.models import Belief, Initiative, Membership
from gezondewijk.privacy import services
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory, believer


def test_export_names_memberships_and_beliefs(world: World) -> None:
    initiative = InitiativeFactory(name="Buurtmoestuin", lead=world.resident, wijken=[world.wijk])
    believer(world.resident, "groen")
    section = services.personal_data_export(user=world.resident)["sections"]["initiatives"]
    assert section["initiatives_led"] == [initiative.name]
    assert section["memberships"][0]["role"] == "initiatiefnemer"
    assert section["beliefs"] == ["Groen"]


def test_erase_keeps_the_initiative_without_its_lead(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    Membership.objects.create(initiative=initiative, user=world.coordinator, role="believer")
    believer(world.resident)
    resident_id = world.resident.pk
    services.personal_data_erase(user=world.resident)
    initiative = Initiative.objects.get(pk=initiative.pk)
    assert initiative.lead is None
    assert not Membership.objects.filter(user_id=resident_id).exists()
    assert not Belief.objects.filter(user_id=resident_id).exists()
    assert Membership.objects.filter(user=world.coordinator).exists()
