"""Building the demo region: every registered builder, in order, in one transaction.

Two demos share the builders: the real city (gemeente Utrecht from the data pack in
data/utrecht, through the real CBS, boundary and GGD importers; `gezondewijk demo`) and the
fictional region of three gemeenten drawn as rectangles (`gezondewijk demo --fictional`).
Residents, organisations, initiatives, activities, referrals and money are invented in both.
"""

from __future__ import annotations

from django.db import transaction
from rich.progress import Progress

from gezondewijk.demo import registry
from gezondewijk.demo.accounts import DEMO_EMAIL_DOMAIN
from gezondewijk.demo.builders.places import build_places
from gezondewijk.demo.builders.utrecht import build_utrecht_places
from gezondewijk.demo.models import DemoBuild, DemoKind
from gezondewijk.demo.registry import DemoContext
from gezondewijk.people.models import User
from gezondewijk.places.models import Gemeente, Region
from gezondewijk.planner_statistics import refresh_planner_statistics

DEFAULT_RESIDENTS = 5_000
DEFAULT_SEED = 2026


class DemoDatabaseNotEmpty(Exception):
    """The database already holds places or demo accounts; a demo would clash with them."""


def build_demo_places(ctx: DemoContext) -> None:
    """The fictional region's places, or Utrecht's from the data pack."""
    if ctx.fictional:
        build_places(ctx)
    else:
        build_utrecht_places(ctx)


def database_is_empty() -> bool:
    """No region, no gemeente, no demo account: nothing a demo build could clash with.

    Gemeenten count too, because areas imported from CBS may exist without a region, and a
    demo region beside real data would mislead everyone who looks at it.
    """
    return not (
        Region.objects.exists()
        or Gemeente.objects.exists()
        or User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").exists()
    )


def demo_build(
    *,
    residents: int = DEFAULT_RESIDENTS,
    seed: int = DEFAULT_SEED,
    if_empty: bool = False,
    progress: Progress | None = None,
    fictional: bool = True,
) -> DemoContext | None:
    """Build the demo region; None when `if_empty` and the database already holds data.

    `fictional` (default True, so the many tests built on the small fictional region stay as
    they are) builds the three invented gemeenten; False builds gemeente Utrecht from the data
    pack, which is what the `demo` command does unless given --fictional.
    All or nothing: a failing builder leaves the database as it was.
    """
    if residents < 0:
        raise ValueError("residents must be 0 or more")
    with transaction.atomic():
        if not database_is_empty():
            if if_empty:
                return None
            raise DemoDatabaseNotEmpty("database is not empty; use a fresh database")
        ctx = DemoContext(seed=seed, residents=residents, progress=progress, fictional=fictional)
        for builder in registry.builders():
            ctx.reseed(builder.name)
            builder.build(ctx)
        kind = DemoKind.FICTIONAL if fictional else DemoKind.UTRECHT
        DemoBuild.objects.create(kind=kind, seed=seed, residents=residents)
    refresh_planner_statistics()
    return ctx
