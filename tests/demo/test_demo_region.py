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

from gezondewijk import hooks
from gezondewijk.demo import registry
from gezondewijk.demo.accounts import (
    DEMO_ACCOUNTS,
    FEATURE_LOGINS,
)
from gezondewijk.demo.builders.places import MAX_PARTICIPATION, plan_region
from gezondewijk.demo.engine import demo_build
from gezondewijk.demo.figures import COUNT_FIELDS
from gezondewijk.demo.geometry import Box
from gezondewijk.people.models import (
    Organisation,
    ResidentProfile,
    RoleGrant,
    User,
)
from gezondewijk.places.models import Buurt, Gemeente, Region, StrategicLocation, Wijk

pytestmark = pytest.mark.django_db

RESIDENTS = 300


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", "--fictional", *args, "--verbosity", "0", stdout=out, stderr=StringIO())
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = (Region, Gemeente, Wijk, Buurt, StrategicLocation, Organisation, User, RoleGrant)
    return {m.__name__: m.objects.count() for m in models}


def inside(inner: Box, outer: Box) -> bool:
    return (
        outer.west <= inner.west <= inner.east <= outer.east
        and outer.south <= inner.south <= inner.north <= outer.north
    )


def test_more_residents_than_inhabitants_grows_the_region() -> None:
    plan = plan_region(random.Random(1), residents=1_000_000)

    inhabitants = sum(g.figures["inhabitants"] for g in plan)
    assert inhabitants >= 1_000_000 / MAX_PARTICIPATION
    assert [len(g.wijken) for g in plan] == [4, 3, 3]


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
