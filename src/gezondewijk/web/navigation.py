"""The main menu, filled by the apps: each registers its own entries in AppConfig.ready().

    from gezondewijk.web import navigation
    navigation.register(navigation.MenuItem(
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


def logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@dataclass(frozen=True)
class MenuItem:
    label: Any  # a lazy translation
    url_name: str
    order: int = 50
    visible: Callable[[Any], bool] = logged_in


_items: dict[str, MenuItem] = {}


def register(item: MenuItem) -> None:
    """Add (or replace, so a second ready() call is harmless) the entry for `url_name`."""
    _items[item.url_name] = item


def menu_for(user: Any) -> list[tuple[Any, str]]:
    items = sorted(_items.values(), key=lambda i: (i.order, i.url_name))
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
