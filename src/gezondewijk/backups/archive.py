"""The backup archive: which tables it holds and how a row becomes one line of JSON and back.

An archive is a zip file:

- `manifest.json`: format and version, when and from which database engine it was made, the
  applied migrations, and per table the model label, the columns in order, the number of rows,
  the SHA-256 of its data file and an order-independent digest of its rows;
- `data/<app_label.model>.jsonl`: one JSON array per row, the values in the manifest's column
  order (primary and foreign keys as they are, so every reference survives);
- `media/…`: the uploaded files under MEDIA_ROOT.

Values are written in a form that loses nothing on either engine: datetimes in full ISO 8601
with microseconds (Django's JSON encoder would cut them to milliseconds), decimals as strings,
binary data as base64. A table's digest is a sum of its rows' digests, each taken over the
row's canonical form (JSON object keys sorted), so it is the same whether the rows come from
SQLite or PostgreSQL, in whatever order.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import Field, Model
from django.utils.duration import duration_iso_string

FORMAT = "gezondewijk-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data/"
MEDIA_DIR = "media/"
DIGEST_MODULUS = 2**128

# Column types whose Python value is already what the database driver takes and JSON holds.
PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "BigIntegerField",
        "IntegerField",
        "SmallIntegerField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "BooleanField",
        "CharField",
        "TextField",
        "SlugField",
        "EmailField",
        "URLField",
        "FloatField",
        "GenericIPAddressField",
        "FileField",
        "ImageField",
    }
)


@dataclass(frozen=True)
class Table:
    """One table of the archive: a concrete model and its columns (attribute names)."""

    label: str
    model: type[Model]
    columns: tuple[str, ...]

    @property
    def member(self) -> str:
        return f"{DATA_DIR}{self.label}.jsonl"

    @property
    def fields(self) -> list[Field[Any, Any]]:
        by_attname = {f.attname: f for f in self.model._meta.concrete_fields}
        return [by_attname[c] for c in self.columns]


def tables() -> list[Table]:
    """Every table Django manages in this project, many-to-many link tables included."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.swapped:
            continue
        columns = tuple(f.attname for f in meta.concrete_fields)
        found.append(Table(meta.label_lower, model, columns))
    return sorted(found, key=lambda t: t.label)


def _internal_type(field: Field[Any, Any]) -> str:
    # A foreign key is stored as the key it points at.
    while field.is_relation and (field.many_to_one or field.one_to_one):
        field = field.target_field  # type: ignore[attr-defined]
    return field.get_internal_type()


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def encoders(table: Table) -> list[Callable[[Any], Any] | None]:
    """Per column: how its Python value becomes JSON (None: it already is)."""
    return [None if _internal_type(f) in PLAIN_TYPES else _to_json for f in table.fields]


def decoders(table: Table) -> list[Callable[[Any], Any] | None]:
    """Per column: how a JSON value becomes what the database driver takes (None: as is)."""
    found: list[Callable[[Any], Any] | None] = []
    for field in table.fields:
        kind = _internal_type(field)
        if kind in PLAIN_TYPES:
            found.append(None)
        else:
            found.append(partial(_from_json, field, kind == "JSONField"))
    return found


def _from_json(field: Field[Any, Any], as_is: bool, value: Any) -> Any:
    # A JSON field's value is its JSON already; to_python parses dates, decimals, base64 …
    return field.get_db_prep_save(value if as_is else field.to_python(value), connection)


def line(values: Iterable[Any], *, canonical: bool = False) -> bytes:
    """One row's line (without the newline); `canonical` sorts the keys of JSON objects."""
    return json.dumps(
        list(values), ensure_ascii=False, separators=(",", ":"), sort_keys=canonical
    ).encode()


def row_digest(encoded: bytes) -> int:
    return int.from_bytes(hashlib.sha256(encoded).digest()[:16], "big")


def encoded_rows(table: Table, chunk_size: int = 2000) -> Iterator[tuple[bytes, int]]:
    """The table's rows, read straight from the database: each as its line in the archive
    and the digest of its canonical form. The line keeps JSON objects' keys in the order the
    database gives them (SQLite keeps the text as written); the digest does not depend on it,
    since PostgreSQL's jsonb orders keys its own way."""
    convert = encoders(table)
    has_json = any(_internal_type(f) == "JSONField" for f in table.fields)
    rows = (
        table.model._base_manager.order_by("pk")
        .values_list(*table.columns)
        .iterator(chunk_size=chunk_size)
    )
    for row in rows:
        values = (
            row
            if not any(convert)
            else [v if c is None or v is None else c(v) for c, v in zip(convert, row, strict=True)]
        )
        encoded = line(values)
        yield encoded, row_digest(line(values, canonical=True) if has_json else encoded)


def table_digest(table: Table) -> tuple[int, str]:
    """(rows, digest) of what the database holds now: the digest is a sum of row digests, so
    it does not depend on the order rows come back in."""
    count, total = 0, 0
    for _encoded, digest in encoded_rows(table):
        count += 1
        total = (total + digest) % DIGEST_MODULUS
    return count, f"{total:032x}"
