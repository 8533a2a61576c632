"""The SQLite full-text index of interventions (see projectbank/search.py).

PostgreSQL searches with its own `dutch` configuration and needs no table; on SQLite an FTS5
table holds the Snowball-stemmed title and body of each intervention, keyed by its id.
"""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS projectbank_search USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')"
)


# Without FTS5 in the SQLite build: a plain table of the same shape (see search.py).
CREATE_PLAIN = (
    "CREATE TABLE IF NOT EXISTS projectbank_search ("
    "rowid INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL)"
)


def _has_fts5(connection):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA compile_options")
        return any("FTS5" in row[0] for row in cursor.fetchall())


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        fts5 = _has_fts5(schema_editor.connection)
        schema_editor.execute(CREATE if fts5 else CREATE_PLAIN)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS projectbank_search")


class Migration(migrations.Migration):
    dependencies = [("projectbank", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
