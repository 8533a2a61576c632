"""The fictional demo region, built once for this module: what it holds and how it nests.

The region is built in a transaction that is rolled back after the module; every test runs
in a savepoint of its own inside it. The tests of building itself (seeds, refusals, failing
builders) are in test_demo_region.py, each on an empty database.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import CommandError
from django.db import transaction
from django.db.models import Count, F, Sum
from django.test import Client, override_settings

from gezondewijk.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_EMAIL_DOMAIN,
    DEMO_PASSWORD,
    FEATURE_LOGINS,
)
from gezondewijk.demo.figures import AGE_GROUPS, COUNT_FIELDS
from gezondewijk.demo.geometry import bbox_of
from gezondewijk.people.models import (
    Organisation,
    OrganisationType,
    ProfessionalProfile,
    ResidentProfile,
    RoleGrant,
    User,
)
from gezondewijk.permissions.roles import Role
from gezondewijk.places import codes
from gezondewijk.places.access import wijken_for_roles
from gezondewijk.places.models import Buurt, Gemeente, Region, StrategicLocation, Wijk
from tests.demo.test_demo_region import RESIDENTS, demo, inside, row_counts
from tests.planner import planner_row_estimate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _built_once(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    # Building the region takes seconds: build it once for the module, inside a transaction
    # that is rolled back after the module's last test. Each test runs in a savepoint of its
    # own within it (pytest-django's `db`), so no test sees another's changes.
    # The settings conftest gives each test come too late for a module's fixture: the
    # accounts get the fast password hash, and files and cache stay out of var/.
    own = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    )
    with own, django_db_blocker.unblock(), transaction.atomic():
        yield demo("--residents", str(RESIDENTS))
        transaction.set_rollback(True)


@pytest.fixture
def built(_built_once: str, db: None) -> str:
    return _built_once


def test_builds_a_region_with_the_promised_parts(built: str) -> None:
    assert Region.objects.count() == 1
    # Statistics for the planner right away, not when autovacuum first comes round.
    assert planner_row_estimate(User._meta.db_table) == User.objects.count()
    assert Gemeente.objects.count() == 3
    assert Wijk.objects.count() == 10
    assert Buurt.objects.count() == 40
    assert 50 <= Organisation.objects.count() <= 70
    assert 70 <= StrategicLocation.objects.count() <= 90
    assert set(Organisation.objects.values_list("type", flat=True)) >= {
        OrganisationType.HUISARTSENPRAKTIJK,
        OrganisationType.WELZIJN,
        OrganisationType.GGD,
        OrganisationType.GEMEENTE,
        OrganisationType.WONINGCORPORATIE,
        OrganisationType.ZORGVERZEKERAAR,
        OrganisationType.BIBLIOTHEEK,
        OrganisationType.RELIGIEUS,
        OrganisationType.SPORTVERENIGING,
    }
    assert User.objects.filter(email__regex=r"^inwoner\d+@").count() == RESIDENTS
    for line in ("regions: 1", "gemeenten: 3", "wijken: 10", "buurten: 40"):
        assert line in built
    assert f"residents: {RESIDENTS}" in built


def test_codes_are_fictional_cbs_codes_that_nest(built: str) -> None:
    for gemeente in Gemeente.objects.all():
        assert codes.level_of(gemeente.code) is codes.Level.GEMEENTE
        assert gemeente.code.startswith("GM98")  # real codes stay below GM2000
    for wijk in Wijk.objects.select_related("gemeente"):
        assert codes.level_of(wijk.code) is codes.Level.WIJK
        assert codes.parent_code(wijk.code) == wijk.gemeente.code
    for buurt in Buurt.objects.select_related("wijk"):
        assert codes.level_of(buurt.code) is codes.Level.BUURT
        assert codes.parent_code(buurt.code) == buurt.wijk.code


@pytest.mark.parametrize(
    ("children", "parents", "link"), [(Buurt, Wijk, "wijk"), (Wijk, Gemeente, "gemeente")]
)
def test_counts_of_the_parts_add_up_to_the_whole(
    built: str, children: Any, parents: Any, link: str
) -> None:
    sums = {
        row[link]: row
        for row in children.objects.values(link).annotate(
            **{f"sum_{name}": Sum(name) for name in COUNT_FIELDS}
        )
    }
    for parent in parents.objects.all():
        for name in COUNT_FIELDS:
            assert sums[parent.pk][f"sum_{name}"] == getattr(parent, name), (parent, name)


def test_key_figures_are_plausible(built: str) -> None:
    for area in [*Gemeente.objects.all(), *Wijk.objects.all(), *Buurt.objects.all()]:
        assert area.figures_year == 2024
        assert area.men + area.women == area.inhabitants
        assert sum(getattr(area, group) for group in AGE_GROUPS) == area.inhabitants
        assert area.single_person_households + area.households_with_children <= area.households
        assert 1.5 <= area.average_household_size <= 3
        assert 0 < area.low_income_households_pct < 30
        assert area.urbanity in {1, 2, 3, 4, 5}
        assert area.area_land_ha + area.area_water_ha == area.area_total_ha


def test_buurten_lie_in_their_wijk_and_locations_in_their_buurt(built: str) -> None:
    for buurt in Buurt.objects.select_related("wijk__gemeente"):
        assert inside(bbox_of(buurt.boundary), bbox_of(buurt.wijk.boundary))
        assert inside(bbox_of(buurt.wijk.boundary), bbox_of(buurt.wijk.gemeente.boundary))
        box = bbox_of(buurt.boundary)
        assert 52.0 < box.south < box.north < 53.0
        assert 6.0 < box.west < box.east < 7.0
    for location in StrategicLocation.objects.select_related("buurt"):
        box = bbox_of(location.buurt.boundary)
        assert box.south < location.latitude < box.north, location
        assert box.west < location.longitude < box.east, location
        assert location.address


def test_residents_are_spread_by_inhabitants_and_hold_the_resident_role(built: str) -> None:
    demo_residents = ResidentProfile.objects.filter(user__email__regex=r"^inwoner\d+@")
    per_buurt = dict(demo_residents.values_list("buurt").annotate(n=Count("id")))
    total = Buurt.objects.aggregate(total=Sum("inhabitants"))["total"]
    for buurt in Buurt.objects.all():
        expected = RESIDENTS * buurt.inhabitants / total
        assert abs(per_buurt.get(buurt.pk, 0) - expected) <= 1
    mismatched = RoleGrant.objects.filter(
        role=Role.RESIDENT, user__resident_profile__isnull=False
    ).exclude(wijk=F("user__resident_profile__buurt__wijk"))
    assert not mismatched.exists()
    assert not User.objects.filter(email__regex=r"^inwoner\d+@").first().has_usable_password()


def test_every_demo_account_logs_in_and_holds_its_role(built: str) -> None:
    for account in DEMO_ACCOUNTS:
        assert Client().login(username=account.email, password=account.password), account
        grant = RoleGrant.objects.get(user__email=account.email, role=account.role)
        assert getattr(grant, account.scope) is not None, account
    for label, email in FEATURE_LOGINS:  # made by the feature apps' builders
        assert Client().login(username=email, password=DEMO_PASSWORD), label


def test_region_coordinator_sees_every_wijk_and_wijk_coordinator_one(built: str) -> None:
    region_wide = User.objects.get(email=f"coordinator@{DEMO_EMAIL_DOMAIN}")
    one_wijk = User.objects.get(email=f"wijkcoordinator@{DEMO_EMAIL_DOMAIN}")

    assert wijken_for_roles(region_wide, {Role.COORDINATOR}).count() == 10
    assert wijken_for_roles(one_wijk, {Role.COORDINATOR}).count() == 1


def test_demo_resident_and_gp_have_their_profiles(built: str) -> None:
    resident = ResidentProfile.objects.get(user__email=f"inwoner@{DEMO_EMAIL_DOMAIN}")
    gp = ProfessionalProfile.objects.get(user__email=f"professional@{DEMO_EMAIL_DOMAIN}")

    assert gp.organisation.type == OrganisationType.HUISARTSENPRAKTIJK
    assert gp.organisation.wijken.filter(pk=resident.buurt.wijk_id).exists()


def test_if_empty_on_a_filled_database_changes_nothing(built: str) -> None:
    before = row_counts()

    output = demo("--if-empty", "--residents", "10")

    assert "already there" in output
    assert row_counts() == before


def test_without_if_empty_a_filled_database_is_refused(built: str) -> None:
    before = row_counts()

    with pytest.raises(CommandError, match="not empty"):
        demo("--residents", "10")

    assert row_counts() == before
