"""The main menu, filled by the apps: each registers its own entries in its `hooks.py`.

    hooks.register(navigation.MENU, navigation.MenuItem(
        label=_("My wijk"), url_name="network:mijn_wijk", order=20, visible=is_resident))

The layout never learns the names of the apps above it; an app that is not installed simply
has no entry.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from gezondewijk import hooks


def logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@dataclass(frozen=True)
class MenuItem:
    label: Any  # a lazy translation
    url_name: str
    order: int = 50
    visible: Callable[[Any], bool] = logged_in


# One entry per `url_name`: registering it again replaces it.
MENU: hooks.Hook[MenuItem] = hooks.Hook("web.menu", key=lambda item: item.url_name)


def menu_for(user: Any) -> list[tuple[Any, str]]:
    items = sorted(hooks.registered(MENU), key=lambda i: (i.order, i.url_name))
    return [(i.label, reverse(i.url_name)) for i in items if i.visible(user)]


def menu(request: HttpRequest) -> dict[str, Any]:
    """Context processor: `menu` is the list of (label, url) the current user may open.

    Context processors run for every template rendered with the request, and a dashboard
    renders one per panel: the menu is worked out only when a template shows it, and at most
    once per request."""
    return {"menu": SimpleLazyObject(lambda: _menu_of(request))}


def _menu_of(request: HttpRequest) -> list[tuple[Any, str]]:
    found: list[tuple[Any, str]] | None = getattr(request, "_gezondewijk_menu", None)
    if found is None:
        found = menu_for(request.user)
        request._gezondewijk_menu = found  # type: ignore[attr-defined]
    return found
