"""Ranked Dutch full-text search over interventions, on PostgreSQL and on SQLite.

Both databases keep the search document of each intervention in a table of their own,
`projectbank_search`, keyed by the intervention's id (`rowid`); the services keep it current
(`index_interventions`) and `reindex_all` rebuilds it. A query never analyses the text of
the interventions themselves.

PostgreSQL: a stored tsvector (`document`, with a GIN index) built by PostgreSQL's own
`dutch` text-search configuration (Snowball stemmer and Dutch stop words). The title weighs
most (A), then summary, aim and target group (B), then the rest (C); ts_rank ranks with
these weights. Indexing is one INSERT ... SELECT per batch, inside the database.

SQLite: FTS5 has no Dutch stemmer (it ships only an English Porter tokenizer), so the bank
stems in Python with the Snowball Dutch stemmer (snowballstemmer, the same algorithm family
PostgreSQL uses) and keeps the stems in an FTS5 table. Queries are stemmed the same way, so
"bewegen" and "beweging" both become "beweg". bm25() ranks with the title column weighted
ten times the body.

Fallback: a SQLite built without FTS5 gets a plain table of the same shape (see the
migration). The same stems are then matched with LIKE on word boundaries and ranked by where
they occur (a title hit counts ten times a body hit). Slower on a large bank, same answers
for word forms; `uses_fts5()` tells which is in use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from django.db import connection, transaction
from django.db.models import FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL

from gezondewijk.projectbank.models import Intervention

FTS_TABLE = "projectbank_search"
TITLE_WEIGHT = 10.0
WORD = re.compile(r"\w+", re.UNICODE)
# Words too common in this bank to tell interventions apart; PostgreSQL's dutch
# configuration drops its own list of stop words.
STOP_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "in",
        "op",
        "te",
        "voor",
        "met",
        "aan",
        "bij",
        "door",
        "dat",
        "die",
        "dit",
        "is",
        "zijn",
        "of",
        "als",
        "om",
        "naar",
        "er",
        "ook",
        "wordt",
        "worden",
        "uit",
        "tot",
        "over",
    ]
)
BODY_FIELDS = (
    "summary",
    "aim",
    "target_group",
    "approach",
    "preconditions",
    "transferability",
    "costs",
)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.Stemmer:
    return snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    # The Snowball stemmer is pure Python; a bank's vocabulary is small, so each word is
    # stemmed once and remembered.
    return str(_stemmer().stemWord(word))


def stems(text: str) -> list[str]:
    words = WORD.findall(text.lower())
    return [_stem(w) for w in words if w not in STOP_WORDS and not w.isdigit()]


# PostgreSQL: the weighted document of the intervention row `i` (the same expression as in
# migration 0003, which fills the table for interventions that existed before it).
PG_DOCUMENT = (
    "setweight(to_tsvector('dutch'::regconfig, coalesce(i.title, '')), 'A')"
    " || setweight(to_tsvector('dutch'::regconfig,"
    " concat_ws(' ', i.summary, i.aim, i.target_group)), 'B')"
    " || setweight(to_tsvector('dutch'::regconfig,"
    " concat_ws(' ', i.approach, i.preconditions, i.transferability, i.costs)), 'C')"
)
PG_QUERY = "websearch_to_tsquery('dutch'::regconfig, %s)"


def _document(intervention: Intervention) -> tuple[str, str]:
    body = " ".join(str(getattr(intervention, name)) for name in BODY_FIELDS)
    return " ".join(stems(intervention.title)), " ".join(stems(body))


def _index_postgres(ids: list[int] | None) -> None:
    """(Re)build the stored documents of the interventions `ids` (None: all) from their rows."""
    where = "" if ids is None else "WHERE i.id = ANY(%s)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, document) SELECT i.id, {PG_DOCUMENT} "
            f"FROM {Intervention._meta.db_table} i {where} "
            "ON CONFLICT (rowid) DO UPDATE SET document = EXCLUDED.document",
            [] if ids is None else [ids],
        )


def index_interventions(interventions: Iterable[Intervention]) -> None:
    """Put the interventions' search documents into the index; call after saving them."""
    if is_postgres():
        ids = [i.pk for i in interventions]
        if ids:
            _index_postgres(ids)
        return
    rows = [(i.pk, *_document(i)) for i in interventions]
    if not rows:
        return
    # One transaction: outside one, SQLite would commit (and sync) after every row.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r[0],) for r in rows])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)", rows
        )


