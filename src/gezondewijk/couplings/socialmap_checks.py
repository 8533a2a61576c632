"""Checks of an imported social map, column by column (Polars), each problem with its line.

Every check is an expression that is true on the bad rows of one column; the problems are
those rows' line numbers, the column's name and the message. References (a gemeente code,
an organisation a location names) are checked against the database and the same import.
"""

from __future__ import annotations

import polars as pl

from gezondewijk.couplings.socialmap_format import (
    ACTIVITEITEN,
    LINE,
    LIST_SEPARATOR,
    LOCATIES,
    ORGANISATIES,
    TABLES,
    TIME_FORMAT,
    Problem,
)
from gezondewijk.initiatives.models import Theme
from gezondewijk.people.models import Organisation, OrganisationType
from gezondewijk.places.models import Buurt, Gemeente, LocationKind, StrategicLocation, Wijk
from gezondewijk.plein.models import OrganisationActivity

REQUIRED = {
    ORGANISATIES: ("gemeente", "naam", "type"),
    LOCATIES: ("buurt", "naam", "soort", "breedtegraad", "lengtegraad"),
    ACTIVITEITEN: ("code", "gemeente", "organisatie", "titel", "begin", "einde"),
}
MAX_LENGTH = {"naam": 160, "titel": 160, "adres": 200, "website": 200, "code": 80}
COORDINATE = r"^-?\d{1,3}(\.\d{1,6})?$"
CODE = r"^[-A-Za-z0-9_]+$"
URL = r"^https?://\S+$"

Check = tuple[str, pl.Expr, str]  # column, true on bad rows, message


def _known(values: object) -> pl.Series:
    return pl.Series(list(values), dtype=pl.String)  # type: ignore[call-overload]


def _key(*columns: str) -> pl.Expr:
    return pl.concat_str([pl.col(c) for c in columns], separator="\x1f")


def _pairs(rows: object) -> pl.Series:
    return _known(f"{a}\x1f{b}" for a, b in rows)  # type: ignore[attr-defined]


def _common(table: str, frame: pl.DataFrame) -> list[Check]:
    checks: list[Check] = [(c, pl.col(c).is_null(), "verplicht") for c in REQUIRED[table]]
    for column, limit in MAX_LENGTH.items():
        if column in frame.columns:
            checks.append(
                (column, pl.col(column).str.len_chars() > limit, f"langer dan {limit} tekens")
            )
    return checks


def _area_checks(
    column: str, known: pl.Series, allowed: set[str] | None, to_gemeente: pl.Expr
) -> list[Check]:
    checks: list[Check] = [
        (column, pl.col(column).is_in(known.implode()).not_(), "onbekende CBS-code")
    ]
    if allowed is not None:
        checks.append(
            (
                column,
                pl.col(column).is_in(known.implode())
                & to_gemeente.is_in(_known(allowed).implode()).not_(),
                "buiten de gemeente(n) die u mag bijwerken",
            )
        )
    return checks


