"""Rendered dashboard panels, kept until the data changes (gezondewijk.freshness).

Why: a panel sums a whole wijk, and some sum the whole region so that small cells are
suppressed the same way everywhere. Nine panels cost about 100 ms of processor time; the
dashboard is what coordinators open most, and recomputing it on every visit let fifty of them
fill two cores (`make load`). Panels hold figures, never a resident's own data; they are kept
per wijk, language and what the panel says differs between viewers (`Panel.viewer`).
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language

from gezondewijk import freshness
from gezondewijk.dashboard.panels import Panel
from gezondewijk.places.models import Wijk


def _key(panel: Panel, request: HttpRequest, wijk: Wijk, generation: str) -> str:
    viewer = panel.viewer(request, wijk) if panel.viewer else ""
    return f"dashboard:panel:{generation}:{panel.key}:{wijk.pk}:{get_language()}:{viewer}"


def rendered(request: HttpRequest, wijk: Wijk, panels: list[Panel]) -> dict[str, str]:
    """Each panel's HTML by key: kept from an earlier visit in this generation, else rendered
    now and kept."""
    if not freshness.seconds():
        return {p.key: p.render(request, wijk) for p in panels}
    generation = freshness.generation()
    keys = {p.key: _key(p, request, wijk, generation) for p in panels}
    found: dict[str, Any] = cache.get_many(list(keys.values()))
    html: dict[str, str] = {}
    fresh: dict[str, str] = {}
    for panel in panels:
        key = keys[panel.key]
        if key in found:
            html[panel.key] = found[key]
        else:
            html[panel.key] = fresh[key] = panel.render(request, wijk)
    if fresh:
        cache.set_many(fresh, timeout=freshness.seconds())
    return html
