"""The demo registry: each app adds its own demo data without the demo app knowing its name.

An app registers a builder in its `hooks.py`:

    hooks.register(registry.BUILDERS, registry.DemoBuilder("network", build_network))

Builders run in ascending `order` (then by name) inside one transaction. Before each builder
the context's `rng` and `faker` are re-seeded from (seed, builder name), so adding a builder
never changes what the others produce, and the same seed always gives the same data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from faker import Faker

from gezondewijk import hooks

if TYPE_CHECKING:
    from django.db.models import Model
    from rich.progress import Progress, TaskID

    from gezondewijk.places.models import Region

# Orders used by the demo app itself; feature apps use ORDER_FEATURES or higher, so their
# builders find the region, organisations, locations and residents already in place.
ORDER_PLACES = 10
ORDER_ORGANISATIONS = 20
ORDER_RESIDENTS = 30
ORDER_ACCOUNTS = 40
ORDER_FEATURES = 100

FAKER_LOCALE = "nl_NL"
BULK_BATCH = 5_000
M = TypeVar("M", bound="Model")


@dataclass
class DemoContext:
    """What every builder gets: the seed, seeded randomness, the region so far, and counts."""

    seed: int
    residents: int  # the number of resident accounts asked for with --residents
    # The fictional region (True) or the real city from the data pack, whose area figures are
    # real and must not be invented (False).
    fictional: bool = True
    progress: Progress | None = None
    region: Region | None = None
    # What was built, per kind ("wijken": 10); printed as the command's summary.
    counts: dict[str, int] = field(default_factory=dict)
    rng: random.Random = field(default_factory=random.Random)
    faker: Faker = field(default_factory=lambda: Faker(FAKER_LOCALE))

    def reseed(self, stream: str) -> None:
        """Seed rng and faker for one builder. String seeds hash with SHA-512, so they are
        stable across processes (unlike hash()) and independent per stream."""
        self.rng = random.Random(f"{self.seed}/{stream}")
        self.faker.seed_instance(f"{self.seed}/{stream}/faker")

    def count(self, kind: str, n: int) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n

    def bulk(
        self, model: type[M], rows: list[M], *, task: TaskID | None = None, batch: int = BULK_BATCH
    ) -> list[M]:
        """Write `rows` in batches (one INSERT each, keys set on both databases) and move
        the progress bar's `task` on as they go; the created rows, in order."""
        created: list[M] = []
        manager: Any = model._default_manager
        for start in range(0, len(rows), batch):
            created += manager.bulk_create(rows[start : start + batch])
            if self.progress is not None and task is not None:
                self.progress.advance(task, min(batch, len(rows) - start))
        return created

    def require_region(self) -> Region:
        if self.region is None:
            raise RuntimeError("the places builder must run before this builder")
        return self.region


Builder = Callable[[DemoContext], None]


@dataclass(frozen=True)
class DemoBuilder:
    name: str
    build: Builder
    order: int = ORDER_FEATURES


# One builder per `name`: registering it again replaces it.
BUILDERS: hooks.Hook[DemoBuilder] = hooks.Hook("demo.builders", key=lambda builder: builder.name)


def builders() -> list[DemoBuilder]:
    """Every registered builder in the order they run."""
    return sorted(hooks.registered(BUILDERS), key=lambda b: (b.order, b.name))
