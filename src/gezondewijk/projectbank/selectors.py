"""Reads of the project bank: search with facets, one intervention, similar ones."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from gezondewijk.projectbank import search
from gezondewijk.projectbank.models import (
    ExperienceReport,
    Intervention,
    InterventionSetting,
    InterventionTheme,
    Playbook,
    Recognition,
    Setting,
    Theme,
)


@dataclass(frozen=True)
class Filters:
    query: str = ""
    themes: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    recognition: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.query or self.themes or self.settings or self.recognition)


def recognition_level() -> Case:
    """The recognition level as a number, 0 (not assessed) to 5 (strong indications)."""
    return Case(
        *(When(recognition=value, then=Value(i)) for i, value in enumerate(Recognition.values)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _filtered(filters: Filters, *, skip: str = "") -> QuerySet[Intervention]:
    """Interventions that pass every filter except `skip`: a facet counts what choosing one
    of its values would give, given the other filters."""
    queryset = Intervention.objects.all()
    if filters.themes and skip != "themes":
        queryset = queryset.filter(
            pk__in=InterventionTheme.objects.filter(theme__in=filters.themes).values(
                "intervention_id"
            )
        )
    if filters.settings and skip != "settings":
        queryset = queryset.filter(
            pk__in=InterventionSetting.objects.filter(setting__in=filters.settings).values(
                "intervention_id"
            )
        )
    if filters.recognition and skip != "recognition":
        queryset = queryset.filter(recognition__in=filters.recognition)
    return queryset


def interventions_search(*, filters: Filters) -> QuerySet[Intervention]:
    """The matches, best first when there is a query, otherwise by title."""
    found = search.search(_filtered(filters), filters.query)
    return found.select_related("owner_organisation").prefetch_related("themes", "endorsements")


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: Any
    count: int
    chosen: bool


def facets(*, filters: Filters) -> dict[str, list[FacetValue]]:
    """Per facet, each value with the number of matches (one grouped query per facet)."""

    def matching(skip: str) -> QuerySet[Intervention]:
        return search.matching(_filtered(filters, skip=skip), filters.query)

    def values(counts: dict[str, int], choices: Any, chosen: tuple[str, ...]) -> list[FacetValue]:
        return [
            FacetValue(value, label, counts.get(value, 0), value in chosen)
            for value, label in choices
        ]

    theme_counts = dict(
        InterventionTheme.objects.filter(intervention__in=matching("themes").values("pk"))
        .values_list("theme")
        .annotate(n=Count("pk"))
    )
    setting_counts = dict(
        InterventionSetting.objects.filter(intervention__in=matching("settings").values("pk"))
        .values_list("setting")
        .annotate(n=Count("pk"))
    )
    recognition_counts = dict(
        Intervention.objects.filter(pk__in=matching("recognition").values("pk"))
        .values_list("recognition")
        .annotate(n=Count("pk"))
    )
    return {
        "themes": values(theme_counts, Theme.choices, filters.themes),
        "settings": values(setting_counts, Setting.choices, filters.settings),
        "recognition": values(recognition_counts, Recognition.choices, filters.recognition),
    }


def intervention_get(*, uid: str) -> Intervention | None:
    try:
        uuid.UUID(str(uid))
    except ValueError:  # a malformed identifier is simply not found
        return None
    return (
        Intervention.objects.select_related("owner_organisation")
        .prefetch_related(
            "themes",
            "settings",
            "evidence_links",
            "endorsements",
            Prefetch("experiences", queryset=ExperienceReport.objects.order_by("-created_at")),
        )
        .filter(uid=uid)
        .first()
    )


def playbook_for(*, intervention: Intervention) -> Playbook | None:
    return (
        Playbook.objects.filter(intervention=intervention)
        .prefetch_related("steps__materials", "budget_lines", "materials")
        .first()
    )


def experience_summary(*, intervention: Intervention) -> dict[str, Any]:
    return ExperienceReport.objects.filter(intervention=intervention).aggregate(
        count=Count("pk"), average=Avg("rating")
    )


def similar_interventions(*, intervention: Intervention, limit: int = 5) -> list[Intervention]:
    """Those sharing the most themes and settings, then the better recognised."""
    themes = InterventionTheme.objects.filter(intervention=intervention).values("theme")
    settings = InterventionSetting.objects.filter(intervention=intervention).values("setting")
    return list(
        Intervention.objects.exclude(pk=intervention.pk)
        .annotate(
            shared=Count("themes", filter=Q(themes__theme__in=themes), distinct=True)
            + Count("settings", filter=Q(settings__setting__in=settings), distinct=True)
        )
        .filter(shared__gt=0)
        .annotate(level=recognition_level())
        .order_by("-shared", "-level", "title")[:limit]
    )
