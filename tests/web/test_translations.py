"""Dutch first: every text the platform shows has a Dutch translation.

Each app may keep its own catalogue in `<app>/locale/nl/LC_MESSAGES/django.po`; the project's
shared one sits in `gezondewijk/locale`. All of them are checked.
"""

import re
import subprocess
from pathlib import Path

import pytest

import gezondewijk

PACKAGE = Path(gezondewijk.__file__).parent
PO_FILES = sorted(PACKAGE.glob("**/locale/nl/LC_MESSAGES/django.po"))


def _entries(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if "msgid" in block]


def test_the_project_catalogue_exists() -> None:
    assert PACKAGE / "locale/nl/LC_MESSAGES/django.po" in PO_FILES


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_message_has_a_dutch_translation(po_file: Path) -> None:
    untranslated = []
    for block in _entries(po_file.read_text(encoding="utf-8")):
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgstr")[0]))
        msgstr = "".join(re.findall(r'"(.*)"', block.split("msgstr", 1)[1]))
        if msgid and (not msgstr or "#, fuzzy" in block):
            untranslated.append(msgid)
    assert untranslated == []


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