def validate(
    frames: dict[str, pl.DataFrame], *, allowed_gemeenten: set[str] | None
) -> list[Problem]:
    gemeenten = _known(Gemeente.objects.values_list("code", flat=True))
    buurten = _known(Buurt.objects.values_list("code", flat=True))
    o, loc, act = frames[ORGANISATIES], frames[LOCATIES], frames[ACTIVITEITEN]

    # Organisations the other tables may name: those in the database and those imported now.
    organisations = pl.concat(
        [
            _pairs(Organisation.objects.values_list("gemeente__code", "name")),
            o.select(_key("gemeente", "naam")).to_series().drop_nulls(),
        ]
    )
    locations = pl.concat(
        [
            _pairs(StrategicLocation.objects.values_list("buurt__code", "name")),
            loc.select(_key("buurt", "naam")).to_series().drop_nulls(),
        ]
    )
    wijken = _pairs(Wijk.objects.values_list("gemeente__code", "code"))
    themes = _known(Theme.objects.values_list("slug", flat=True))
    gemeente_of_buurt = pl.lit("GM") + pl.col("buurt").str.slice(2, 4)

    def listed_missing(column: str, known: pl.Series, owner: pl.Expr) -> pl.Expr:
        # Each item is looked up together with its owner (the gemeente it must lie in).
        items = pl.col(column).str.split(LIST_SEPARATOR).list.eval(pl.element().str.strip_chars())
        return pl.col(column).is_not_null() & pl.struct(
            owner.alias("o"), items.alias("i")
        ).map_batches(lambda s: _any_missing(s, known), return_dtype=pl.Boolean)

    checks: dict[str, list[Check]] = {
        ORGANISATIES: [
            *_common(ORGANISATIES, o),
            *_area_checks("gemeente", gemeenten, allowed_gemeenten, pl.col("gemeente")),
            (
                "type",
                pl.col("type").is_in(_known(OrganisationType.values).implode()).not_(),
                "onbekend type; kies uit " + ", ".join(OrganisationType.values),
            ),
            (
                "naam",
                pl.col("naam").str.contains(LIST_SEPARATOR, literal=True),
                f"een naam mag geen '{LIST_SEPARATOR}' bevatten",
            ),
            (
                "naam",
                _key("gemeente", "naam").is_duplicated() & pl.col("naam").is_not_null(),
                "komt twee keer voor in deze gemeente",
            ),
            (
                "website",
                pl.col("website").str.contains(URL).not_(),
                "geen webadres (begin met https://)",
            ),
            (
                "wijken",
                listed_missing("wijken", wijken, pl.col("gemeente")),
                "onbekende wijk, of een wijk buiten de gemeente",
            ),
        ],
        LOCATIES: [
            *_common(LOCATIES, loc),
            *_area_checks("buurt", buurten, allowed_gemeenten, gemeente_of_buurt),
            (
                "soort",
                pl.col("soort").is_in(_known(LocationKind.values).implode()).not_(),
                "onbekende soort; kies uit " + ", ".join(LocationKind.values),
            ),
            (
                "naam",
                pl.col("naam").str.contains(LIST_SEPARATOR, literal=True),
                f"een naam mag geen '{LIST_SEPARATOR}' bevatten",
            ),
            (
                "naam",
                _key("buurt", "naam").is_duplicated() & pl.col("naam").is_not_null(),
                "komt twee keer voor in deze buurt",
            ),
            *_coordinate("breedtegraad", 50.7, 53.6),
            *_coordinate("lengtegraad", 3.3, 7.3),
            (
                "organisaties",
                listed_missing("organisaties", organisations, gemeente_of_buurt),
                "onbekende organisatie in de gemeente van deze buurt",
            ),
        ],
        ACTIVITEITEN: [
            *_common(ACTIVITEITEN, act),
            ("code", pl.col("code").str.contains(CODE).not_(), "alleen letters, cijfers, - en _"),
            (
                "code",
                pl.col("code").is_duplicated() & pl.col("code").is_not_null(),
                "komt twee keer voor",
            ),
            *_area_checks("gemeente", gemeenten, allowed_gemeenten, pl.col("gemeente")),
            (
                "organisatie",
                pl.col("gemeente").is_not_null()
                & pl.col("organisatie").is_not_null()
                & _key("gemeente", "organisatie").is_in(organisations.implode()).not_(),
                "onbekende organisatie in deze gemeente",
            ),
            *_time("begin"),
            *_time("einde"),
            ("einde", _parsed("einde") <= _parsed("begin"), "ligt niet na het begin"),
            (
                "locatie",
                pl.col("buurt").is_null() != pl.col("locatie").is_null(),
                "vul buurt en locatie allebei in, of geen van beide",
            ),
            (
                "locatie",
                pl.col("buurt").is_not_null()
                & pl.col("locatie").is_not_null()
                & _key("buurt", "locatie").is_in(locations.implode()).not_(),
                "onbekende locatie in deze buurt",
            ),
            ("themas", _plain_missing("themas", themes), "onbekend thema"),
        ],
    }
    if allowed_gemeenten is not None:
        # A code is unique in the whole platform: it may not take over another's activity.
        foreign = _known(
            OrganisationActivity.objects.exclude(
                organisation__gemeente__code__in=allowed_gemeenten
            ).values_list("code", flat=True)
        )
        checks[ACTIVITEITEN].append(
            ("code", pl.col("code").is_in(foreign.implode()), "hoort bij een andere gemeente")
        )

    problems: list[Problem] = []
    for table in TABLES:
        frame = frames[table]
        if frame.is_empty():
            continue
        found = pl.concat(
            [
                frame.filter(bad.fill_null(False)).select(
                    pl.col(LINE), pl.lit(column).alias("column"), pl.lit(message).alias("message")
                )
                for column, bad, message in checks[table]
            ]
        ).sort(LINE, maintain_order=True)
        problems += [Problem(table, line, c, m) for line, c, m in found.iter_rows()]
    return problems


def _any_missing(struct: pl.Series, known: pl.Series) -> pl.Series:
    frame = struct.struct.unnest().with_row_index("row")
    exploded = frame.explode("i").filter(pl.col("i").is_not_null() & (pl.col("i") != ""))
    missing = exploded.filter(
        pl.concat_str([pl.col("o"), pl.col("i")], separator="\x1f").is_in(known.implode()).not_()
    )["row"]
    return frame["row"].is_in(missing.implode())


def _plain_missing(column: str, known: pl.Series) -> pl.Expr:
    items = pl.col(column).str.split(LIST_SEPARATOR).list.eval(pl.element().str.strip_chars())
    return (
        pl.col(column).is_not_null()
        & items.list.eval(
            (pl.element() != "") & pl.element().is_in(known.implode()).not_()
        ).list.any()
    )


def _coordinate(column: str, low: float, high: float) -> list[Check]:
    value = pl.col(column).cast(pl.Float64, strict=False)
    return [
        (
            column,
            pl.col(column).str.contains(COORDINATE).not_(),
            "geen getal met hoogstens zes decimalen (punt als scheidingsteken)",
        ),
        (column, (value < low) | (value > high), f"ligt niet tussen {low} en {high}"),
    ]


def _parsed(column: str) -> pl.Expr:
    return pl.col(column).str.strptime(pl.Datetime("us"), TIME_FORMAT, strict=False)


def _time(column: str) -> list[Check]:
    return [
        (
            column,
            pl.col(column).is_not_null() & _parsed(column).is_null(),
            "geen tijd als 2026-03-05 10:00",
        ),
    ]
