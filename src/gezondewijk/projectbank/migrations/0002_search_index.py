"""The SQLite full-text index of interventions (see projectbank/search.py).

PostgreSQL searches with its own `dutch` configuration and needs no table; on SQLite an FTS5
table holds the Snowball-stemmed title and body of each intervention, keyed by its id.
"""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS projectbank_search USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS projectbank_search")


class Migration(migrations.Migration):
    dependencies = [("projectbank", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
