"""One full-text pass per search (see projectbank/search.py and engine.py).

- PostgreSQL: a small title vector beside the document, so "does the title match" is cheap
  to ask of every match; and the document goes out of the row again (TOAST, the default):
  a search now ranks only the matches a page shows, but finds all of them, and a narrow row
  lets the GIN index's matches be read from a few hundred pages instead of one page each.
  The UPDATE below rewrites every row, which moves the existing documents out.
- PostgreSQL: `projectbank_search_matches(every, any_word)`, the one matching pass (see
  search.matches). It runs with sequential scans off: with the documents out of the row the
  table looks small to the planner, which then prefers reading it through over the GIN index
  (it does not count the detoasting of every document that costs: 30 ms instead of 1 ms for
  10 000 interventions). From the index, a match needs no document at all.
- Both databases: `projectbank_search_state`, one row with a random token that every change
  to the index replaces; the search engine keeps the facet columns of the bank in memory and
  reloads them when the token changes.
"""

from django.db import migrations

PG = [
    "ALTER TABLE projectbank_search ALTER COLUMN document SET STORAGE EXTENDED",
    "ALTER TABLE projectbank_search ADD COLUMN IF NOT EXISTS title tsvector",
    "UPDATE projectbank_search s SET title = to_tsvector('dutch'::regconfig, "
    "coalesce(i.title, '')) FROM projectbank_intervention i WHERE i.id = s.rowid",
    "CREATE OR REPLACE FUNCTION projectbank_search_matches(every tsquery, any_word tsquery) "
    "RETURNS TABLE (rowid bigint, title_hit boolean, rank real) "
    "LANGUAGE sql STABLE SET enable_seqscan = off AS $$ "
    "SELECT s.rowid, s.title @@ any_word, "
    "CASE WHEN s.title @@ any_word THEN ts_rank(s.document, every) END "
    "FROM projectbank_search s WHERE s.document @@ every $$",
]
STATE = [
    "CREATE TABLE IF NOT EXISTS projectbank_search_state (token varchar(32) NOT NULL)",
    "INSERT INTO projectbank_search_state (token) VALUES ('initial')",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG:
            schema_editor.execute(statement)
    for statement in STATE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS projectbank_search_state")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS projectbank_search_matches(tsquery, tsquery)")
        schema_editor.execute("ALTER TABLE projectbank_search DROP COLUMN IF EXISTS title")


class Migration(migrations.Migration):
    dependencies = [("projectbank", "0003_postgres_search_document")]

    operations = [migrations.RunPython(create, drop)]
