"""What the checks app gives the lower apps: participation for the cycle's energy score and
the information panel of the coordinator dashboard (obstacle a: information flows); hooks.py
registers them."""

from __future__ import annotations

from datetime import timedelta

import polars as pl
from django.db.models import Count
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from gezondewijk.checks.models import PanelSurvey, Response, SurveyStatus
from gezondewijk.people.models import ResidentProfile
from gezondewijk.permissions import policy
from gezondewijk.places.models import Wijk
from gezondewijk.privacy.suppression import suppress

# A quarter of the registered residents answering something in a year is a lot of energy.
TARGET_SHARE = 0.25
WINDOW = timedelta(days=365)


def participation_by_wijk(wijk_ids: list[int]) -> pl.DataFrame:
    """wijk_id, residents, answered: residents who answered a health check or panel survey in
    the last twelve months. Counts below k are hidden (null), as everywhere."""
    since = timezone.now() - WINDOW
    answered = (
        Response.objects.filter(buurt__wijk_id__in=wijk_ids, authored__gte=since)
        .values("buurt__wijk_id")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("buurt__wijk_id", "n")
    )
    residents = (
        ResidentProfile.objects.filter(buurt__wijk_id__in=wijk_ids)
        .values("buurt__wijk_id")
        .annotate(n=Count("pk"))
        .values_list("buurt__wijk_id", "n")
    )
    schema = {"wijk_id": pl.Int64, "n": pl.Int64}
    frame = pl.DataFrame(list(residents), schema=schema, orient="row").rename({"n": "residents"})
    counts = pl.DataFrame(list(answered), schema=schema, orient="row").rename({"n": "answered"})
    joined = frame.join(counts, on="wijk_id", how="left").with_columns(
        pl.col("answered").fill_null(0)
    )
    return suppress(joined, count="answered", values=[]).drop("suppressed")


def participation(wijk_ids: list[int]) -> dict[int, float]:
    frame = participation_by_wijk(wijk_ids).drop_nulls("answered")
    return {
        wijk_id: min(1.0, answered / residents / TARGET_SHARE)
        for wijk_id, residents, answered in frame.select("wijk_id", "residents", "answered").rows()
        if residents
    }


def information_panel(request: HttpRequest, wijk: Wijk) -> str:
    # A wijk without residents yet has no row.
    found = participation_by_wijk([wijk.pk])
    row = found.row(0, named=True) if len(found) else None
    open_surveys = PanelSurvey.objects.filter(wijk=wijk, status=SurveyStatus.OPEN).count()
    context = {
        "wijk": wijk,
        "answered": row["answered"] if row else None,
        "residents": row["residents"] if row else 0,
        "open_surveys": open_surveys,
        "may_see_figures": may_see_figures(request, wijk) == "figures",
    }
    return render_to_string("checks/panel_information.html", context, request)


def may_see_figures(request: HttpRequest, wijk: Wijk) -> str:
    """The panel's one difference between viewers: a link to the figures, for who may open
    them (the dashboard caches one panel per answer)."""
    may = policy.allows(request.user, policy.Permission.VIEW_CHECK_FIGURES)
    return "figures" if may else ""
