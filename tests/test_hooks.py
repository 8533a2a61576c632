"""The hooks registry: typed extension points, replacement by key, temporary registration."""

import ast
import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from django.apps import apps

import gezondewijk
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


def test_a_cleared_hook_holds_nothing_inside_the_block_and_its_items_afterwards() -> None:
    with hooks.register_temporarily(ENTRIES, Entry("a", 1)):
        with hooks.cleared_temporarily(ENTRIES):
            assert hooks.registered(ENTRIES) == []
        assert hooks.registered(ENTRIES) == [Entry("a", 1)]


def test_a_hook_name_is_declared_once() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        hooks.Hook("tests.entries")
    assert hooks.declared()["tests.entries"] is ENTRIES


# -- the apps' own extension points --------------------------------------------------------

SRC = Path(gezondewijk.__file__).parent


def _app_hook_modules() -> list[ModuleType]:
    found = []
    for config in apps.get_app_configs():
        if config.name.startswith("gezondewijk.") and (Path(config.path) / "hooks.py").exists():
            found.append(importlib.import_module(f"{config.name}.hooks"))
    return found


def test_every_extension_point_of_the_apps_has_something_registered() -> None:
    offered = {
        name: hook for name, hook in hooks.declared().items() if not name.startswith("tests.")
    }
    assert len(offered) >= 12
    assert [name for name, hook in offered.items() if not hooks.registered(hook)] == []


def test_registering_every_app_again_changes_nothing() -> None:
    def snapshot() -> dict[str, list[object]]:
        return {name: hooks.registered(hook) for name, hook in hooks.declared().items()}

    before = snapshot()
    modules = _app_hook_modules()
    for module in modules:
        module.register()
    assert len(modules) >= 15
    assert snapshot() == before


def test_every_installed_app_with_a_hooks_module_calls_it_when_ready() -> None:
    for module in _app_hook_modules():
        app = module.__name__.rsplit(".", 1)[0]
        ready = inspect.getsource(importlib.import_module(f"{app}.apps"))
        assert "hooks.register()" in ready, app


def _register_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text())
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "register"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "hooks"
        and node.args  # hooks.register(HOOK, item), not an app's own hooks.register()
    ]


def test_an_app_registers_what_it_gives_only_in_its_hooks_module() -> None:
    elsewhere = [
        f"{path.relative_to(SRC)}:{line}"
        for path in SRC.rglob("*.py")
        if path.name != "hooks.py"
        for line in _register_calls(path)
    ]
    assert _register_calls(SRC / "network" / "hooks.py")  # the scan sees a real call
    assert elsewhere == []