def unindex(intervention_ids: Iterable[int]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in intervention_ids]
        )


def clear_index() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")


def reindex_all() -> None:
    clear_index()
    if is_postgres():
        _index_postgres(None)
        return
    index_interventions(Intervention.objects.iterator(chunk_size=500))


def uses_fts5() -> bool:
    """Whether the SQLite index is an FTS5 table (False: the LIKE fallback)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        row = cursor.fetchone()
    return bool(row and "fts5" in str(row[0]).lower())


def _like_conditions(terms: list[str], prefix: str) -> tuple[list[str], list[str]]:
    """Every stem must occur as a whole word in title or body."""
    words = f"(' ' || {prefix}title || ' ' || {prefix}body || ' ')"
    return [f"{words} LIKE %s" for _ in terms], [f"% {t} %" for t in terms]


def _fts_query(query: str) -> str | None:
    # Every stem must occur; each is quoted, so FTS5 syntax in the input means nothing.
    terms = stems(query)
    return " AND ".join(f'"{t}"' for t in terms) if terms else None


def search(queryset: QuerySet[Intervention], query: str) -> QuerySet[Intervention]:
    """`queryset` narrowed to the matches of `query`, annotated with `rank`, best first."""
    if not query.strip():
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    if is_postgres():
        return _search_postgres(queryset, query)
    return _search_sqlite(queryset, query)


def matching(queryset: QuerySet[Intervention], query: str) -> QuerySet[Intervention]:
    """`queryset` narrowed to the matches of `query`, unranked: for counting and subqueries."""
    if not query.strip():
        return queryset
    if is_postgres():
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE document @@ {PG_QUERY}"
        return queryset.filter(pk__in=RawSQL(sql, [query]))
    match = _fts_query(query)
    if match is None:
        return queryset.none()
    if not uses_fts5():
        conditions, params = _like_conditions(stems(query), "")
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE " + " AND ".join(conditions)
        return queryset.filter(pk__in=RawSQL(sql, params))
    return queryset.filter(
        pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
    )


def _search_postgres(queryset: QuerySet[Intervention], query: str) -> QuerySet[Intervention]:
    # The stored document joins on rowid = id and the GIN index finds the matches; ts_rank
    # weighs title (A) above summary, aim and target group (B) above the rest (C).
    table = Intervention._meta.db_table
    return queryset.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {table}.id", f"{FTS_TABLE}.document @@ {PG_QUERY}"],
        params=[query],
        select={"rank": f"ts_rank({FTS_TABLE}.document, {PG_QUERY})"},
        select_params=[query],
    ).order_by("-rank", "title")


def _search_sqlite(queryset: QuerySet[Intervention], query: str) -> QuerySet[Intervention]:
    match = _fts_query(query)
    if match is None:
        return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))
    # One SQL statement: the FTS table joins on rowid = id, so a query that matches tens of
    # thousands of interventions never passes their ids through Python. bm25 is lower for
    # better matches; the rank is its negation. (extra() because the ORM cannot join a table
    # it has no model for.)
    table = Intervention._meta.db_table
    if not uses_fts5():
        return _search_like(queryset, stems(query), table)
    return queryset.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {table}.id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
        select={"rank": f"-bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0)"},
    ).order_by("-rank", "title")


def _search_like(
    queryset: QuerySet[Intervention], terms: list[str], table: str
) -> QuerySet[Intervention]:
    conditions, params = _like_conditions(terms, f"{FTS_TABLE}.")
    scores = " + ".join(
        f"(CASE WHEN (' ' || {FTS_TABLE}.title || ' ') LIKE %s THEN {TITLE_WEIGHT} ELSE 0 END)"
        f" + (CASE WHEN (' ' || {FTS_TABLE}.body || ' ') LIKE %s THEN 1.0 ELSE 0 END)"
        for _ in terms
    )
    return queryset.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {table}.id", *conditions],
        params=params,
        select={"rank": scores},
        select_params=[p for t in terms for p in (f"% {t} %", f"% {t} %")],
    ).order_by("-rank", "title")
