"""What the referrals app gives the lower apps: a dashboard panel for obstacle (c), engaged
professionals, and referred residents per buurt as a figure source for the indicators;
hooks.py registers them."""

from __future__ import annotations

from datetime import timedelta

import polars as pl
from django.db.models import Count
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_noop

from gezondewijk.indicators import providers
from gezondewijk.places.models import Wijk
from gezondewijk.referrals import engine, selectors
from gezondewijk.referrals.models import Referral

SOURCE = "referrals"


# The benchmark indicator that migration 0002 seeds is stored in English and shown through
# the catalogue, like the indicators app's own defaults (Indicator.label).
INDICATOR_TEXTS = (
    gettext_noop("Referred residents taking part"),
    gettext_noop(
        "Residents referred through welzijn op recept who took part in an activity, "
        "as a share of the residents referred."
    ),
)


def referrals_panel(request: HttpRequest, wijk: Wijk) -> str:
    since = timezone.localdate() - timedelta(days=365)
    # Practices and professionals are not residents: how many refer is no one's secret.
    referring = Referral.objects.filter(buurt__wijk=wijk, created_at__date__gte=since).aggregate(
        practices=Count("practice", distinct=True), people=Count("referrer", distinct=True)
    )
    context = {
        "wijk": wijk,
        "row": selectors.wijk_figures(wijk=wijk),
        "practices": referring["practices"],
        "referrers": referring["people"],
    }
    return render_to_string("referrals/panel_referrals.html", context, request)


def referral_figures() -> pl.DataFrame:
    """referred and participating residents per buurt code and year."""
    frame = selectors.referral_frame()
    if frame.is_empty():
        return providers.empty_figures()
    return engine.buurt_counts(frame)
