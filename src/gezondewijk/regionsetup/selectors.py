"""Reads for the region set-up: which regions a person sets up, the gemeenten to choose
from, and per gemeente of a region what is present and what is missing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min, Q, QuerySet, Value
from django.db.models.functions import Concat, Substr
from django.http import Http404
from django.utils.translation import gettext as _

from gezondewijk.indicators.models import ComputeRun, Figure
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.permissions.roles import Role
from gezondewijk.places.codes import Level
from gezondewijk.places.models import Buurt, Gemeente, KeyFigureSet, Region, Wijk
from gezondewijk.regionsetup.models import ImportRun

SEARCH_LIMIT = 25
RECENT_RUNS = 10


def regions_for(*, user: Any) -> QuerySet[Region]:
    """The regions `user` may set up: those of their region-administrator grants."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Region.objects.all()
    if not policy.allows(user, Permission.SET_UP_REGION):
        return Region.objects.none()
    ids = [
        g.region_id
        for g in policy.grants_of(user)
        if g.role == Role.REGION_ADMIN and g.region_id is not None
    ]
    return Region.objects.filter(pk__in=ids)


def region_for(*, user: Any, slug: str) -> Region:
    """The region to set up, for `user`; someone who sets up another region learns nothing
    about this one (404), anyone else is refused (403)."""
    if not policy.allows(user, Permission.SET_UP_REGION):
        raise PermissionDenied
    region = regions_for(user=user).filter(slug=slug).first()
    if region is None:
        raise Http404
    return region


def gemeenten_search(*, query: str, limit: int = SEARCH_LIMIT) -> list[Gemeente]:
    """Gemeenten the platform knows whose name or CBS code contains `query` (all of them,
    up to `limit`, for an empty query), with the region each belongs to."""
    found = Gemeente.objects.select_related("region").order_by("name", "code")
    query = query.strip()
    if query:
        found = found.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return list(found[:limit])


def recent_runs(*, region: Region) -> list[ImportRun]:
    return list(ImportRun.objects.filter(region=region).defer("content")[:RECENT_RUNS])


def latest_compute_run() -> ComputeRun | None:
    return ComputeRun.objects.order_by("-created_at", "-pk").first()


@dataclass
class Boundaries:
    present: int = 0
    total: int = 0

    @property
    def missing(self) -> int:
        return self.total - self.present


@dataclass
class ExternalSource:
    source: str
    figures: int
    areas: int
    first: int
    last: int


@dataclass
class GemeenteStatus:
    """What the platform holds for one gemeente of the region, and what it lacks."""

    gemeente: Gemeente
    wijken: int = 0
    buurten: int = 0
    historic: int = 0
    # year -> level -> number of areas with key figures of that year
    key_figures: dict[int, dict[str, int]] = field(default_factory=dict)
    boundaries: dict[str, Boundaries] = field(default_factory=dict)
    external: list[ExternalSource] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted(self.key_figures)

    @property
    def key_figure_rows(self) -> list[tuple[int, int, int, int]]:
        """(year, gemeente 0/1, wijken, buurten) per year, newest first."""
        return [
            (year, by.get("gemeente", 0), by.get("wijk", 0), by.get("buurt", 0))
            for year, by in sorted(self.key_figures.items(), reverse=True)
        ]

    @property
    def boundary_rows(self) -> list[tuple[str, Boundaries]]:
        labels = {"gemeente": _("gemeente"), "wijk": _("wijken"), "buurt": _("buurten")}
        return [(labels[lvl], self.boundaries.get(lvl, Boundaries())) for lvl in labels]

    @property
    def missing(self) -> list[str]:
        """What is missing, in words."""
        gaps = []
        if not self.wijken:
            gaps.append(_("no wijken"))
        if not self.buurten:
            gaps.append(_("no buurten"))
        if not self.key_figures:
            gaps.append(_("no key figures"))
        for label, found in self.boundary_rows:
            if found.total and found.missing:
                gaps.append(
                    _("boundaries missing: %(label)s %(missing)d of %(total)d")
                    % {"label": label, "missing": found.missing, "total": found.total}
                )
        if not self.external:
            gaps.append(_("no GGD or other external figures"))
        return gaps


