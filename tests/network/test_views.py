"""The "mijn wijk" page and the coordinator's wijk network page."""

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.network import runs
from gezondewijk.network.models import NetworkRun, Tie
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.conftest import World
from tests.network.factories import befriend, resident

pytestmark = pytest.mark.django_db


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_resident_adds_a_contact_and_sees_it_in_list_and_picture(world: World) -> None:
    client = logged_in(world.resident)
    response = client.post(
        reverse("network:mijn_wijk"),
        {
            "target_type": "contact",
            "contact_label": "buurvrouw Ans",
            "kind": "buur",
            "strength": "3",
            "frequency": "wekelijks",
            "supports": ["practical_help", "company"],
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("network:mijn_wijk")).content.decode()
    assert "buurvrouw Ans" in page
    assert '"label": "buurvrouw Ans"' in page  # in the picture's data too
    tie = Tie.objects.get(owner=world.resident)
    assert tie.practical_help
    assert tie.company
    assert not tie.information


def test_bad_input_is_shown_on_the_form_and_nothing_is_stored(world: World) -> None:
    response = logged_in(world.resident).post(
        reverse("network:mijn_wijk"),
        {
            "target_type": "inwoner",
            "connect_code": "NOPE1234",
            "kind": "vriend",
            "strength": "2",
            "frequency": "wekelijks",
        },
    )
    assert response.status_code == 400
    assert "No resident has this connect code" in response.content.decode()
    assert not Tie.objects.exists()


def test_a_resident_confirms_a_request_from_another_resident(world: World) -> None:
    ans = resident(world.buurt)
    from gezondewijk.network import services

    services.tie_create(
        owner=ans,
        target_type="inwoner",
        details=services.TieDetails(),
        connect_code=services.network_profile_get(user=world.resident).connect_code,
    )
    request = Tie.objects.get(owner=ans)
    client = logged_in(world.resident)
    assert str(ans) in client.get(reverse("network:mijn_wijk")).content.decode()

    client.post(reverse("network:tie_answer", args=[request.pk]), {"answer": "confirm"})

    request.refresh_from_db()
    assert request.confirmed_at is not None
    assert Tie.objects.filter(owner=world.resident, resident=ans).exists()


def test_another_resident_cannot_see_change_or_remove_my_ties(world: World) -> None:
    mine = Tie.objects.create(
        owner=world.resident, target_type="contact", contact_label="oom Kees", kind="familie"
    )
    other = logged_in(resident(world.buurt))
    assert "oom Kees" not in other.get(reverse("network:mijn_wijk")).content.decode()
    assert other.get(reverse("network:tie_edit", args=[mine.pk])).status_code == 404
    assert other.post(reverse("network:tie_delete", args=[mine.pk])).status_code == 404
    assert Tie.objects.filter(pk=mine.pk).exists()


def test_no_other_role_reads_a_residents_ties(world: World) -> None:
    Tie.objects.create(
        owner=world.resident, target_type="contact", contact_label="oom Kees", kind="familie"
    )
    for role in Role:
        if role == Role.RESIDENT:
            continue
        client = logged_in(factories.user_with_role(role, world.region))
        assert client.get(reverse("network:mijn_wijk")).status_code == 403, role
        assert client.get("/api/v1/network/ties").status_code == 403, role


def test_the_coordinator_sees_communities_and_small_cells_are_suppressed(
    world: World, settings: object
) -> None:
    settings.PRIVACY_MIN_CELL_SIZE = 4  # type: ignore[attr-defined]
    big = [resident(world.buurt) for _ in range(5)]
    small = [resident(world.buurt) for _ in range(2)]
    for group in (big, small):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                befriend(a, b)
    runs.network_run_execute(run_id=NetworkRun.objects.create(region=world.region).pk)

    page = logged_in(world.coordinator).get(reverse("network:wijk_network", args=[world.wijk.code]))

    text = page.content.decode()
    assert page.status_code == 200
    assert '"residents": 5' in text  # the big group, in the picture's data
    assert '"residents": 2' not in text  # the small group is not shown
    assert "1 group with fewer than 4 residents is not shown" in text


def test_a_coordinator_of_another_wijk_gets_not_found(world: World) -> None:
    elsewhere = factories.user_with_role(Role.COORDINATOR, world.other_wijk)
    url = reverse("network:wijk_network", args=[world.wijk.code])
    assert logged_in(elsewhere).get(url).status_code == 404
    assert logged_in(world.coordinator).get(url).status_code == 200


def test_the_wijk_page_links_to_its_network_for_those_who_may_see_it(world: World) -> None:
    url = reverse("places:wijk_detail", args=[world.wijk.code])
    network = reverse("network:wijk_network", args=[world.wijk.code])
    assert network in logged_in(world.coordinator).get(url).content.decode()
    assert network not in logged_in(world.resident).get(url).content.decode()
