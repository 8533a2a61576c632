"""What initiatives give to the lower apps: energy inputs for the cycle, dashboard panels
(hooks.py registers them).

Each energy input is one grouped query over all wijken asked for; values are scaled to 0..1
against a modest target ("five live initiatives is a lot of energy for one wijk").
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl
from django.db.models import Count, Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from gezondewijk.initiatives import engine, introductions, reach, selectors
from gezondewijk.initiatives.models import (
    Activity,
    Belief,
    Initiative,
    Membership,
    TargetGroup,
)
from gezondewijk.people.models import ProfessionalProfile
from gezondewijk.places.models import Wijk
from gezondewijk.privacy.suppression import suppress

TARGET_LIVE = 5
TARGET_NEW_PER_YEAR = 3
# Ten groups of three; below the privacy threshold (k, 10 by default) believers count as 0.
TARGET_BELIEVERS = 30
TARGET_PROFESSIONALS = 3


def _scaled(counts: dict[int, int], target: int) -> dict[int, float]:
    return {k: min(1.0, v / target) for k, v in counts.items()}


def live_initiatives(wijk_ids: list[int]) -> dict[int, float]:
    return _scaled(engine.live_count_by_wijk(wijk_ids), TARGET_LIVE)


def initiative_growth(wijk_ids: list[int]) -> dict[int, float]:
    since = timezone.now() - timedelta(days=365)
    rows = (
        Initiative.wijken.through.objects.filter(
            wijk_id__in=wijk_ids, initiative__created_at__gte=since
        )
        .exclude(initiative__status="gestopt")
        .values("wijk_id")
        .annotate(n=Count("initiative_id"))
    )
    return _scaled({r["wijk_id"]: r["n"] for r in rows}, TARGET_NEW_PER_YEAR)


def believers(wijk_ids: list[int]) -> dict[int, float]:
    """Residents of the wijk who believe in a theme. A count below the privacy threshold
    counts as none, so the energy shown never reveals a handful of people's beliefs."""
    rows = (
        Belief.objects.filter(user__resident_profile__buurt__wijk_id__in=wijk_ids)
        .values("user__resident_profile__buurt__wijk_id")
        .annotate(n=Count("user_id", distinct=True))
    )
    counts = pl.DataFrame(
        [(r["user__resident_profile__buurt__wijk_id"], r["n"]) for r in rows],
        schema={"wijk_id": pl.Int64, "n": pl.Int64},
        orient="row",
    )
    shown = suppress(counts, count="n", values=[]).drop_nulls("n")
    return _scaled(dict(zip(shown["wijk_id"], shown["n"], strict=True)), TARGET_BELIEVERS)


def engaged_professionals(wijk_ids: list[int]) -> dict[int, float]:
    """Professionals serving the wijk who believe in a theme or take part in an initiative."""
    engaged = Q(user_id__in=Belief.objects.values("user_id")) | Q(
        user_id__in=Membership.objects.values("user_id")
    )
    rows = (
        ProfessionalProfile.objects.filter(engaged, organisation__wijken__in=wijk_ids)
        .values("organisation__wijken")
        .annotate(n=Count("user_id", distinct=True))
    )
    return _scaled({r["organisation__wijken"]: r["n"] for r in rows}, TARGET_PROFESSIONALS)


# -- dashboard panels ----------------------------------------------------------------------


def initiatives_panel(request: HttpRequest, wijk: Wijk) -> str:
    live = list(selectors.initiatives_list(wijk=wijk, live_only=True))
    scores = engine.influence_of([i.pk for i in live])
    context = {
        "wijk": wijk,
        "initiatives": sorted(((i, scores[i.pk].score) for i in live), key=lambda pair: -pair[1]),
        "unconnected": introductions.unconnected_initiatives(wijk=wijk),
        "ideas": selectors.initiatives_list(wijk=wijk, status="idee").count(),
    }
    return render_to_string("initiatives/panel_initiatives.html", context, request)


def professionals_panel(request: HttpRequest, wijk: Wijk) -> str:
    serving = ProfessionalProfile.objects.filter(organisation__wijken=wijk)
    members = serving.filter(user__memberships__initiative__wijken=wijk).distinct()
    believing = serving.filter(user__beliefs__isnull=False).distinct()
    context = {
        "serving": serving.count(),
        "members": members.count(),
        "believing": believing.count(),
    }
    return render_to_string("initiatives/panel_professionals.html", context, request)


def reach_panel(request: HttpRequest, wijk: Wijk) -> str:
    result = reach.reach_for(wijk=wijk)
    since = timezone.localdate() - timedelta(days=365)
    groups = Activity.objects.filter(initiative__wijken=wijk, date__gt=since).values_list(
        "target_groups", flat=True
    )
    reached_groups = sorted({g for row in groups for g in row})
    context = {
        "wijk": wijk,
        "walking_m": result.walking_m,
        "unreached": [r.buurt for r in result.buurten if r.reached is False],
        "total": len(result.buurten),
        "groups": [TargetGroup(g).label for g in reached_groups if g in TargetGroup.values],
    }
    return render_to_string("initiatives/panel_reach.html", context, request)
