"""What the database's query planner believes about a table, read back in tests."""

from django.db import connection


def planner_row_estimate(table: str) -> int | None:
    """The number of rows the planner's statistics give `table`; None when it has none."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # -1 until the table is first analysed (PostgreSQL 14 and newer).
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            (estimate,) = cursor.fetchone()
            return None if estimate < 0 else int(estimate)
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return None
        # One line per index; its first number is the number of rows.
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        row = cursor.fetchone()
        return None if row is None else int(row[0].split()[0])
