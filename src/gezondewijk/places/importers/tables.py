"""Read a CSV or XLSX table as text, remembering where in the file every record sits.

Nothing is guessed here: every column is read as a string, so the importer decides what a
valid value is (vectorised, in Polars) and its error messages can quote the value as written
and point at the file's own line (CSV) or sheet row (XLSX).
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException

# The column with each record's line (CSV, header = line 1) or sheet row (XLSX).
LINE = "__line__"
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# XLSX rows are read in chunks so a progress bar can move while a big sheet loads.
XLSX_CHUNK = 2_000

ReadProgress = Callable[[int, int], None]


class TableError(Exception):
    """The file cannot be read as a table at all."""


@dataclass(frozen=True)
class Table:
    frame: pl.DataFrame  # String columns named by normalised header, plus LINE (Int64)
    file_name: str
    headers: dict[str, str]  # normalised name -> the name as written in the file
    sheet: str | None = None  # the sheet that was read, for XLSX
    header_line: int = 1
    records: bool = False  # JSON: records are numbered, not lines

    def where(self, line: int | None = None, column: str | None = None) -> str:
        """'file.csv, line 17, column a_inw': the place an error message points at."""
        parts = [self.file_name]
        if self.sheet is not None:
            parts.append(_("sheet %(sheet)s") % {"sheet": self.sheet})
        if line is not None:
            parts.append(self.line_label(line))
        if column is not None:
            parts.append(_("column %(column)s") % {"column": self.headers.get(column, column)})
        return ", ".join(parts)

    def line_label(self, line: int) -> str:
        if self.records:
            return _("record %(number)d") % {"number": line}
        if self.sheet is not None:
            return _("row %(row)d") % {"row": line}
        return _("line %(line)d") % {"line": line}


def normalise_header(name: object) -> str:
    return "" if name is None else str(name).strip().lower()


def read_table(path: Path, *, on_progress: ReadProgress | None = None) -> Table:
    if not path.is_file():
        raise TableError(_("%(file)s: file not found") % {"file": path})
    if path.suffix.lower() in XLSX_SUFFIXES:
        return _read_xlsx(path, on_progress)
    table = _read_csv(path)
    if on_progress:
        on_progress(1, 1)
    return table


def _check_headers(file_name: str, names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise TableError(
                _("%(file)s: column %(column)s appears more than once in the header")
                % {"file": file_name, "column": name}
            )
        seen.add(name)


def _read_csv(path: Path) -> Table:
    data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # Older CBS downloads come in Windows-1252; Polars reads UTF-8 only.
        data = data.decode("cp1252", errors="replace").encode("utf-8")
    first_line = data.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
    if not first_line.strip():
        raise TableError(_("%(file)s: the file is empty or has no header") % {"file": path.name})
    separator = max((",", ";", "\t"), key=first_line.count)
    written = next(csv.reader([first_line], delimiter=separator))
    names = [normalise_header(name) for name in written]
    _check_headers(path.name, names)
    try:
        frame = pl.read_csv(
            io.BytesIO(data),
            separator=separator,
            has_header=True,
            new_columns=[name or f"__unnamed_{i}" for i, name in enumerate(names)],
            infer_schema=False,
        )
    except pl.exceptions.PolarsError as error:
        first = str(error).strip().splitlines()[0]
        raise TableError(
            _("%(file)s: cannot be read as CSV: %(error)s") % {"file": path.name, "error": first}
        ) from error
    frame = _with_lines(frame, first_line=2, newlines=data.count(b"\n"))
    headers = {name: original.strip() for name, original in zip(names, written, strict=True)}
    return Table(frame=frame, file_name=path.name, headers=headers)


def _with_lines(frame: pl.DataFrame, *, first_line: int, newlines: int) -> pl.DataFrame:
    """Number the records by file line; blank lines arrive as all-null records, so count."""
    values = pl.exclude(LINE)
    frame = frame.with_row_index(LINE, offset=first_line).with_columns(pl.col(LINE).cast(pl.Int64))
    if newlines > frame.height + 1:
        # A quoted value holds a line break: later records start further down the file.
        breaks = pl.sum_horizontal(values.fill_null("").str.count_matches("\n"))
        frame = frame.with_columns(pl.col(LINE) + breaks.cum_sum().shift(1, fill_value=0))
    return frame.filter(~pl.all_horizontal(values.is_null())).select(
        LINE, pl.exclude(LINE, "^__unnamed_.*$")
    )


def _read_xlsx(path: Path, on_progress: ReadProgress | None) -> Table:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise TableError(
            _("%(file)s: cannot be read as XLSX: %(error)s") % {"file": path.name, "error": error}
        ) from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        # The header is the first row with anything in it; CBS puts it in row 1.
        found = next(
            (
                (number, row)
                for number, row in enumerate(rows, start=1)
                if any(value is not None for value in row)
            ),
            None,
        )
        if found is None:
            raise TableError(_("%(file)s: the first sheet is empty") % {"file": path.name})
        header_row, header = found
        names = [normalise_header(value) for value in header]
        _check_headers(path.name, names)
        columns = [name or f"__unnamed_{i}" for i, name in enumerate(names)]
        records = _xlsx_records(sheet, header_row, len(columns), on_progress)
    finally:
        workbook.close()
    # strict=False lets Polars turn the numeric cells into text, no Python loop per cell.
    frame = pl.DataFrame(
        records, schema=dict.fromkeys(columns, pl.String), orient="row", strict=False
    )
    frame = _with_lines(frame, first_line=header_row + 1, newlines=0)
    headers = {name: str(value).strip() for name, value in zip(names, header, strict=True) if name}
    return Table(
        frame=frame,
        file_name=path.name,
        headers=headers,
        sheet=sheet.title,
        header_line=header_row,
    )


def _xlsx_records(
    sheet: Any, header_row: int, width: int, on_progress: ReadProgress | None
) -> list[tuple[Any, ...]]:
    # max_col pads short rows, and read-only mode yields empty rows too, so the n-th record
    # is sheet row header_row + n.
    rows = sheet.iter_rows(min_row=header_row + 1, max_col=width, values_only=True)
    total = max((sheet.max_row or 0) - header_row, 0)
    records: list[tuple[Any, ...]] = []
    for row in rows:
        records.append(row)
        if on_progress and len(records) % XLSX_CHUNK == 0:
            on_progress(len(records), max(total, len(records)))
    if on_progress:
        on_progress(len(records), len(records))
    return records
