"""Initiatives and the residents' network, both ways.

- Residents tie themselves to initiatives in "mijn wijk", and memberships count as ties in the
  network analysis (a TargetSource registered with the network app).
- "Mijn wijk" suggests initiatives with activities at places the resident visits, and those
  people in their network take part in (counted, never named).
- An initiative's influence gets its network reach: residents within two steps, from the
  latest analysis of its region, hidden below the privacy threshold.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezondewijk.initiatives import influence
from gezondewijk.initiatives.engine import frame_of
from gezondewijk.initiatives.models import Activity, Initiative, Membership, Status
from gezondewijk.network import selectors as network_selectors
from gezondewijk.network import sources
from gezondewijk.network.models import TargetType

# Points per resident reached within two steps: a hundred residents weigh like ten members.
WEIGHT_REACH = 0.1
SUGGESTIONS = 5


def _choices(user: Any) -> list[tuple[int, str]]:
    return list(
        Initiative.objects.exclude(status=Status.GESTOPT).order_by("name").values_list("pk", "name")
    )


def _labels(ids: Iterable[int]) -> dict[int, str]:
    return dict(Initiative.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


def _memberships(region_id: int) -> pl.DataFrame:
    rows = (
        Membership.objects.filter(initiative__wijken__gemeente__region_id=region_id)
        .values_list("user_id", "initiative_id")
        .distinct()
    )
    return frame_of(rows, {"user_id": pl.Int64, "hub_id": pl.Int64})


def _suggest(user: Any, targets: sources.NetworkTargets) -> list[sources.Suggestion]:
    mine = set(Membership.objects.filter(user=user).values_list("initiative_id", flat=True))
    found: list[sources.Suggestion] = []
    upcoming = (
        Activity.objects.filter(location_id__in=targets.locations, date__gte=timezone.localdate())
        .exclude(initiative_id__in=mine)
        .select_related("initiative", "location")
        .order_by("date")[:SUGGESTIONS]
    )
    for activity in upcoming:
        if activity.location is None:  # the filter on location_id rules this out
            continue
        found.append(
            sources.Suggestion(
                title=f"{activity.title} ({activity.initiative.name})",
                reason=_("On %(date)s at %(place)s, a place you visit.")
                % {"date": activity.date.strftime("%d-%m-%Y"), "place": activity.location.name},
                url=reverse("initiatives:detail", args=[activity.initiative_id]),
            )
        )
    via_people = (
        Membership.objects.filter(user_id__in=targets.residents)
        .exclude(initiative_id__in=mine)
        .values("initiative_id", "initiative__name")
        .annotate(n=Count("user_id", distinct=True))
        .order_by("-n")[:SUGGESTIONS]
    )
    for row in via_people:
        found.append(
            sources.Suggestion(
                title=row["initiative__name"],
                reason=_("People in your network take part."),
                url=reverse("initiatives:detail", args=[row["initiative_id"]]),
            )
        )
    return found


def network_reach(ids: list[int]) -> dict[int, float]:
    """Residents within two steps of each initiative, from each region's latest analysis."""
    wanted = set(ids)
    rows = [
        r
        for run in network_selectors.latest_runs()  # one run per region, not per initiative
        for r in run.results.get("reach", [])  # one row per hub, not per resident
        if r["hub_type"] == TargetType.INITIATIVE and r["hub_id"] in wanted
    ]
    frame = pl.DataFrame(
        rows,
        schema={
            "hub_type": pl.Utf8,
            "hub_id": pl.Int64,
            "direct": pl.Int64,
            "within_two": pl.Int64,
        },
    )
    shown = network_selectors.reach_suppressed(frame).drop_nulls("within_two")
    return {int(i): float(n) for i, n in shown.select("hub_id", "within_two").rows()}


# Registered in this app's hooks.py: initiatives as tie targets, their suggestions, and the
# network reach part of their influence.
TARGET_SOURCE = sources.TargetSource(
    hub_type=TargetType.INITIATIVE,
    choices=_choices,
    labels=_labels,
    affiliations=_memberships,
)
SUGGESTION_SOURCE = sources.SuggestionSource(name="initiatives", suggest=_suggest)
NETWORK_REACH = influence.InfluencePart(
    key="network_reach",
    label=gettext_lazy("Network reach"),
    weight=WEIGHT_REACH,
    compute=network_reach,
    explanation=gettext_lazy(
        "Residents within two steps in the network: members, and the people they know."
    ),
)
