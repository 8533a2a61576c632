"""The reach map: buurten without an activity within walking distance, beside CBS figures."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gezondewijk.initiatives import reach
from gezondewijk.initiatives.views_matching import _wijk_for
from gezondewijk.permissions.policy import Permission


def _pct(part: int | None, whole: int | None) -> float | None:
    return round(100 * part / whole, 1) if part is not None and whole else None


def _legend(walking_m: int) -> dict[str, str]:
    return {
        "title": _("Activity within %(m)s m in the last 12 months") % {"m": walking_m},
        "reached": _("buurt reached"),
        "not_reached": _("buurt not reached"),
        "unknown": _("no data (buurt without a location)"),
        "active": _("strategic location with activity"),
        "idle": _("strategic location without activity"),
        "yes": _("activity within walking distance"),
        "no": _("no activity within walking distance"),
        "nearest": _("nearest active place"),
    }


@login_required
def reach_map(request: HttpRequest, code: str) -> HttpResponse:
    wijk = _wijk_for(request, code, Permission.VIEW_DASHBOARD)
    result = reach.reach_for(wijk=wijk)
    rows: list[dict[str, Any]] = [
        {
            "code": r.buurt.code,
            "name": r.buurt.name,
            "reached": r.reached,
            "nearest_m": r.nearest_m,
            "centre": r.centre,
            "boundary": r.buurt.boundary,
            "single_pct": _pct(r.buurt.single_person_households, r.buurt.households),
            "older_pct": _pct(r.buurt.age_65_plus, r.buurt.inhabitants),
            "low_income_pct": float(r.buurt.low_income_households_pct)
            if r.buurt.low_income_households_pct is not None
            else None,
            "migration_pct": _pct(
                (r.buurt.origin_europe or 0) + (r.buurt.origin_outside_europe or 0)
                if r.buurt.origin_europe is not None or r.buurt.origin_outside_europe is not None
                else None,
                r.buurt.inhabitants,
            ),
        }
        for r in result.buurten
    ]
    points = [
        {
            "name": loc.name,
            "kind": loc.get_kind_display(),
            "lat": float(loc.latitude),
            "lon": float(loc.longitude),
            "active": active,
        }
        for active, group in ((True, result.active_locations), (False, result.idle_locations))
        for loc in group
    ]
    context = {
        "wijk": wijk,
        "rows": rows,
        "points": points,
        "walking_m": result.walking_m,
        "map_data": {"buurten": rows, "points": points, "legend": _legend(result.walking_m)},
    }
    return render(request, "initiatives/reach_map.html", context)
