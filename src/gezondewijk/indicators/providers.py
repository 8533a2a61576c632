"""The figure-provider registry: how apps above indicators hand it their counts.

indicators sits low and imports no feature app. An app that knows figures per area (network:
isolated residents per buurt; checks: answers per dimension; initiatives: counts) registers a
provider in its `hooks.py`:

    hooks.register(providers.FIGURE_PROVIDERS, providers.FigureProvider(
        source="network", resident_based=True, figures=isolation_figures))

`figures()` returns a Polars frame with the columns of FIGURE_SCHEMA: counts per area code
(usually buurt; a published parent figure may come with its wijk or gemeente code) and period.
Indicator definitions then name the source and its figures as numerator and denominator.
"""

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from gezondewijk import hooks

FIGURE_SCHEMA: dict[str, type[pl.DataType]] = {
    "area_code": pl.String,
    "period": pl.Int64,
    "figure": pl.String,
    "value": pl.Float64,
}


@dataclass(frozen=True)
class FigureProvider:
    source: str
    figures: Callable[[], pl.DataFrame]
    # True when the figures count residents on the platform: their values are suppressed
    # below k. Public statistics (CBS) are not.
    resident_based: bool = True


# One provider per `source`: registering it again replaces it.
FIGURE_PROVIDERS: hooks.Hook[FigureProvider] = hooks.Hook(
    "indicators.figure_providers", key=lambda provider: provider.source
)


def registered() -> list[FigureProvider]:
    """Every registered provider, by source."""
    return sorted(hooks.registered(FIGURE_PROVIDERS), key=lambda p: p.source)


def empty_figures() -> pl.DataFrame:
    return pl.DataFrame(schema=FIGURE_SCHEMA)


def collect(provider: FigureProvider) -> pl.DataFrame:
    """The provider's figures in FIGURE_SCHEMA with a `source` column."""
    frame = provider.figures()
    if frame.is_empty():
        frame = empty_figures()
    return frame.select(
        [pl.col(name).cast(dtype) for name, dtype in FIGURE_SCHEMA.items()]
    ).with_columns(pl.lit(provider.source).alias("source"))
