"""Dutch first: every text the platform shows has a Dutch translation."""

import re
from pathlib import Path

import gezondewijk

PO_FILE = Path(gezondewijk.__file__).parent / "locale/nl/LC_MESSAGES/django.po"


def _entries(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if "msgid" in block]


def test_every_message_has_a_dutch_translation() -> None:
    untranslated = []
    for block in _entries(PO_FILE.read_text(encoding="utf-8")):
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgstr")[0]))
        msgstr = "".join(re.findall(r'"(.*)"', block.split("msgstr", 1)[1]))
        if msgid and (not msgstr or "#, fuzzy" in block):
            untranslated.append(msgid)
    assert untranslated == []


def test_the_compiled_catalogue_is_current() -> None:
    compiled = PO_FILE.with_suffix(".mo")
    assert compiled.exists(), "run `make messages`"
    assert compiled.stat().st_mtime >= PO_FILE.stat().st_mtime, "run `make messages`"
