"""What the network app gives the lower apps: the dashboard its groups and isolation at a glance
(obstacle e: who is not reached), and the indicators app isolation per buurt as counts;
hooks.py registers them."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from gezondewijk.network import selectors
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Wijk


def network_panel(request: HttpRequest, wijk: Wijk) -> str:
    figures = selectors.wijk_network(
        run=selectors.latest_run(region=wijk.gemeente.region), wijk=wijk
    )
    isolation = [row for row in figures.get("isolation", []) if not row["suppressed"]]
    context = {
        "wijk": wijk,
        "figures": figures,
        "groups": len(figures.get("communities", [])),
        "most_isolated": max(isolation, key=lambda r: r["isolated_pct"], default=None),
        "may_open": may_open(request, wijk) == "open",
    }
    return render_to_string("network/panel_network.html", context, request)


def may_open(request: HttpRequest, wijk: Wijk) -> str:
    """The panel's one difference between viewers: a link to the network page, for who may
    open it (the dashboard caches one panel per answer)."""
    return "open" if policy.allows(request.user, Permission.VIEW_NETWORK_AGGREGATES, wijk) else ""
