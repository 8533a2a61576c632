"""Starting, joining and managing initiatives: who may, what is checked, what is kept."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from gezondewijk.initiatives import access, services
from gezondewijk.initiatives.models import MemberRole, Membership, Status, StatusChange
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory, theme


def _resident(world: World, buurt=None):  # type: ignore[no-untyped-def]
    user = factories.ResidentProfileFactory(buurt=buurt or world.buurt).user
    factories.people_services.role_grant(user=user, role=Role.RESIDENT, scope=world.wijk)
    return user


def test_a_resident_starts_an_initiative_and_becomes_its_initiator(world: World) -> None:
    initiative = services.initiative_create(
        lead=world.resident,
        name="  Wandelgroep Centrum ",
        description="Elke dinsdag wandelen.",
        themes=[theme("bewegen")],
        wijken=[world.wijk],
    )
    assert initiative.name == "Wandelgroep Centrum"
    assert initiative.status == Status.IDEE
    membership = Membership.objects.get(initiative=initiative)
    assert (membership.user, membership.role) == (world.resident, MemberRole.INITIATIEFNEMER)
    assert list(
        StatusChange.objects.filter(initiative=initiative).values_list("to_status", flat=True)
    ) == ["idee"]


def test_a_resident_cannot_start_an_initiative_in_another_wijk(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.initiative_create(
            lead=world.resident,
            name="X",
            description="Y",
            themes=[theme()],
            wijken=[world.other_wijk],
        )


def test_an_initiative_without_themes_is_refused_and_nothing_is_written(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.initiative_create(
            lead=world.resident, name="X", description="Y", themes=[], wijken=[world.wijk]
        )
    assert "themes" in error.value.message_dict
    assert not Membership.objects.exists()


def test_another_resident_joins_once(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    neighbour = _resident(world)
    services.initiative_join(user=neighbour, initiative=initiative, role=MemberRole.BELIEVER)
    with pytest.raises(ValidationError) as error:
        services.initiative_join(user=neighbour, initiative=initiative)
    assert "user" in error.value.message_dict
    assert initiative.memberships.filter(user=neighbour).count() == 1


def test_the_database_holds_one_membership_per_person_and_initiative(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    with pytest.raises(IntegrityError):
        Membership.objects.create(initiative=initiative, user=world.resident, role="deelnemer")


def test_nobody_joins_as_initiator_or_a_stopped_initiative(world: World) -> None:
    neighbour = _resident(world)
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    with pytest.raises(ValidationError):
        services.initiative_join(user=neighbour, initiative=initiative, role="initiatiefnemer")
    stopped = InitiativeFactory(lead=world.resident, wijken=[world.wijk], status=Status.GESTOPT)
    with pytest.raises(ValidationError):
        services.initiative_join(user=neighbour, initiative=stopped)


def test_status_follows_the_allowed_path_and_keeps_its_history(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk], status=Status.IDEE)
    services.initiative_set_status(actor=world.resident, initiative=initiative, status="actief")
    services.initiative_set_status(
        actor=world.coordinator, initiative=initiative, status="geborgd", note="Gemeente betaalt"
    )
    with pytest.raises(ValidationError):
        services.initiative_set_status(actor=world.resident, initiative=initiative, status="idee")
    history = list(initiative.status_changes.values_list("from_status", "to_status", "note"))
    assert history[-2:] == [("idee", "actief", ""), ("actief", "geborgd", "Gemeente betaalt")]


def test_only_the_lead_and_the_wijk_coordinator_manage(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    neighbour = _resident(world)
    other_coordinator = factories.user_with_role(Role.COORDINATOR, world.other_wijk)
    assert access.may_manage(world.resident, initiative)
    assert access.may_manage(world.coordinator, initiative)
    assert not access.may_manage(neighbour, initiative)
    assert not access.may_manage(other_coordinator, initiative)
    with pytest.raises(PermissionDenied):
        services.activity_record(
            actor=other_coordinator,
            initiative=initiative,
            title="X",
            date=date(2026, 1, 1),
            participants=3,
        )


def test_an_activity_with_an_unknown_target_group_names_the_field(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    with pytest.raises(ValidationError) as error:
        services.activity_record(
            actor=world.resident,
            initiative=initiative,
            title="Wandeling",
            date=date(2026, 3, 1),
            participants=8,
            target_groups=["marsmannetjes"],
        )
    assert "target_groups" in error.value.message_dict
    assert not initiative.activities.exists()


def test_beliefs_are_replaced_as_a_whole(world: World) -> None:
    services.beliefs_set(user=world.resident, themes=[theme("bewegen"), theme("groen")])
    kept = services.beliefs_set(user=world.resident, themes=[theme("groen"), theme("voeding")])
    assert sorted(b.theme.slug for b in kept) == ["groen", "voeding"]


def test_a_funder_cannot_mark_beliefs(world: World) -> None:
    funder = factories.user_with_role(Role.FUNDER, world.region)
    with pytest.raises(PermissionDenied):
        services.beliefs_set(user=funder, themes=[theme()])


def test_the_lead_cannot_spread_an_initiative_to_a_wijk_outside_their_scope(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    with pytest.raises(PermissionDenied):
        services.initiative_update(
            actor=world.resident, initiative=initiative, wijken=[world.wijk, world.other_wijk]
        )
    services.initiative_update(actor=world.resident, initiative=initiative, name="Nieuwe naam")
    initiative.refresh_from_db()
    assert initiative.name == "Nieuwe naam"
    assert list(initiative.wijken.all()) == [world.wijk]


def test_the_coordinator_hands_an_initiative_over_to_a_member(world: World) -> None:
    initiative = InitiativeFactory(lead=world.resident, wijken=[world.wijk])
    neighbour = _resident(world)
    with pytest.raises(ValidationError):
        services.initiative_hand_over(
            actor=world.coordinator, initiative=initiative, lead=neighbour
        )
    services.initiative_join(user=neighbour, initiative=initiative)
    services.initiative_hand_over(actor=world.coordinator, initiative=initiative, lead=neighbour)
    initiative.refresh_from_db()
    assert initiative.lead == neighbour
    roles = dict(initiative.memberships.values_list("user_id", "role"))
    assert roles == {neighbour.pk: "initiatiefnemer", world.resident.pk: "vrijwilliger"}
    services.initiative_leave(user=world.resident, initiative=initiative)
    assert not initiative.memberships.filter(user=world.resident).exists()
    with pytest.raises(ValidationError):
        services.initiative_leave(user=neighbour, initiative=initiative)
