"""The region administrator edits the cycle's steps and the themes in the admin."""

from django.test import Client
from django.urls import reverse

from gezondewijk.cycle.models import Step
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.conftest import World


def test_the_region_administrator_renames_a_step(world: World) -> None:
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region, is_staff=True)
    client = Client()
    client.force_login(admin)
    step = Step.objects.get(key="kiezen")
    assert client.get(reverse("admin:cycle_step_changelist")).status_code == 200
    response = client.post(
        reverse("admin:cycle_step_change", args=[step.pk]),
        {
            "key": "kiezen",
            "name": "Kiezen en plannen",
            "order": step.order,
            "focus": "",
            "min_energy": 30,
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.name, step.min_energy) == ("Kiezen en plannen", 30)
    assert client.get(reverse("admin:initiatives_theme_changelist")).status_code == 200


def test_a_coordinator_cannot_edit_steps(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    response = client.get(reverse("admin:cycle_step_changelist"))
    assert response.status_code == 302  # to the admin's log-in
