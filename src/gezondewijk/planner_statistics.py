"""Fresh planner statistics after a bulk load.

A database that was just filled in one go (the demo region, a restored backup) has no
statistics yet: PostgreSQL's planner then guesses one row per table and picks nested loops,
and the dashboard took 2.8 s instead of tens of milliseconds until autovacuum came round.
Analysing right after the load gives the first visitor the plans the tenth one gets. SQLite
keeps the same kind of statistics (sqlite_stat1) and uses them for its index choice.
"""

from __future__ import annotations

from django.db import connections


def refresh_planner_statistics(*, using: str = "default") -> None:
    """Recompute the query planner's statistics of every table in the database."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