def _gemeente_of_code() -> Any:
    """GM + the four digits every CBS area code carries after its two-letter prefix."""
    return Concat(Value("GM"), Substr("area_code", 3, 4))


def region_overview(*, region: Region) -> list[GemeenteStatus]:
    """Per gemeente of the region: wijken and buurten, key-figure years per level,
    boundaries present per level, and the external (GGD) figures. A fixed number of
    aggregate queries, however many areas the region has."""
    gemeenten = list(region.gemeenten.order_by("name", "code"))
    status = {g.pk: GemeenteStatus(gemeente=g) for g in gemeenten}
    by_code = {g.code: status[g.pk] for g in gemeenten}
    for g in gemeenten:
        status[g.pk].boundaries["gemeente"] = Boundaries(int(g.boundary is not None), 1)
        if g.figures_year:
            _count_year(status[g.pk], g.figures_year, "gemeente", 1)
    _areas(status, Wijk.objects.filter(gemeente__region=region), "gemeente_id", "wijk")
    _areas(
        status, Buurt.objects.filter(wijk__gemeente__region=region), "wijk__gemeente_id", "buurt"
    )
    _key_figure_sets(by_code)
    _external(by_code)
    return list(status.values())


def _count_year(entry: GemeenteStatus, year: int, level: str, n: int) -> None:
    by_level = entry.key_figures.setdefault(year, {})
    # The kept history and the newest figures on the areas may both count an area-year.
    by_level[level] = max(by_level.get(level, 0), n)


def _areas(
    status: dict[int, GemeenteStatus], areas: QuerySet[Any], parent: str, level: str
) -> None:
    current = areas.filter(historic_since__isnull=True)
    counts = current.values(parent).annotate(
        n=Count("id"), with_boundary=Count("id", filter=Q(boundary__isnull=False))
    )
    for row in counts:
        entry = status[row[parent]]
        if level == "wijk":
            entry.wijken = row["n"]
        else:
            entry.buurten = row["n"]
        entry.boundaries[level] = Boundaries(row["with_boundary"], row["n"])
    historic = areas.filter(historic_since__isnull=False).values(parent).annotate(n=Count("id"))
    for row in historic:
        status[row[parent]].historic += row["n"]
    years = current.filter(figures_year__isnull=False).values(parent, "figures_year")
    for row in years.annotate(n=Count("id")):
        _count_year(status[row[parent]], row["figures_year"], level, row["n"])


def _key_figure_sets(by_code: dict[str, GemeenteStatus]) -> None:
    sets = (
        KeyFigureSet.objects.annotate(gm=_gemeente_of_code())
        .filter(gm__in=list(by_code), level__in=[lvl.value for lvl in Level])
        .values("gm", "year", "level")
        .annotate(n=Count("area_code", distinct=True))
    )
    for row in sets:
        _count_year(by_code[row["gm"]], row["year"], row["level"], row["n"])


def _external(by_code: dict[str, GemeenteStatus]) -> None:
    sources: dict[str, list[ExternalSource]] = defaultdict(list)
    rows = (
        Figure.objects.annotate(gm=_gemeente_of_code())
        .filter(gm__in=list(by_code), level__in=[lvl.value for lvl in Level])
        .values("gm", "source")
        .annotate(
            figures=Count("id"),
            areas=Count("area_code", distinct=True),
            first=Min("period"),
            last=Max("period"),
        )
        .order_by("gm", "source")
    )
    for row in rows:
        sources[row["gm"]].append(
            ExternalSource(row["source"], row["figures"], row["areas"], row["first"], row["last"])
        )
    for code, found in sources.items():
        by_code[code].external = found
