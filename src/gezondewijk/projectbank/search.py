"""Ranked Dutch full-text search over interventions, on PostgreSQL and on SQLite.

Both databases keep the search document of each intervention in a table of their own,
`projectbank_search`, keyed by the intervention's id (`rowid`); the services keep it current
(`index_interventions`) and `reindex_all` rebuilds it. A query never analyses the text of
the interventions themselves.

PostgreSQL: a stored tsvector (`document`, with a GIN index) built by PostgreSQL's own
`dutch` text-search configuration (Snowball stemmer and Dutch stop words), and a small one of
the title alone (`title`). The title weighs most (A), then summary, aim and target group
(B), then the rest (C); ts_rank ranks with these weights. A title match always ranks above a
body match (the title vector tells them apart), whatever the ranks. Indexing is one
INSERT ... SELECT per batch, inside the database.

SQLite: FTS5 has no Dutch stemmer (it ships only an English Porter tokenizer), so the bank
stems in Python with the Snowball Dutch stemmer (snowballstemmer, the same algorithm family
PostgreSQL uses) and keeps the stems in an FTS5 table. Queries are stemmed the same way, so
"bewegen" and "beweging" both become "beweg". bm25() ranks with the title column weighted
ten times the body.

Fallback: a SQLite built without FTS5 gets a plain table of the same shape (see the
migration). The same stems are then matched with LIKE on word boundaries and ranked by where
they occur (a title hit counts ten times a body hit). Slower on a large bank, same answers
for word forms; `uses_fts5()` tells which is in use.

Word forms beyond the stemmer: neither stemmer maps every Dutch singular and plural to one
stem (PostgreSQL's gives "huisart" for huisarts but "huisarts" for huisartsen; the two
stemmers also differ from each other in such details). Each query
word therefore stands for a few stems, any of which may match: the stem of the word, the stem
of that stem, and the stem of its -en plural (`word_forms`). Prefix matching (`:*`) would also
unify them, but it matches every compound that starts with the word: in the benchmark bank
"bewegen" went from 892 to 20 402 matches and "ouderen" from 858 to 41 177, which ranks
noise and costs a full pass over most of the bank; it is not used.

One full-text pass per request: `matches()` returns every match's id, whether its title
holds a query word and its rank, in one statement; the engine counts, facets and orders
them (see engine.py). On PostgreSQL ranking reads each match's large document, so that
pass ranks only the title matches and `rank_of` the others a page reaches. Every change to the index
also writes a new random token (`index_token()`), by which the engine knows when its copy
of the facet columns is stale.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import snowballstemmer
from django.db import connection, transaction

from gezondewijk.projectbank.models import Intervention

FTS_TABLE = "projectbank_search"
STATE_TABLE = "projectbank_search_state"
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


def _words(query: str) -> list[str]:
    return [w for w in WORD.findall(query.lower()) if w not in STOP_WORDS and not w.isdigit()]


def word_forms(word: str, stem: Callable[[str], str]) -> list[str]:
    """The stems a query word stands for (see the module docstring), without repeats."""
    first = stem(word)
    if not first:
        return []
    found = [first, stem(first), stem(word + "en")]
    return [f for i, f in enumerate(found) if f and f not in found[:i]]


@lru_cache(maxsize=20_000)
def _pg_stem(word: str) -> str:
    # PostgreSQL's own Dutch stemmer, asked once per word per process (it never changes
    # while the server runs); "" for its stop words.
    with connection.cursor() as cursor:
        cursor.execute("SELECT ts_lexize('dutch_stem', %s)", [word])
        row = cursor.fetchone()
    lexemes = row[0] if row else None
    return str(lexemes[0]) if lexemes else ""


def query_forms(query: str) -> list[list[str]]:
    """Per query word, the stems that may match it: every word must match one of its stems."""
    stem = _pg_stem if is_postgres() else _stem
    groups = [word_forms(w, stem) for w in _words(query)]
    return [g for g in groups if g]


# PostgreSQL: the weighted document of the intervention row `i` (the same expression as in
# migration 0003, which fills the table for interventions that existed before it).
PG_DOCUMENT = (
    "setweight(to_tsvector('dutch'::regconfig, coalesce(i.title, '')), 'A')"
    " || setweight(to_tsvector('dutch'::regconfig,"
    " concat_ws(' ', i.summary, i.aim, i.target_group)), 'B')"
    " || setweight(to_tsvector('dutch'::regconfig,"
    " concat_ws(' ', i.approach, i.preconditions, i.transferability, i.costs)), 'C')"
)
PG_TITLE = "to_tsvector('dutch'::regconfig, coalesce(i.title, ''))"
# The query is built from PostgreSQL's own stems (query_forms), so it is cast, not parsed
# with a text-search configuration; stems are \\w+ only, so quoting them is safe.
PG_QUERY = "%s::tsquery"


def _pg_tsquery(groups: list[list[str]], *, any_word: bool = False) -> str:
    """`(a | b) & (c)`: every word (or, with any_word, any word) in one of its forms."""
    if any_word:
        return " | ".join(f"'{f}'" for g in groups for f in g)
    return " & ".join("(" + " | ".join(f"'{f}'" for f in g) + ")" for g in groups)


def _document(intervention: Intervention) -> tuple[str, str]:
    body = " ".join(str(getattr(intervention, name)) for name in BODY_FIELDS)
    return " ".join(stems(intervention.title)), " ".join(stems(body))


def _index_postgres(ids: list[int] | None) -> None:
    """(Re)build the stored documents of the interventions `ids` (None: all) from their rows."""
    where = "" if ids is None else "WHERE i.id = ANY(%s)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, document, title) "
            f"SELECT i.id, {PG_DOCUMENT}, {PG_TITLE} "
            f"FROM {Intervention._meta.db_table} i {where} "
            "ON CONFLICT (rowid) DO UPDATE "
            "SET document = EXCLUDED.document, title = EXCLUDED.title",
            [] if ids is None else [ids],
        )
    _new_token()


def _new_token() -> None:
    """Mark the index as changed: the engine reloads its facet columns on the next search.
    A random token (not a counter) so that a rolled-back change can never be mistaken for
    a later, different one."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {STATE_TABLE} SET token = %s", [uuid.uuid4().hex])


