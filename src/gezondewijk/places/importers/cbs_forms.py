"""The forms in which CBS publishes "Kerncijfers wijken en buurten", read into one layout.

CBS publishes the same key figures in several forms; each is recognised by its content (not
its name) and turned into the kwb workbook's layout (`gwb_code_10`, `regio`, `recs` and the
short figure names such as `a_inw`), so one set of checks and one writer serve them all:

- the kwb workbook or its CSV (`gwb_code_10`, `regio`, `recs`, `a_inw`, …);
- a StatLine/OData table (`WijkenEnBuurten`, `AantalInwoners_5`, `Bevolkingsdichtheid_34`, …)
  as CSV, as OData JSON (`{"value": [...]}`) or as a JSON object keyed by area code. Figure
  keys carry a position suffix that changes from table to table, so they are matched on the
  name before it. These tables give codes only: the level comes from the code's prefix, and
  an area is named by its code until a workbook or a boundary file names it;
- a StatLine CSV export (`;`, BOM, codes padded with spaces, columns titled in words such as
  "Bevolking/Aantal inwoners (aantal)").

Columns of the file the platform has no field for are kept with each area's figures
(`KeyFigureSet.other`), never dropped; `KeyFigureTable.unmapped` lists them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polars as pl
from django.utils.translation import gettext as _

from gezondewijk.places.importers.cbs_rows import (
    CODE,
    FIGURE_COLUMNS,
    LEVEL,
    NAME,
    CbsImportError,
)
from gezondewijk.places.importers.tables import LINE, Table, TableError, read_table

KWB = "kwb"
ODATA = "odata"
STATLINE = "statline"
FORM_LABELS = {
    KWB: "kwb workbook/CSV (gwb_code_10, regio, recs, a_inw, …)",
    ODATA: "StatLine/OData table (WijkenEnBuurten, AantalInwoners_5, …) as CSV or JSON",
    STATLINE: 'StatLine CSV export ("Wijken en buurten", "Regioaanduiding/Codering (code)", …)',
}
# CBS table ids of "Kerncijfers wijken en buurten" and the year they describe.
KNOWN_TABLES: dict[str, int] = {
    "83765NED": 2017,
    "84286NED": 2018,
    "84583NED": 2019,
    "84799NED": 2020,
    "85039NED": 2021,
    "85318NED": 2022,
    "85618NED": 2023,
    "85984NED": 2024,
}
TABLE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{5}NED)(?![0-9A-Za-z])", re.IGNORECASE)
# OData key (lower case, without its "_NN" position) -> kwb short column name.
ODATA_KEYS: dict[str, str] = {
    "aantalinwoners": "a_inw",
    "mannen": "a_man",
    "vrouwen": "a_vrouw",
    "k_0tot15jaar": "a_00_14",
    "k_15tot25jaar": "a_15_24",
    "k_25tot45jaar": "a_25_44",
    "k_45tot65jaar": "a_45_64",
    "k_65jaarofouder": "a_65_oo",
    "huishoudenstotaal": "a_hh",
    "eenpersoonshuishoudens": "a_1p_hh",
    "huishoudensmetkinderen": "a_hh_m_k",
    "gemiddeldehuishoudensgrootte": "g_hhgro",
    "nederland": "a_nl_all",
    "europaexclusiefnederland": "a_eur_al",
    "buiteneuropa": "a_neu_al",
    "gemiddeldinkomenperinwoner": "g_ink_pi",
    "huishoudensmeteenlaaginkomen": "p_hh_li",
    "woningvoorraad": "a_woning",
    "bevolkingsdichtheid": "bev_dich",
    "oppervlaktetotaal": "a_opp_ha",
    "oppervlakteland": "a_lan_ha",
    "oppervlaktewater": "a_wat_ha",
    "matevanstedelijkheid": "ste_mvs",
}
ODATA_CODE = "wijkenenbuurten"
# The title of a StatLine export column (its last part, lower case, without the unit) ->
# kwb short column name.
STATLINE_TITLES: dict[str, str] = {
    "aantal inwoners": "a_inw",
    "mannen": "a_man",
    "vrouwen": "a_vrouw",
    "0 tot 15 jaar": "a_00_14",
    "15 tot 25 jaar": "a_15_24",
    "25 tot 45 jaar": "a_25_44",
    "45 tot 65 jaar": "a_45_64",
    "65 jaar of ouder": "a_65_oo",
    "huishoudens totaal": "a_hh",
    "eenpersoonshuishoudens": "a_1p_hh",
    "huishoudens met kinderen": "a_hh_m_k",
    "gemiddelde huishoudensgrootte": "g_hhgro",
    "nederland": "a_nl_all",
    "europa (exclusief nederland)": "a_eur_al",
    "buiten europa": "a_neu_al",
    "gemiddeld inkomen per inwoner": "g_ink_pi",
    "huishoudens met een laag inkomen": "p_hh_li",
    "woningvoorraad": "a_woning",
    "bevolkingsdichtheid": "bev_dich",
    "oppervlakte totaal": "a_opp_ha",
    "oppervlakte land": "a_lan_ha",
    "oppervlakte water": "a_wat_ha",
    "mate van stedelijkheid": "ste_mvs",
}
STATLINE_CODE = "regioaanduiding/codering (code)"
STATLINE_NAME = "wijken en buurten"
STATLINE_LEVEL = "regioaanduiding/soort regio (omschrijving)"
UNIT = re.compile(r"\s*\([^()]*\)\s*$")
POSITION = re.compile(r"_\d+$")
PREFIX_LEVEL = {"GM": "Gemeente", "WK": "Wijk", "BU": "Buurt", "NL": "Land"}
# Columns that identify a row rather than describe the area: not kept among its figures.
IDENTITY = {"id", "__name_known__"}


@dataclass(frozen=True)
class KeyFigureTable:
    """A key-figures file in the kwb layout, with what the importer needs to know of it."""

    table: Table
    form: str
    source: str  # the CBS table id, or else the file name
    year_hint: int | None  # the year the table id stands for
    names_known: bool  # False: the file gives codes only, `regio` holds the code
    unmapped: list[str] = field(default_factory=list)  # columns kept as written


def read_key_figures(path: Path, *, source: str | None = None) -> KeyFigureTable:
    """Read any form CBS publishes key figures in; raises CbsImportError naming the forms it
    knows when the file is none of them."""
    try:
        table = _read_json(path) if _looks_like_json(path) else read_table(path)
    except TableError as error:
        raise CbsImportError(str(error)) from error
    columns = set(table.frame.columns)
    if CODE in columns:
        result = KeyFigureTable(table, KWB, "", None, names_known=True)
    elif ODATA_CODE in columns:
        result = _from_odata(table)
    elif STATLINE_CODE in columns:
        result = _from_statline(table)
    else:
        raise CbsImportError(
            _(
                "%(where)s: not a form of CBS key figures this platform knows. Known forms: "
                "%(forms)s"
            )
            % {"where": table.where(table.header_line), "forms": "; ".join(FORM_LABELS.values())}
        )
    table_id = _table_id(path.name) or _table_id(source or "")
    year_hint = KNOWN_TABLES.get(table_id or "")
    mapped = set(FIGURE_COLUMNS) | {CODE, NAME, LEVEL, LINE}
    unmapped = [c for c in result.table.frame.columns if c not in mapped | IDENTITY]
    return replace(
        result,
        source=source or table_id or path.name,
        year_hint=year_hint,
        unmapped=unmapped,
    )


def _table_id(text: str) -> str | None:
    found = TABLE_ID.search(text)
    return found.group(1).upper() if found else None


def _looks_like_json(path: Path) -> bool:
    if path.suffix.lower() == ".json":
        return True
    if not path.is_file():
        return False
    with path.open("rb") as f:
        start = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start[:1] in (b"{", b"[")


def _read_json(path: Path) -> Table:
    """OData JSON (`value` list, with `odata.nextLink` pages already joined) or an object
    keyed by area code; each record numbered from 1 in the file's order."""
    if not path.is_file():
        raise TableError(_("%(file)s: file not found") % {"file": path})
    try:
        document = json.loads(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        # RecursionError: nesting deeper than any table has (a hostile file).
        raise TableError(
            _("%(file)s: cannot be read as JSON: %(error)s") % {"file": path.name, "error": error}
        ) from error
    records = _json_records(document)
    if records is None:
        raise TableError(
            _(
                '%(file)s: JSON without key figures: expected an OData document ({"value": '
                "[…]}) or an object with one entry per area code"
            )
            % {"file": path.name}
        )
    if not records:
        raise TableError(_("%(file)s: the file holds no areas") % {"file": path.name})
    written: dict[str, str] = {}
    for record in records:
        for key in record:
            written.setdefault(str(key).strip().lower(), str(key).strip())
    text_records = [
        {name.strip().lower(): _as_text(value) for name, value in record.items()}
        for record in records
    ]
    frame = pl.DataFrame(
        text_records, schema=dict.fromkeys(written, pl.String), orient="row", strict=False
    )
    frame = frame.with_row_index(LINE, offset=1).with_columns(pl.col(LINE).cast(pl.Int64))
    return Table(frame=frame, file_name=path.name, headers=written, records=True)


def _json_records(document: Any) -> list[dict[str, Any]] | None:
    if isinstance(document, dict) and isinstance(document.get("value"), list):
        rows = document["value"]
        return rows if all(isinstance(row, dict) for row in rows) else None
    if isinstance(document, list) and all(isinstance(row, dict) for row in document):
        return document
    values = document.values() if isinstance(document, dict) else ()
    if values and all(isinstance(v, dict) for v in values):
        return [{"WijkenEnBuurten": code, **values} for code, values in document.items()]
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()  # not a figure: the checks refuse it as "not a number"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _renamed(table: Table, mapping: dict[str, str]) -> Table:
    """The table with its figure columns renamed to kwb names; two columns meaning one
    figure are refused, since either choice would drop the other silently."""
    claimed: dict[str, str] = {}
    for column, kwb in mapping.items():
        if kwb in claimed:
            raise CbsImportError(
                _("%(file)s: columns %(first)s and %(second)s both give the figure %(figure)s")
                % {
                    "file": table.file_name,
                    "first": table.headers.get(claimed[kwb], claimed[kwb]),
                    "second": table.headers.get(column, column),
                    "figure": FIGURE_COLUMNS[kwb],
                }
            )
        claimed[kwb] = column
    frame = table.frame.rename(mapping)
    headers = {mapping.get(name, name): written for name, written in table.headers.items()}
    return replace(table, frame=frame, headers=headers)


def _with_code_level_and_name(table: Table, name: pl.Expr | None) -> pl.DataFrame:
    code = pl.col(CODE).str.strip_chars().str.to_uppercase()
    level = pl.col(LEVEL) if LEVEL in table.frame.columns else None
    derived = code.str.slice(0, 2).replace_strict(PREFIX_LEVEL, default=None)
    return table.frame.with_columns(
        code.alias(CODE),
        (derived if level is None else pl.coalesce(level.str.strip_chars(), derived)).alias(LEVEL),
        (code if name is None else name).alias(NAME),
    )


def _from_odata(table: Table) -> KeyFigureTable:
    mapping = {
        column: ODATA_KEYS[POSITION.sub("", column)]
        for column in table.frame.columns
        if POSITION.sub("", column) in ODATA_KEYS
    }
    mapping[ODATA_CODE] = CODE
    table = _renamed(table, mapping)
    names = [c for c in table.frame.columns if POSITION.sub("", c) in ("title", "naam")]
    name = pl.col(names[0]).str.strip_chars() if names else None
    frame = _with_code_level_and_name(table, name)
    # The OData level column ("SoortRegio_2") says the same as the code's prefix.
    frame = frame.drop([c for c in frame.columns if POSITION.sub("", c) == "soortregio"])
    # The level is read off the code, so a problem with it points at the code's column.
    headers = table.headers | {LEVEL: table.headers.get(LEVEL) or table.headers[CODE]}
    named = bool(names)
    return KeyFigureTable(replace(table, frame=frame, headers=headers), ODATA, "", None, named)


def _from_statline(table: Table) -> KeyFigureTable:
    mapping: dict[str, str] = {STATLINE_CODE: CODE}
    for column in table.frame.columns:
        title = UNIT.sub("", column.rsplit("/", 1)[-1]).strip()
        if title in STATLINE_TITLES and column != STATLINE_CODE:
            mapping[column] = STATLINE_TITLES[title]
    if STATLINE_LEVEL in table.frame.columns:
        mapping[STATLINE_LEVEL] = LEVEL
    table = _renamed(table, mapping)
    has_name = STATLINE_NAME in table.frame.columns
    name = pl.col(STATLINE_NAME).str.strip_chars() if has_name else None
    frame = _with_code_level_and_name(table, name)
    if has_name:
        frame = frame.drop(STATLINE_NAME)
    return KeyFigureTable(replace(table, frame=frame), STATLINE, "", None, has_name)
