"""Reads of the project bank: search with facets, one intervention, similar ones."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Avg,
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from gezondewijk.cycle.models import Step
from gezondewijk.projectbank import access, engine, search
from gezondewijk.projectbank.access import Action
from gezondewijk.projectbank.models import (
    Endorsement,
    ExperienceReport,
    Intervention,
    InterventionSetting,
    InterventionTheme,
    Material,
    Playbook,
    PlaybookStep,
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


# What a list of results shows (the search page and the API's summaries): the long texts
# stay in the database.
LISTED = (
    "uid",
    "title",
    "summary",
    "recognition",
    "owner_name",
    "owner_organisation__name",
)


class Ranked(Sequence[Intervention]):
    """The results of one search, best first: their ids are known, the interventions are
    read only for the slice asked for (a page), each annotated with its `rank`. Paginators
    and the API's pagination take it like a list."""

    def __init__(self, order: engine.Order, columns: engine.FacetColumns) -> None:
        self._order = order
        self._columns = columns

    def __len__(self) -> int:
        return len(self._order)

    def __iter__(self) -> Iterator[Intervention]:
        for start in range(0, len(self), 500):  # a few queries, not one per intervention
            yield from self[start : start + 500]

    @overload
    def __getitem__(self, index: int) -> Intervention: ...

    @overload
    def __getitem__(self, index: slice) -> list[Intervention]: ...

    def __getitem__(self, index: int | slice) -> Intervention | list[Intervention]:
        if isinstance(index, int):
            return self[index : index + 1 if index != -1 else None][0]
        chosen, ranked = self._order.slice(index)
        ids = [int(i) for i in chosen]
        ranks = dict(zip(ids, (float(r) for r in ranked), strict=True))
        found = {
            i.pk: i
            for i in Intervention.objects.filter(pk__in=ids)
            .select_related("owner_organisation")
            .only(*LISTED)
        }
        page = [found[i] for i in ids if i in found]
        # The themes are in the facet columns already: no query for them.
        themes = engine.themes_of(self._columns, np.asarray([i.pk for i in page], np.int64))
        _held(
            page,
            "themes",
            InterventionTheme,
            {
                i.pk: [
                    InterventionTheme(intervention_id=i.pk, theme=t) for t in themes.get(i.pk, [])
                ]
                for i in page
            },
        )
        endorsements: dict[int, list[Any]] = {i.pk: [] for i in page}
        for e in Endorsement.objects.filter(intervention_id__in=list(endorsements)):
            endorsements[e.intervention_id].append(e)
        _held(page, "endorsements", Endorsement, endorsements)
        for intervention in page:
            intervention.rank = ranks[intervention.pk]  # type: ignore[attr-defined]
        return page


def _held(
    page: list[Intervention], name: str, model: type[Any], rows: dict[int, list[Any]]
) -> None:
    """What prefetch_related(name) leaves behind, for rows read once for the whole page.

    prefetch_related builds a filtered queryset per intervention and relation, which cost
    more than the rest of a search together; here each gets a bare queryset holding its
    rows, as Django's own prefetching leaves it (`intervention.themes.all()` returns it).
    """
    for intervention in page:
        held: QuerySet[Any] = QuerySet(model=model)
        held._result_cache = rows[intervention.pk]
        held._prefetch_done = True  # type: ignore[attr-defined]
        cache = intervention.__dict__.setdefault("_prefetched_objects_cache", {})
        cache[name] = held


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: Any
    count: int
    chosen: bool


@dataclass(frozen=True)
class Found:
    results: Ranked
    facets: dict[str, list[FacetValue]]


def interventions_found(*, filters: Filters) -> Found:
    """The matches (best first with a query, by title without) and, per facet, each value
    with the number of matches it would give. One full-text pass; see engine.py."""
    query = filters.query
    matched = search.matches(query) if query.strip() else None
    columns = engine.columns()
    done = engine.evaluate(
        columns,
        matched=matched,
        themes=filters.themes,
        settings=filters.settings,
        recognition=filters.recognition,
        ranker=lambda ids: search.rank_of(query, ids),
    )

    def values(counts: dict[str, int], choices: Any, chosen: tuple[str, ...]) -> list[FacetValue]:
        return [
            FacetValue(value, label, counts.get(value, 0), value in chosen)
            for value, label in choices
        ]

    return Found(
        results=Ranked(done.order, columns),
        facets={
            "themes": values(done.theme_counts, Theme.choices, filters.themes),
            "settings": values(done.setting_counts, Setting.choices, filters.settings),
            "recognition": values(
                done.recognition_counts, Recognition.choices, filters.recognition
            ),
        },
    )


