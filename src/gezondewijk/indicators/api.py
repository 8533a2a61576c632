"""API for indicators: definitions, values (with suppression) and a wijk's benchmark."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from gezondewijk import freshness
from gezondewijk.indicators import selectors
from gezondewijk.indicators.models import Indicator, Level
from gezondewijk.permissions.api_auth import require
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Wijk

router = Router(tags=["indicators"])


class IndicatorOut(Schema):
    code: str
    name: str
    description: str
    source: str
    numerator: str
    denominator: str
    unit: str
    direction: str
    levels: list[str]
    bronze: float | None
    silver: float | None
    gold: float | None
    resident_based: bool


class ValueOut(Schema):
    area_code: str
    level: str
    period: int
    value: float | None
    n: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    basis: str
    bloom: int | None


class BenchmarkOut(Schema):
    indicator: str
    period: int
    value: float | None
    peer_group: str | None
    peers: int | None
    peer_percentile: float | None
    diff_parent: float | None
    sig_parent: bool | None
    diff_region: float | None
    sig_region: bool | None
    trend_per_year: float | None


@router.get("/definitions", response=list[IndicatorOut])
def definitions(request: HttpRequest) -> list[Indicator]:
    require(request, Permission.VIEW_INDICATORS)
    return list(selectors.indicators())


@router.get("/values", response=list[ValueOut])
def values(
    request: HttpRequest, indicator: str, level: Level = Level.WIJK, period: int | None = None
) -> list:
    """Suppressed values come with `suppressed: true` and no value, n or interval."""
    require(request, Permission.VIEW_INDICATORS)
    chosen = get_object_or_404(Indicator, code=indicator, active=True)
    return list(selectors.values(indicator=chosen, level=level, period=period))


@router.get("/wijken/{code}/benchmark", response=list[BenchmarkOut])
def wijk_benchmark(request: HttpRequest, code: str) -> list[dict]:
    wijk = get_object_or_404(Wijk, code=code)
    require(request, Permission.VIEW_INDICATORS, wijk)

    def rows() -> list[dict]:
        fields = BenchmarkOut.model_fields.keys() - {"indicator"}
        return [
            {"indicator": r["indicator"].code, **{f: r[f] for f in fields}}
            for r in selectors.wijk_benchmark(wijk=wijk).rows
        ]

    # The same for every caller who may see the wijk: kept until the data changes.
    return freshness.kept(f"indicators:benchmark:{wijk.pk}", rows)
