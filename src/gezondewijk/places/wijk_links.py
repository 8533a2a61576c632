"""Links on a wijk's page to what higher apps know about it (its network, its dashboard).

places sits low and never imports those apps; each registers a link in its `hooks.py`:

    hooks.register(wijk_links.WIJK_LINKS, wijk_links.WijkLink(
        label=_("Network"), url_name="network:wijk_network",
        visible=lambda user, wijk: policy.allows(user, Permission.VIEW_NETWORK_AGGREGATES, wijk)))
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from gezondewijk import hooks
from gezondewijk.places.models import Wijk


@dataclass(frozen=True)
class WijkLink:
    label: Any  # a lazy translation
    url_name: str  # reversed with the wijk's CBS code as its one argument
    visible: Callable[[Any, Wijk], bool]
    order: int = 50


# One link per `url_name`: registering it again replaces it.
WIJK_LINKS: hooks.Hook[WijkLink] = hooks.Hook("places.wijk_links", key=lambda link: link.url_name)


def links_for(user: Any, wijk: Wijk) -> list[tuple[Any, str]]:
    ordered = sorted(hooks.registered(WIJK_LINKS), key=lambda link: (link.order, link.url_name))
    return [
        (link.label, reverse(link.url_name, args=[wijk.code]))
        for link in ordered
        if link.visible(user, wijk)
    ]
