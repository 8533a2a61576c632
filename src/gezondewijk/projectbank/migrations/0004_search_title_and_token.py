"""One full-text pass per search (see projectbank/search.py and engine.py).

- PostgreSQL: a small title vector beside the document, so "does the title match" is cheap
  to ask of every match; and the document goes out of the row again (TOAST, the default):
  a search now ranks only the matches a page shows, but finds all of them, and a narrow row
  lets the GIN index's matches be read from a few hundred pages instead of one page each.
  The UPDATE below rewrites every row, which moves the existing documents out.
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
        schema_editor.execute("ALTER TABLE projectbank_search DROP COLUMN IF EXISTS title")


class Migration(migrations.Migration):
    dependencies = [("projectbank", "0003_postgres_search_document")]

    operations = [migrations.RunPython(create, drop)]
