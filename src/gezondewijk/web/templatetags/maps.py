"""`{% map_config %}`: the base map's settings and the legend's words, as json_script data for
web/basemap.js (pages allow no inline script)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def map_config() -> SafeString:
    return json_script(
        {
            "tiles": settings.GEZONDEWIJK_MAP_TILES,
            "attribution": settings.GEZONDEWIJK_MAP_ATTRIBUTION,
            "boundaries": _("Boundaries: Source: CBS"),
            "labels": {
                "legend": _("Legend"),
                "missing": _("no data"),
                "suppressed": _("suppressed (too few residents)"),
            },
        },
        "map-config",
    )
