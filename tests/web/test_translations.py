"""Dutch first: every text the platform shows has a Dutch translation.

Each app may keep its own catalogue in `<app>/locale/nl/LC_MESSAGES/django.po`; the project's
shared one sits in `gezondewijk/locale`. All of them are checked.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gezondewijk

PACKAGE = Path(gezondewijk.__file__).parent
PO_FILES = sorted(PACKAGE.glob("**/locale/nl/LC_MESSAGES/django.po"))


def _entries(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if "msgid" in block]


def _untranslated(po_file: Path) -> list[str]:
    missing = []
    for block in _entries(po_file.read_text(encoding="utf-8")):
        if block.lstrip().startswith("#~"):
            continue
        lines = [line for line in block.splitlines() if not line.startswith("#|")]
        text = "\n".join(lines)
        msgid = "".join(re.findall(r'"(.*)"', text.split("msgstr")[0].split("msgid", 1)[1]))
        msgstr = "".join(re.findall(r'"(.*)"', text.split("msgstr", 1)[1]))
        if msgid and (not msgstr or "#, fuzzy" in block):
            missing.append(msgid)
    return missing


def test_the_project_catalogue_exists() -> None:
    assert PACKAGE / "locale/nl/LC_MESSAGES/django.po" in PO_FILES


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_message_has_a_dutch_translation(po_file: Path) -> None:
    assert _untranslated(po_file) == []


def test_every_text_in_the_code_is_in_a_catalogue(tmp_path: Path) -> None:
    """A text marked for translation but never extracted shows in English only. Extracting
    afresh from a copy of the code must leave nothing untranslated, in the catalogue where
    Django looks for it (a text that moved to another app counts as missing)."""
    copy = tmp_path / "gezondewijk"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    extracted = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--no-location", "-v0"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert extracted.returncode == 0, extracted.stderr
    missing = {
        str(po.relative_to(copy)): untranslated
        for po in sorted(copy.glob("**/locale/nl/LC_MESSAGES/django.po"))
        if (untranslated := _untranslated(po))
    }
    assert missing == {}, "run `make catalogues` and translate what it adds"


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_compiled_catalogue_is_current(po_file: Path) -> None:
    compiled = po_file.with_suffix(".mo")
    assert compiled.exists(), "run `make messages`"
    assert compiled.stat().st_mtime >= po_file.stat().st_mtime, "run `make messages`"


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_catalogue_is_well_formed(po_file: Path) -> None:
    """msgfmt finds what a hand edit breaks: duplicate entries, placeholders that differ
    between English and Dutch, plural forms that do not match the header."""
    checked = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
