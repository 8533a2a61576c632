"""`gezondewijk demo --fictional`: a small, consistent, deterministic invented region with a
log-in per role (the Utrecht demo, the command's default, is in test_utrecht.py)."""

import contextlib
import hashlib
import json
import random
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Sum
from django.test import Client

from gezondewijk import hooks
from gezondewijk.demo import registry
from gezondewijk.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_EMAIL_DOMAIN,
    DEMO_PASSWORD,
    FEATURE_LOGINS,
)
from gezondewijk.demo.builders.places import MAX_PARTICIPATION, plan_region
from gezondewijk.demo.engine import demo_build
from gezondewijk.demo.figures import AGE_GROUPS, COUNT_FIELDS
from gezondewijk.demo.geometry import Box, bbox_of
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
from tests.planner import planner_row_estimate

pytestmark = pytest.mark.django_db

RESIDENTS = 300


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", "--fictional", *args, "--verbosity", "0", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def built() -> str:
    return demo("--residents", str(RESIDENTS))


def row_counts() -> dict[str, int]:
    models = (Region, Gemeente, Wijk, Buurt, StrategicLocation, Organisation, User, RoleGrant)
    return {m.__name__: m.objects.count() for m in models}


def inside(inner: Box, outer: Box) -> bool:
    return (
        outer.west <= inner.west <= inner.east <= outer.east
        and outer.south <= inner.south <= inner.north <= outer.north
    )


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


def test_more_residents_than_inhabitants_grows_the_region() -> None:
    plan = plan_region(random.Random(1), residents=1_000_000)

    inhabitants = sum(g.figures["inhabitants"] for g in plan)
    assert inhabitants >= 1_000_000 / MAX_PARTICIPATION
    assert [len(g.wijken) for g in plan] == [4, 3, 3]


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


def test_a_negative_number_of_residents_is_refused() -> None:
    with pytest.raises(CommandError):
        demo("--residents", "-1")
    assert not Region.objects.exists()


def extra_builder(
    name: str, builder: registry.Builder
) -> contextlib.AbstractContextManager[registry.DemoBuilder]:
    """`builder` registered as `name` for the block; a real builder of that name comes back
    afterwards (dropping it made every later demo in the run lose that app's data)."""
    return hooks.register_temporarily(registry.BUILDERS, registry.DemoBuilder(name, builder))


def test_a_failing_builder_leaves_nothing_behind() -> None:
    def broken(ctx: registry.DemoContext) -> None:
        raise RuntimeError("boom")

    with extra_builder("broken", broken), pytest.raises(RuntimeError):
        demo_build(residents=20)

    assert row_counts() == dict.fromkeys(row_counts(), 0)


def fingerprint() -> str:
    """A digest of everything the demo writes, leaving out keys and salted password hashes."""
    rows: list[Any] = []
    for model, fields in (
        (Region, ("name", "slug")),
        (Gemeente, ("code", "name", "boundary", *COUNT_FIELDS, "urbanity")),
        (Wijk, ("code", "name", "gemeente__code", "boundary", *COUNT_FIELDS)),
        (Buurt, ("code", "name", "wijk__code", "boundary", *COUNT_FIELDS, "urbanity")),
        (StrategicLocation, ("buurt__code", "name", "kind", "address", "latitude", "longitude")),
        (Organisation, ("gemeente__code", "name", "type", "description")),
        (User, ("email", "display_name", "date_joined")),
        (ResidentProfile, ("user__email", "pseudonym", "buurt__code", "birth_year_band")),
        (ResidentProfile, ("user__email", "household_type")),
        (RoleGrant, ("user__email", "role", "region__slug", "gemeente__code", "wijk__code")),
    ):
        rows.append(sorted(map(list, model.objects.values_list(*fields)), key=str))
    links = Organisation.wijken.through.objects.values_list("organisation__name", "wijk__code")
    rows.append(sorted(links))
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()


class _Undo(Exception):
    pass


def fingerprint_of_build(seed: int) -> str:
    """Build in a savepoint, take the fingerprint, and roll the build back."""
    with contextlib.suppress(_Undo), transaction.atomic():
        demo_build(residents=120, seed=seed)
        digest = fingerprint()
        raise _Undo
    assert not Region.objects.exists()
    return digest


def test_the_same_seed_gives_the_same_region_and_another_seed_another() -> None:
    first = fingerprint_of_build(seed=7)

    assert fingerprint_of_build(seed=7) == first
    assert fingerprint_of_build(seed=8) != first


def test_a_builder_from_another_app_runs_last_and_changes_nothing_before_it() -> None:
    plain = fingerprint_of_build(seed=3)
    seen: list[int] = []

    def network(ctx: registry.DemoContext) -> None:
        ctx.rng.random()  # using randomness must not shift the other builders' draws
        seen.append(ctx.counts["residents"])
        ctx.count("ties", 5)

    with extra_builder("network", network):
        assert fingerprint_of_build(seed=3) == plain
    assert seen == [120]


def test_the_summary_names_the_demo_logins() -> None:
    out, err = StringIO(), StringIO()

    call_command("demo", "--residents", "10", stdout=out, stderr=err)

    assert "residents: 10" in out.getvalue()
    for account in DEMO_ACCOUNTS:
        assert account.email in out.getvalue()
    for _label, email in FEATURE_LOGINS:
        assert email in out.getvalue()