def index_token() -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {STATE_TABLE}")
        row = cursor.fetchone()
    return str(row[0]) if row else ""


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
        _new_token()


def unindex(intervention_ids: Iterable[int]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in intervention_ids]
        )
    _new_token()


def on_intervention_deleted(sender: object, instance: Intervention, **kwargs: object) -> None:
    unindex([instance.pk])


def clear_index() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
    _new_token()


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


def _fts_query(query: str) -> str | None:
    # Every word must occur in one of its forms; each is quoted, so FTS5 syntax in the
    # input means nothing.
    groups = query_forms(query)
    if not groups:
        return None
    return " AND ".join("(" + " OR ".join(f'"{f}"' for f in g) + ")" for g in groups)


@dataclass(frozen=True)
class Matches:
    """Every intervention matching a query: ids, whether the title holds one of the query's
    words, and ranks (higher is better); NaN where the rank is left to `rank_of`, for the
    matches a page reaches (PostgreSQL, see `matches`)."""

    ids: np.ndarray
    title_hit: np.ndarray
    ranks: np.ndarray
    query: str = ""


def matches(query: str) -> Matches:
    """The matches of `query` (not blank), in one full-text pass.

    PostgreSQL ranks by reading each match's document (large, compressed, kept out of the
    row), so this pass finds the matches from the GIN index, asks the small title vector
    whether the title matches, and ranks only those; `rank_of` ranks the others when a page
    reaches them. SQLite's FTS5 ranks from its index for next to nothing, so it ranks them
    all here.
    """
    groups = query_forms(query)
    empty = Matches(np.empty(0, np.int64), np.empty(0, bool), np.empty(0, np.float64), query)
    if not groups:
        return empty
    if is_postgres():
        # Ranked here only where the title matches (a few per cent of the matches); the
        # others are ranked by rank_of when a page reaches them. The function (migration
        # 0004) always reads the GIN index: see there why the planner must not choose.
        sql = "SELECT rowid, title_hit, rank FROM projectbank_search_matches(%s, %s)"
        params: list[str | None] = [_pg_tsquery(groups), _pg_tsquery(groups, any_word=True)]
    elif uses_fts5():
        # bm25 is lower for better matches; with the body weighted 0 it is below 0 exactly
        # when a query word occurs in the title.
        sql = (
            f"SELECT rowid, bm25({FTS_TABLE}, 1.0, 0.0) < 0, -bm25({FTS_TABLE}, "
            f"{TITLE_WEIGHT}, 1.0) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        )
        params = [_fts_query(query)]
    else:
        sql, params = _like_matches(groups)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return empty
    columns = list(zip(*rows, strict=True))
    return Matches(
        ids=np.asarray(columns[0], np.int64),
        title_hit=np.asarray(columns[1], bool),
        ranks=np.asarray([np.nan if r is None else r for r in columns[2]], np.float64),
        query=query,
    )


def rank_of(query: str, ids: np.ndarray) -> np.ndarray:
    """PostgreSQL: ts_rank of the interventions `ids` (which match `query`), in that order;
    the title weighs most (A), then summary, aim and target group (B), then the rest (C)."""
    if not len(ids):
        return np.empty(0, np.float64)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, ts_rank(document, {PG_QUERY}) FROM {FTS_TABLE} WHERE rowid = ANY(%s)",
            [_pg_tsquery(query_forms(query)), [int(i) for i in ids]],
        )
        ranked = dict(cursor.fetchall())
    return np.fromiter((ranked.get(int(i), 0.0) for i in ids), np.float64, len(ids))


def _like_matches(groups: list[list[str]]) -> tuple[str, list[str | None]]:
    def any_of(column: str, forms: list[str]) -> str:
        return "(" + " OR ".join(f"(' ' || {column} || ' ') LIKE %s" for _ in forms) + ")"

    where = " AND ".join(
        "(" + any_of("title", g) + " OR " + any_of("body", g) + ")" for g in groups
    )
    title = " + ".join(f"(CASE WHEN {any_of('title', g)} THEN 1 ELSE 0 END)" for g in groups)
    body = " + ".join(f"(CASE WHEN {any_of('body', g)} THEN 1 ELSE 0 END)" for g in groups)
    sql = (
        f"SELECT rowid, ({title}) > 0, {TITLE_WEIGHT} * ({title}) + ({body}) "
        f"FROM {FTS_TABLE} WHERE {where}"
    )

    def likes(forms: list[str]) -> list[str | None]:
        return [f"% {f} %" for f in forms]

    in_title = [p for g in groups for p in likes(g)]
    return sql, [
        *in_title,  # title hit
        *in_title,  # title score
        *[p for g in groups for p in likes(g)],  # body score
        *[p for g in groups for p in (*likes(g), *likes(g))],  # where
    ]
