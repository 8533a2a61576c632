"""The figure-provider registry: how apps above indicators hand it their counts.

indicators sits low and imports no feature app. An app that knows figures per area (network:
isolated residents per buurt; checks: answers per dimension; initiatives: counts) registers a
provider in its AppConfig.ready():

    from gezondewijk.indicators import providers
    providers.register(providers.FigureProvider(
        source="network", resident_based=True, figures=isolation_figures))

`figures()` returns a Polars frame with the columns of FIGURE_SCHEMA: counts per area code
(usually buurt; a published parent figure may come with its wijk or gemeente code) and period.
Indicator definitions then name the source and its figures as numerator and denominator.
"""

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

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


_providers: dict[str, FigureProvider] = {}


def register(provider: FigureProvider) -> None:
    """Add (or replace, so a second ready() call is harmless) the provider of `source`."""
    _providers[provider.source] = provider


def registered() -> list[FigureProvider]:
    return sorted(_providers.values(), key=lambda p: p.source)


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
