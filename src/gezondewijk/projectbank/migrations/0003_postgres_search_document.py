"""PostgreSQL keeps the search document of each intervention instead of computing it per query.

A table of the same name and key as SQLite's FTS5 index (see projectbank/search.py):
`projectbank_search(rowid, document tsvector)` with a GIN index, filled here for the
interventions that already exist. On SQLite nothing changes.
"""

from django.db import migrations

CREATE = [
    "CREATE TABLE IF NOT EXISTS projectbank_search ("
    "rowid bigint PRIMARY KEY, document tsvector NOT NULL)",
    # Kept in the row (compressed) rather than out of line in TOAST: ranking reads the
    # document of every match, and a TOAST fetch per row costs several times the decompression.
    "ALTER TABLE projectbank_search ALTER COLUMN document SET STORAGE MAIN",
    "CREATE INDEX IF NOT EXISTS projectbank_search_document "
    "ON projectbank_search USING gin (document)",
]

# The same document as search.PG_DOCUMENT at the time of this migration.
FILL = (
    "INSERT INTO projectbank_search (rowid, document) SELECT i.id, "
    "setweight(to_tsvector('dutch'::regconfig, coalesce(i.title, '')), 'A')"
    " || setweight(to_tsvector('dutch'::regconfig,"
    " concat_ws(' ', i.summary, i.aim, i.target_group)), 'B')"
    " || setweight(to_tsvector('dutch'::regconfig,"
    " concat_ws(' ', i.approach, i.preconditions, i.transferability, i.costs)), 'C') "
    "FROM projectbank_intervention i ON CONFLICT (rowid) DO NOTHING"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)
        schema_editor.execute(FILL)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS projectbank_search")


class Migration(migrations.Migration):
    dependencies = [("projectbank", "0002_search_index")]

    operations = [migrations.RunPython(create, drop)]