def interventions_search(*, filters: Filters) -> Ranked:
    """The matches, best first when there is a query, otherwise by title."""
    return interventions_found(filters=filters).results


def facets(*, filters: Filters) -> dict[str, list[FacetValue]]:
    """Per facet, each value with the number of matches: a facet counts what choosing one of
    its values would give, given the other filters."""
    return interventions_found(filters=filters).facets


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
            Prefetch(
                "experiences",
                queryset=ExperienceReport.objects.select_related("cycle_step").order_by(
                    "-created_at"
                ),
            ),
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


def intervention_for(*, actor: Any, uid: Any, action: Action = Action.VIEW) -> Intervention | None:
    """The intervention for `actor` (a person or an API Caller), or None when it does not
    exist. The bank is shared, so a refusal raises PermissionDenied: when `actor` may not do
    `action` (projectbank.access), whichever intervention is asked for. Nothing personal is
    read: not logged."""
    if not access.may(actor, action):
        raise PermissionDenied
    return intervention_get(uid=str(uid))


def intervention_playbook_for(*, actor: Any, uid: Any) -> tuple[Intervention, Playbook] | None:
    """An intervention with its draaiboek, to read; None when either does not exist."""
    intervention = intervention_for(actor=actor, uid=uid)
    playbook = playbook_for(intervention=intervention) if intervention is not None else None
    if intervention is None or playbook is None:
        return None
    return intervention, playbook


def playbook_step_for(*, actor: Any, uid: Any, step_id: int) -> PlaybookStep | None:
    """A step of an intervention's draaiboek, to change; None when the intervention does not
    exist or the step is not one of its draaiboek's."""
    intervention = intervention_for(actor=actor, uid=uid, action=Action.EDIT)
    if intervention is None:
        return None
    return (
        PlaybookStep.objects.select_related("playbook__intervention")
        .filter(pk=step_id, playbook__intervention=intervention)
        .first()
    )


def material_for(*, actor: Any, pk: int) -> Material | None:
    """A material of a draaiboek, to download; None when it does not exist."""
    if not access.may_view(actor):
        raise PermissionDenied
    return Material.objects.filter(pk=pk).first()


def experiences_of(*, intervention: Intervention) -> QuerySet[ExperienceReport]:
    return (
        ExperienceReport.objects.filter(intervention=intervention)
        .select_related("cycle_step")
        .order_by("-created_at")
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


@dataclass(frozen=True)
class StepExperiences:
    step: Step
    count: int
    average: float | None


def cycle_steps_with_experiences() -> list[StepExperiences]:
    """Every step of the cycle with the number and average rating of its reports."""
    counted = {
        row["cycle_step"]: row
        for row in ExperienceReport.objects.filter(cycle_step__isnull=False)
        .values("cycle_step")
        .annotate(count=Count("pk"), average=Avg("rating"))
    }
    return [
        StepExperiences(
            step,
            counted.get(step.pk, {}).get("count", 0),
            counted.get(step.pk, {}).get("average"),
        )
        for step in Step.objects.order_by("order")
    ]


def cycle_step_get(*, key: str) -> Step | None:
    return Step.objects.filter(key=key).first()


def cycle_step_for(*, actor: Any, key: str) -> Step | None:
    """A step of the implementation cycle, with its experiences, for `actor`; None when there
    is no step with this key. PermissionDenied when `actor` may not look the bank up."""
    if not access.may_view(actor):
        raise PermissionDenied
    return cycle_step_get(key=key)


def step_experiences(*, step: Step) -> QuerySet[ExperienceReport]:
    return (
        ExperienceReport.objects.filter(cycle_step=step)
        .select_related("intervention", "cycle_step")
        .order_by("-created_at")
    )
