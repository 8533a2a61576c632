"""The layer order of DESIGN.md §4 is a contract (`.importlinter`), checked in `make lint`.

These tests run the same tool the Makefile runs: on the code as it is (the contract holds) and
on a copy with one import pointing up (the contract breaks, naming the offending import).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(source: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(ROOT / ".importlinter")],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"},
        cwd=source,
        timeout=120,
    )


def test_the_code_keeps_the_layer_contract() -> None:
    result = _lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        # A low app reaching up to a high one, at run time...
        ("places/selectors.py", "import gezondewijk.couplings.models"),
        # ...and for the type checker only: a cycle for mypy is still a cycle.
        (
            "privacy/types.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import gezondewijk.people",
        ),
        # The permission table sits below every app.
        ("permissions/policy.py", "import gezondewijk.places.models"),
    ],
)
def test_an_upward_import_breaks_the_contract(tmp_path: Path, module: str, upward: str) -> None:
    copy = tmp_path / "gezondewijk"
    shutil.copytree(
        ROOT / "src/gezondewijk",
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "locale", "static", "templates", "data"),
    )
    target = copy / module
    target.write_text(target.read_text() + "\n" + upward + "\n")

    result = _lint_imports(tmp_path)

    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert f"gezondewijk.{module.removesuffix('.py').replace('/', '.')}" in result.stdout
