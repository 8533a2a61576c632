"""The one registry of extension points: how a higher app gives something to a lower one.

A lower app declares each extension point it offers as a typed `Hook`, next to the type of
what it takes:

    MENU: Hook[MenuItem] = Hook("web.menu", key=lambda item: item.url_name)

A higher app registers its contributions in its own `hooks.py`, called from its
`AppConfig.ready()`:

    hooks.register(navigation.MENU, navigation.MenuItem(_("Plein"), "plein:home"))

and the lower app reads them back with `hooks.registered(MENU)`. So imports keep pointing
down, and "what does this app give to others" has one answer: its `hooks.py`.

Registering an item whose key is already registered replaces it, so a second `ready()` call
is harmless. Tests add an item for the length of a `with register_temporarily(...)` block, or
see a hook with nothing registered inside `with cleared_temporarily(...)`; nobody edits the
registry's private state.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _identity(item: object) -> Hashable:
    return id(item)


@dataclass(frozen=True, eq=False)
class Hook(Generic[T]):
    """An extension point. `key` tells which registered items are one and the same (the
    second replaces the first); without it every distinct object is its own item."""

    name: str
    key: Callable[[T], Hashable] = field(default=_identity)

    def __post_init__(self) -> None:
        if self.name in _declared and _declared[self.name] is not self:
            raise ValueError(f"hook {self.name!r} is declared twice")
        _declared[self.name] = self


_declared: dict[str, Hook[Any]] = {}
_items: dict[str, dict[Hashable, object]] = {}


def register(hook: Hook[T], item: T) -> None:
    """Add `item` to `hook`, or replace the item with the same key."""
    _items.setdefault(hook.name, {})[hook.key(item)] = item


def registered(hook: Hook[T]) -> list[T]:
    """What the apps registered for `hook`, in the order they first registered it."""
    return list(_items.get(hook.name, {}).values())  # type: ignore[arg-type]


def declared() -> dict[str, Hook[Any]]:
    """Every extension point by name (for the system check and the docs)."""
    return dict(_declared)


@contextmanager
def register_temporarily(hook: Hook[T], item: T) -> Iterator[T]:
    """`item` is registered inside the block; afterwards `hook` holds what it held before
    (an item it replaced comes back)."""
    items = _items.setdefault(hook.name, {})
    before = dict(items)
    register(hook, item)
    try:
        yield item
    finally:
        items.clear()
        items.update(before)


@contextmanager
def cleared_temporarily(hook: Hook[T]) -> Iterator[None]:
    """Nothing is registered for `hook` inside the block; afterwards it holds what it held."""
    items = _items.setdefault(hook.name, {})
    before = dict(items)
    items.clear()
    try:
        yield
    finally:
        items.clear()
        items.update(before)
