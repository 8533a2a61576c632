"""The social-map exchange format: three tables, as CSV files or as sheets of one workbook.

The way neighbourhood platforms exchange a "sociale kaart": who is there (organisaties),
where (locaties) and what happens (activiteiten). Every cell is text; a list in a cell is
separated by ";". Times are local (Europe/Amsterdam) to the minute: "2026-03-05 10:00".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

import openpyxl
import polars as pl

from gezondewijk.errors import WHOLE_BODY, InputError
from gezondewijk.errors import Problem as Located

ORGANISATIES = "organisaties"
LOCATIES = "locaties"
ACTIVITEITEN = "activiteiten"
TABLES = (ORGANISATIES, LOCATIES, ACTIVITEITEN)
COLUMNS: dict[str, tuple[str, ...]] = {
    ORGANISATIES: ("gemeente", "naam", "type", "wijken", "website", "beschrijving"),
    LOCATIES: (
        "buurt",
        "naam",
        "soort",
        "adres",
        "breedtegraad",
        "lengtegraad",
        "organisaties",
        "beschrijving",
    ),
    ACTIVITEITEN: (
        "code",
        "gemeente",
        "organisatie",
        "titel",
        "begin",
        "einde",
        "buurt",
        "locatie",
        "themas",
        "beschrijving",
    ),
}
LIST_SEPARATOR = ";"
TIME_FORMAT = "%Y-%m-%d %H:%M"
LINE = "regel"  # the line (CSV) or row (XLSX) a record came from, 1 being the header


@dataclass(frozen=True)
class Problem:
    table: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.table}, regel {self.line}, kolom {self.column}: {self.message}"


class FormatError(InputError):
    """A file that cannot be imported; each problem names its table, line and column."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            [Located((*WHOLE_BODY, p.table, p.line, p.column), str(p)) for p in problems],
            text="; ".join(str(p) for p in problems),
        )
        self.problems = problems


def _frame(
    table: str, header: list[str], rows: list[list[str | None]], lines: list[int]
) -> pl.DataFrame:
    expected = COLUMNS[table]
    problems = [
        Problem(table, 1, name or f"#{i + 1}", "onbekende kolom")
        for i, name in enumerate(header)
        if name not in expected
    ] + [Problem(table, 1, name, "kolom ontbreekt") for name in expected if name not in header]
    if problems:
        raise FormatError(problems)
    columns = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    frame = pl.DataFrame(
        {LINE: lines, **{name: columns[name] for name in expected}},
        schema={LINE: pl.Int64, **dict.fromkeys(expected, pl.String)},
    )
    # Surrounding spaces are never meant; an empty cell is a missing value.
    return frame.with_columns(pl.col(name).str.strip_chars().replace("", None) for name in expected)


def read_csv(table: str, data: bytes) -> pl.DataFrame:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError([Problem(table, 1, "-", f"geen UTF-8-tekst ({error.reason})")]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    rows: list[list[str | None]] = []
    lines: list[int] = []
    ragged: list[Problem] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if header and len(row) != len(header):  # no header: every column is missing, below
            column = header[-1] if len(row) > len(header) else header[len(row)]
            ragged.append(
                Problem(
                    table, reader.line_num, column, f"{len(row)} velden, verwacht {len(header)}"
                )
            )
            continue
        rows.append(list(row))
        lines.append(reader.line_num)
    if ragged:
        raise FormatError(ragged)
    return _frame(table, header, rows, lines)


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime(TIME_FORMAT)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data: bytes) -> dict[str, pl.DataFrame]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise FormatError([Problem("werkmap", 1, "-", f"geen XLSX-bestand ({error})")]) from None
    frames: dict[str, pl.DataFrame] = {}
    for table in TABLES:
        if table not in workbook.sheetnames:
            continue
        rows = list(workbook[table].iter_rows(values_only=True))
        if not rows:
            continue
        header = [str(h).strip() if h is not None else "" for h in rows[0]]
        body = [
            (n, [_cell(v) for v in row][: len(header)] + [None] * (len(header) - len(row)))
            for n, row in enumerate(rows[1:], start=2)
            if any(v not in (None, "") for v in row)
        ]
        frames[table] = _frame(table, header, [r for _, r in body], [n for n, _ in body])
    workbook.close()
    return frames


def write_csv(frame: pl.DataFrame) -> bytes:
    return frame.write_csv(line_terminator="\n").encode()


def write_xlsx(frames: dict[str, pl.DataFrame]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for table in TABLES:
        sheet = workbook.create_sheet(table)
        sheet.append(list(COLUMNS[table]))
        for row in frames[table].iter_rows():
            # Cells as text, so a code like "0344" or a time keeps its exact form.
            sheet.append(["" if v is None else str(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_upload(data: bytes, *, table: str | None) -> dict[str, pl.DataFrame]:
    """A workbook (recognised by its ZIP signature) holds every table; a CSV file holds the
    one `table` names."""
    if data[:2] == b"PK":
        return read_xlsx(data)
    if table not in TABLES:
        raise FormatError([Problem(table or "-", 1, "-", "noem de tabel: " + ", ".join(TABLES))])
    return {table: read_csv(table, data)}
