"""The hooks registry: typed extension points, replacement by key, temporary registration."""

from dataclasses import dataclass

import pytest

from gezondewijk import hooks


@dataclass(frozen=True)
class Entry:
    name: str
    value: int


ENTRIES: hooks.Hook[Entry] = hooks.Hook("tests.entries", key=lambda entry: entry.name)
PLAIN: hooks.Hook[object] = hooks.Hook("tests.plain")


def test_registered_items_come_back_in_the_order_they_were_first_registered() -> None:
    with (
        hooks.register_temporarily(ENTRIES, Entry("b", 1)),
        hooks.register_temporarily(ENTRIES, Entry("a", 2)),
    ):
        assert [e.name for e in hooks.registered(ENTRIES)] == ["b", "a"]


def test_an_item_with_the_same_key_replaces_the_first() -> None:
    with hooks.register_temporarily(ENTRIES, Entry("a", 1)):
        with hooks.register_temporarily(ENTRIES, Entry("a", 2)):
            assert hooks.registered(ENTRIES) == [Entry("a", 2)]
        # Leaving the inner block brings the replaced item back.
        assert hooks.registered(ENTRIES) == [Entry("a", 1)]
    assert hooks.registered(ENTRIES) == []


def test_without_a_key_each_object_is_its_own_item() -> None:
    first, second = object(), object()
    with hooks.register_temporarily(PLAIN, first), hooks.register_temporarily(PLAIN, second):
        assert hooks.registered(PLAIN) == [first, second]


def test_a_temporary_registration_is_undone_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), hooks.register_temporarily(ENTRIES, Entry("x", 1)):
        raise RuntimeError("boom")
    assert hooks.registered(ENTRIES) == []


def test_a_hook_name_is_declared_once() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        hooks.Hook("tests.entries")
    assert hooks.declared()["tests.entries"] is ENTRIES
