"""CBS area codes: GM + 4 digits, WK + 6, BU + 8; the last parts may contain letters.

A wijk code extends its gemeente's digits and a buurt code extends its wijk's, so the parent
of every code can be read off the code itself (WK034401 lies in GM0344, BU03440111 in WK034401).
"""

import re
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class Level(StrEnum):
    GEMEENTE = "gemeente"
    WIJK = "wijk"
    BUURT = "buurt"


PATTERNS: dict[Level, re.Pattern[str]] = {
    Level.GEMEENTE: re.compile(r"^GM\d{4}$"),
    Level.WIJK: re.compile(r"^WK\d{4}[0-9A-Z]{2}$"),
    Level.BUURT: re.compile(r"^BU\d{4}[0-9A-Z]{4}$"),
}
# The same patterns as regular-expression strings, for vectorised checks in Polars.
PATTERN_STRINGS: dict[Level, str] = {level: p.pattern for level, p in PATTERNS.items()}
PREFIX: dict[Level, str] = {Level.GEMEENTE: "GM", Level.WIJK: "WK", Level.BUURT: "BU"}
CODE_LENGTH: dict[Level, int] = {Level.GEMEENTE: 6, Level.WIJK: 8, Level.BUURT: 10}


def level_of(code: str) -> Level | None:
    for level, pattern in PATTERNS.items():
        if pattern.match(code):
            return level
    return None


def parent_code(code: str) -> str | None:
    """The code of the area one level up, or None for a gemeente."""
    level = level_of(code)
    if level is Level.WIJK:
        return "GM" + code[2:6]
    if level is Level.BUURT:
        return "WK" + code[2:8]
    return None


def validate_code(code: str, level: Level) -> None:
    if not PATTERNS[level].match(code):
        examples = {Level.GEMEENTE: "GM0344", Level.WIJK: "WK034401", Level.BUURT: "BU03440111"}
        raise ValidationError(
            _("%(code)s is not a valid %(level)s code (expected e.g. %(example)s).")
            % {"code": code, "level": level.value, "example": examples[level]}
        )


def validate_gemeente_code(code: str) -> None:
    validate_code(code, Level.GEMEENTE)


def validate_wijk_code(code: str) -> None:
    validate_code(code, Level.WIJK)


def validate_buurt_code(code: str) -> None:
    validate_code(code, Level.BUURT)
