"""The dashboard's one extension point: apps register panels for the six obstacles.

    hooks.register(panels.PANELS, panels.Panel(
        key="initiatives", obstacle=panels.Obstacle.CONNECTING, title=_("Initiatives"),
        render=initiatives_panel))

`render(request, wijk)` returns the panel's HTML (a rendered template). An obstacle that no
installed app answers yet is shown as such, in plain words.

Rendered panels are cached (panel_cache.py) per wijk and language. A panel whose HTML also
depends on who looks (a link only some roles may follow) says so with `viewer(request, wijk)`:
a short string that is the same for every viewer who would get the same HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
from gezondewijk.places.models import Wijk


class Obstacle(StrEnum):
    INFORMATION = "information"
    FINANCING = "financing"
    PROFESSIONALS = "professionals"
    CONNECTING = "connecting"
    VULNERABLE = "vulnerable"
    LIVING_ENVIRONMENT = "living_environment"


QUESTIONS: dict[Obstacle, Any] = {
    Obstacle.INFORMATION: _(
        "(a) Does information flow? Health checks, panels, residents' own data."
    ),
    Obstacle.FINANCING: _("(b) Is there money? Fund contributions and payments."),
    Obstacle.PROFESSIONALS: _("(c) Are professionals engaged?"),
    Obstacle.CONNECTING: _("(d) Who connects the initiatives? Which stand alone?"),
    Obstacle.VULNERABLE: _("(e) Are vulnerable groups reached?"),
    Obstacle.LIVING_ENVIRONMENT: _(
        "(f) Is there a link with the living environment and municipal plans?"
    ),
}

# Which part of the platform will answer an obstacle nobody answers yet, said plainly.
NOT_YET: dict[Obstacle, Any] = {
    Obstacle.INFORMATION: _(
        "Not available yet: the health check and panel surveys are not part of this platform yet."
    ),
    Obstacle.FINANCING: _(
        "Not available yet: the prevention fund is not part of this platform yet."
    ),
    Obstacle.PROFESSIONALS: _("Not available yet: no app reports on professionals."),
    Obstacle.CONNECTING: _("Not available yet: no app reports on initiatives."),
    Obstacle.VULNERABLE: _("Not available yet: no app reports on reach."),
    Obstacle.LIVING_ENVIRONMENT: _(
        "Not available yet: living-environment data and municipal plans are not part of "
        "this platform yet."
    ),
}

Render = Callable[[HttpRequest, Wijk], str]
Viewer = Callable[[HttpRequest, Wijk], str]


@dataclass(frozen=True)
class Panel:
    key: str
    obstacle: Obstacle
    title: Any
    render: Render
    order: int = 50
    viewer: Viewer | None = None


# One panel per `key`: registering it again replaces it.
PANELS: hooks.Hook[Panel] = hooks.Hook("dashboard.panels", key=lambda panel: panel.key)


def panels_for(obstacle: Obstacle) -> list[Panel]:
    return sorted(
        (p for p in hooks.registered(PANELS) if p.obstacle == obstacle),
        key=lambda p: (p.order, p.key),
    )
