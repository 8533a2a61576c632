"""A region administrator chooses the gemeenten of their region in the product's pages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Gemeente
from gezondewijk.regionsetup import selectors, services
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(world: World) -> Client:
    client = Client()
    client.force_login(factories.user_with_role(Role.REGION_ADMIN, world.region))
    return client


def _url(world: World) -> str:
    return reverse("regionsetup:gemeenten", args=[world.region.slug])


def test_search_finds_gemeenten_by_name_or_code(world: World) -> None:
    factories.GemeenteFactory(code="GM0344", name="Utrecht", region=None)
    factories.GemeenteFactory(code="GM0363", name="Amsterdam", region=None)

    assert [g.code for g in selectors.gemeenten_search(query="utr")] == ["GM0344"]
    assert [g.code for g in selectors.gemeenten_search(query="gm036")] == ["GM0363"]
    assert {g.code for g in selectors.gemeenten_search(query="")} >= {"GM0344", "GM0363"}


def test_region_admin_adds_a_gemeente_found_by_its_code(world: World, admin: Client) -> None:
    factories.GemeenteFactory(code="GM0344", name="Utrecht", region=None)

    page = admin.get(_url(world), {"q": "GM0344"})
    assert page.status_code == 200
    assert 'name="add" value="GM0344"' in page.content.decode()

    added = admin.post(_url(world), {"add": "GM0344", "q": "GM0344"})

    assert added.status_code == 302
    assert Gemeente.objects.get(code="GM0344").region == world.region
    shown = admin.get(added["Location"]).content.decode()
    assert "Utrecht" in shown
    assert "in deze regio" in shown


def test_region_admin_takes_a_gemeente_out(world: World, admin: Client) -> None:
    response = admin.post(_url(world), {"remove": world.gemeente.code})

    assert response.status_code == 302
    world.gemeente.refresh_from_db()
    assert world.gemeente.region is None
    assert world.gemeente.wijken.count() == 2  # its areas stay in the platform


def test_a_gemeente_of_another_region_is_refused_and_stays_there(
    world: World, admin: Client
) -> None:
    elsewhere = factories.RegionFactory(name="Regio Elders", slug="regio-elders")
    factories.GemeenteFactory(code="GM0363", name="Amsterdam", region=elsewhere)

    response = admin.post(_url(world), {"add": "GM0363"})

    assert response.status_code == 400
    assert "hoort al bij regio Regio Elders" in response.content.decode()
    assert Gemeente.objects.get(code="GM0363").region == elsewhere
    # The search shows it as taken, without a button to add it.
    listed = admin.get(_url(world), {"q": "Amsterdam"}).content.decode()
    assert "in een andere regio" in listed
    assert 'value="GM0363"' not in listed


def test_an_unknown_code_is_refused_with_its_code(world: World) -> None:
    admin = factories.user_with_role(Role.REGION_ADMIN, world.region)
    with translation.override("en"), pytest.raises(ValidationError, match="GM9999"):
        services.gemeente_add(user=admin, region=world.region, code="GM9999")


def test_only_the_regions_own_administrator_changes_its_gemeenten(world: World) -> None:
    factories.GemeenteFactory(code="GM0344", name="Utrecht", region=None)
    other = factories.user_with_role(Role.REGION_ADMIN, factories.RegionFactory())
    with pytest.raises(PermissionDenied):
        services.gemeente_add(user=other, region=world.region, code="GM0344")
    with pytest.raises(PermissionDenied):
        services.gemeente_add(user=world.coordinator, region=world.region, code="GM0344")
    assert Gemeente.objects.get(code="GM0344").region is None


def test_the_index_leads_to_the_one_region(world: World, admin: Client) -> None:
    response = admin.get(reverse("regionsetup:index"))
    assert response["Location"] == reverse("regionsetup:region", args=[world.region.slug])
