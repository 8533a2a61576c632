"""Recording ties: each kind of target, mutual confirmation, and clear refusals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gezondewijk.network import services
from gezondewijk.network.models import MAX_TIES_PER_RESIDENT, TargetType, Tie
from tests import factories
from tests.conftest import World
from tests.network.factories import befriend, resident

pytestmark = pytest.mark.django_db

DETAILS = services.TieDetails(kind="buur", strength=3, supports=frozenset({"practical_help"}))


def code_of(user: object) -> str:
    return services.network_profile_get(user=user).connect_code  # type: ignore[arg-type]


def test_a_tie_to_another_resident_waits_for_their_confirmation(world: World) -> None:
    ans = resident(world.buurt)

    tie = services.tie_create(
        owner=world.resident,
        target_type=TargetType.RESIDENT,
        details=DETAILS,
        connect_code=code_of(ans),
    )

    assert tie.resident == ans
    assert tie.confirmed_at is None
    assert tie.practical_help
    assert not tie.company


def test_confirming_makes_the_tie_mutual_on_both_sides(world: World) -> None:
    ans = resident(world.buurt)
    asked = services.tie_create(
        owner=world.resident,
        target_type=TargetType.RESIDENT,
        details=DETAILS,
        connect_code=code_of(ans),
    )

    own = services.tie_confirm(user=ans, tie=asked)

    asked.refresh_from_db()
    assert own.owner == ans
    assert own.resident == world.resident
    assert asked.confirmed_at is not None
    assert own.confirmed_at is not None


def test_only_the_resident_a_tie_points_at_can_confirm_it(world: World) -> None:
    ans, piet = resident(world.buurt), resident(world.buurt)
    asked = services.tie_create(
        owner=world.resident,
        target_type=TargetType.RESIDENT,
        details=DETAILS,
        connect_code=code_of(ans),
    )
    with pytest.raises(PermissionDenied):
        services.tie_confirm(user=piet, tie=asked)


def test_removing_a_tie_ends_the_mutual_state_of_the_other_side(world: World) -> None:
    ans = resident(world.buurt)
    befriend(world.resident, ans)
    mine = Tie.objects.get(owner=world.resident, resident=ans)

    services.tie_delete(owner=world.resident, tie=mine)

    theirs = Tie.objects.get(owner=ans, resident=world.resident)
    assert theirs.confirmed_at is None


def test_ties_to_places_organisations_and_contacts(world: World) -> None:
    location = factories.StrategicLocationFactory(buurt=world.buurt)
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    owner = world.resident

    services.tie_create(
        owner=owner, target_type=TargetType.LOCATION, details=DETAILS, location_id=location.pk
    )
    services.tie_create(
        owner=owner,
        target_type=TargetType.ORGANISATION,
        details=DETAILS,
        organisation_id=organisation.pk,
    )
    services.tie_create(
        owner=owner, target_type=TargetType.CONTACT, details=DETAILS, contact_label="buurvrouw Ans"
    )

    assert set(Tie.objects.filter(owner=owner).values_list("target_type", flat=True)) == {
        TargetType.LOCATION,
        TargetType.ORGANISATION,
        TargetType.CONTACT,
    }


@pytest.mark.parametrize(
    ("target", "field"),
    [
        ({"target_type": TargetType.RESIDENT, "connect_code": "ZZZZZZZZ"}, "connect_code"),
        ({"target_type": TargetType.RESIDENT, "connect_code": ""}, "connect_code"),
        ({"target_type": TargetType.ORGANISATION, "organisation_id": 999_999}, "organisation"),
        ({"target_type": TargetType.LOCATION, "location_id": 999_999}, "location"),
        ({"target_type": TargetType.CONTACT, "contact_label": "  "}, "contact_label"),
        ({"target_type": TargetType.INITIATIVE, "initiative_id": 1}, "initiative"),
    ],
)
def test_an_unknown_target_is_refused_naming_the_field(
    world: World, target: dict, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.tie_create(owner=world.resident, details=DETAILS, **target)
    assert field in refused.value.message_dict
    assert not Tie.objects.exists()


def test_a_tie_to_oneself_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="yourself"):
        services.tie_create(
            owner=world.resident,
            target_type=TargetType.RESIDENT,
            details=DETAILS,
            connect_code=code_of(world.resident),
        )


def test_a_duplicate_tie_is_refused_and_the_first_kept(world: World) -> None:
    location = factories.StrategicLocationFactory(buurt=world.buurt)
    services.tie_create(
        owner=world.resident,
        target_type=TargetType.LOCATION,
        details=DETAILS,
        location_id=location.pk,
    )
    with pytest.raises(ValidationError, match="already in your network"):
        services.tie_create(
            owner=world.resident,
            target_type=TargetType.LOCATION,
            details=DETAILS,
            location_id=location.pk,
        )
    assert Tie.objects.filter(owner=world.resident).count() == 1


def test_a_network_has_a_sensible_maximum(world: World) -> None:
    Tie.objects.bulk_create(
        Tie(
            owner=world.resident,
            target_type=TargetType.CONTACT,
            contact_label=f"contact {i}",
            kind="kennis",
        )
        for i in range(MAX_TIES_PER_RESIDENT)
    )
    with pytest.raises(ValidationError, match=str(MAX_TIES_PER_RESIDENT)):
        services.tie_create(
            owner=world.resident,
            target_type=TargetType.CONTACT,
            details=DETAILS,
            contact_label="one too many",
        )


def test_unknown_kind_of_support_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="support"):
        services.tie_create(
            owner=world.resident,
            target_type=TargetType.CONTACT,
            details=services.TieDetails(supports=frozenset({"money"})),
            contact_label="oom",
        )


def test_only_residents_keep_a_network(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.tie_create(
            owner=world.coordinator,
            target_type=TargetType.CONTACT,
            details=DETAILS,
            contact_label="iemand",
        )
