"""Student assignments: posted by organisations, students assigned by the hogeschool, work
moving on to a deliverable, with transitions that make sense."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from gezondewijk.people.models import OrganisationType
from gezondewijk.permissions.roles import Role
from gezondewijk.pioneers import assignments
from gezondewijk.pioneers.models import StudentAssignment
from tests import factories
from tests.conftest import World


@pytest.fixture
def hogeschool(world: World) -> object:
    return factories.OrganisationFactory(
        gemeente=world.gemeente, type=OrganisationType.HOGESCHOOL, name="Hogeschool Test"
    )


@pytest.fixture
def researcher(world: World) -> object:
    return factories.user_with_role(Role.RESEARCHER, world.region)


def _post(world: World) -> StudentAssignment:
    return assignments.assignment_post(
        actor=world.coordinator,
        organisation=factories.OrganisationFactory(gemeente=world.gemeente),
        title="Waarom komen ouderen niet naar het buurthuis?",
        description="Interview tien ouderen en de buurthuismedewerkers.",
        obstacle="kwetsbare_groepen",
    )


def test_an_assignment_goes_from_open_to_closed(
    world: World, hogeschool: object, researcher: object
) -> None:
    assignment = _post(world)
    assert assignment.status == "open"
    assignments.assignment_assign(
        actor=researcher, assignment=assignment, hogeschool=hogeschool, students="Sam, Noor"
    )
    assignments.assignment_progress(actor=researcher, assignment=assignment, status="lopend")
    with pytest.raises(ValidationError) as caught:
        assignments.assignment_progress(
            actor=researcher, assignment=assignment, status="opgeleverd"
        )
    assert "deliverable_summary" in caught.value.message_dict
    assignments.assignment_progress(
        actor=researcher,
        assignment=assignment,
        status="opgeleverd",
        deliverable_summary="Rapport met vijf aanbevelingen.",
    )
    assignments.assignment_progress(actor=researcher, assignment=assignment, status="afgerond")
    assignment.refresh_from_db()
    assert (assignment.status, assignment.students) == ("afgerond", "Sam, Noor")


def test_a_status_cannot_be_skipped(world: World, researcher: object) -> None:
    assignment = _post(world)
    with pytest.raises(ValidationError) as caught:
        assignments.assignment_progress(actor=researcher, assignment=assignment, status="afgerond")
    assert "status" in caught.value.message_dict


def test_only_a_hogeschool_gets_students(world: World, researcher: object) -> None:
    welzijn = factories.OrganisationFactory(gemeente=world.gemeente)
    with pytest.raises(ValidationError) as caught:
        assignments.assignment_assign(
            actor=researcher, assignment=_post(world), hogeschool=welzijn, students="Sam"
        )
    assert "hogeschool" in caught.value.message_dict


def test_a_coordinator_posts_but_does_not_assign(world: World, hogeschool: object) -> None:
    with pytest.raises(PermissionDenied):
        assignments.assignment_assign(
            actor=world.coordinator, assignment=_post(world), hogeschool=hogeschool, students="x"
        )
    with pytest.raises(PermissionDenied):
        _post(World(**{**world.__dict__, "coordinator": world.resident}))


def test_the_list_filters_by_obstacle(world: World) -> None:
    _post(world)
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("pioneers:assignment_list")
    assert "buurthuis" in client.get(url, {"obstacle": "kwetsbare_groepen"}).text
    assert "buurthuis" not in client.get(url, {"obstacle": "financiering"}).text


def test_a_bad_post_on_the_page_names_the_field(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    response = client.post(reverse("pioneers:assignment_list"), {"title": "Zonder vraag"})
    assert response.status_code == 200
    assert {"organisation", "description", "obstacle"} <= set(response.context["form"].errors)
    assert not StudentAssignment.objects.exists()
