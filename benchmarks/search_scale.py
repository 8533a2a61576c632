"""Project-bank search at scale: 50 000 interventions, on SQLite and on PostgreSQL.

    make bench-search           # .venv/bin/python benchmarks/search_scale.py [--interventions N]

Synthetic interventions (Dutch words from the demo bank's texts plus Dutch-style compounds of
them, Zipf-distributed; field lengths like a real bank's; themes, settings and recognition
levels spread) are bulk-inserted and indexed through projectbank.search.index_interventions,
then a fixed set of 30 queries (single words, other word forms, two-word queries, queries
with a facet filter) goes through what the search page does: ranked search, the first page
of 20 (with its count) and the facet counts. Prints each figure as `name: value`:

- interventions
- p50_ms_sqlite, p95_ms_sqlite: per query, on a scratch SQLite file
- p50_ms_postgres, p95_ms_postgres: per query, on PostgreSQL. With `--postgres-url URL`
  (or BENCH_SEARCH_DATABASE_URL) in that database, which must be one of the benchmark's
  own: its project bank is emptied first and the 50 000 interventions stay afterwards
  (`createdb -h 127.0.0.1 -U postgres wt_<name>` makes one). Otherwise on the server at
  TEST_DATABASE_URL if set, else a throwaway cluster (scripts/with-postgres.sh), in a scratch
  database created there and dropped afterwards. No PostgreSQL is a failure, not a skip.
- speedup_p50_sqlite, speedup_p95_sqlite, speedup_p50_postgres, speedup_p95_postgres: the
  figures of the first implementation (BASELINE_MS: five full-text passes per search) divided
  by this run's; the same machine is assumed, so read them as rough ratios.

Each database runs in a child process of its own (Django binds to one database per process).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026
BATCH = 2_000
ROUNDS = 3
PAGE_SIZE = 20
# p50/p95 in ms of the first implementation (a full-text pass each for the page, its count
# and the three facets), measured with this script on the 2-core development machine.
BASELINE_MS = {"sqlite": (122.5, 1488.2), "postgres": (80.9, 588.0)}
_FUNCTION_TEXT = (
    "de het een en van in op te voor met aan bij door dat die dit is zijn of als om naar er ook"
    " wordt worden uit tot over je we ze wie wat niet nog maar hun zich per zo dan wel na"
    " mee kan kunnen hebben heeft heb geen meer veel elke keer daarna samen"
)
FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())

# The fixed query set: (query, filters).
QUERIES: list[tuple[str, dict[str, tuple[str, ...]]]] = [
    ("bewegen", {}),
    ("beweging", {}),
    ("wandelen", {}),
    ("wandelingen", {}),
    ("eenzaam", {}),
    ("eenzaamheid", {}),
    ("ouderen", {}),
    ("oudere", {}),
    ("huisarts", {}),
    ("huisartsen", {}),
    ("vrijwilliger", {}),
    ("vrijwilligers", {}),
    ("school", {}),
    ("scholen", {}),
    ("buurthuis", {}),
    ("gezond eten", {}),
    ("samen bewegen", {}),
    ("jongeren sport", {}),
    ("ouderen eenzaamheid", {}),
    ("huisarts wandelen", {}),
    ("armoede schulden", {}),
    ("moestuin", {}),
    ("bewegen", {"themes": ("bewegen",)}),
    ("eenzaamheid", {"settings": ("thuis",)}),
    ("ouderen", {"recognition": ("effectief_eerste", "effectief_goede")}),
    ("school", {"themes": ("opgroeien",), "settings": ("school",)}),
    ("vrijwilligers", {"recognition": ("goed_beschreven",)}),
    ("gezond", {"themes": ("voeding", "bewegen")}),
    ("", {"themes": ("meedoen",)}),
    ("", {}),
]

# Field lengths in words (low, high), like the demo bank's and a real bank's entries.
LENGTHS = {
    "title": (2, 7),
    "summary": (25, 60),
    "aim": (12, 35),
    "target_group": (2, 6),
    "approach": (60, 160),
    "preconditions": (15, 45),
    "transferability": (15, 45),
    "costs": (6, 20),
}


def vocabulary(rng: np.random.Generator) -> tuple[list[str], np.ndarray]:
    """Dutch words with Zipf weights: the demo bank's words, then compounds of them."""
    from collections import Counter

    from gezondewijk.projectbank.demo_data import INTERVENTIONS

    text = " ".join(" ".join(str(v) for v in d) for d in INTERVENTIONS).lower()
    counted = Counter(w for w in re.findall(r"[a-zëïéèöüáó]+", text) if len(w) > 1)
    # Function words head the Zipf curve in the demo texts' order; the other words and
    # compounds of them share the tail in random order, so a content word is found in
    # anything from a few to several thousand of 50 000 interventions, as in a real bank.
    ranked = [w for w, _ in counted.most_common()]
    head = [w for w in ranked if w in FUNCTION_WORDS]
    core = [w for w in ranked if w not in FUNCTION_WORDS]
    long = [w for w in core if len(w) >= 4]
    firsts = rng.choice(long, 30_000)
    seconds = rng.choice(long, 30_000)
    compounds = sorted({f"{a}{b}" for a, b in zip(firsts, seconds, strict=True) if a != b})
    tail = core + compounds
    vocab = head + [tail[i] for i in rng.permutation(len(tail))]
    weights = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    return vocab, weights / weights.sum()


def texts(rng: np.random.Generator, n: int) -> dict[str, list[str]]:
    vocab, p = vocabulary(rng)
    words = np.array(vocab, dtype=object)
    fields: dict[str, list[str]] = {}
    for field, (low, high) in LENGTHS.items():
        lengths = rng.integers(low, high + 1, n)
        drawn = words[rng.choice(len(vocab), int(lengths.sum()), p=p)]
        bounds = np.concatenate([[0], np.cumsum(lengths)])
        fields[field] = [" ".join(drawn[a:b]) for a, b in itertools.pairwise(bounds)]
    fields["title"] = [t[:1].upper() + t[1:] for t in fields["title"]]
    fields["target_group"] = [t[:200] for t in fields["target_group"]]
    return fields


def build(n: int) -> None:
    from django.db import transaction

    from gezondewijk.projectbank import search
    from gezondewijk.projectbank.models import (
        Intervention,
        InterventionSetting,
        InterventionTheme,
        Recognition,
        Setting,
        Theme,
    )

    rng = np.random.default_rng(SEED)
    fields = texts(rng, n)
    recognition = rng.choice(Recognition.values, n, p=[0.45, 0.2, 0.15, 0.1, 0.07, 0.03]).tolist()
    themes, settings = Theme.values, Setting.values
    for first in range(0, n, BATCH):
        last = min(n, first + BATCH)
        with transaction.atomic():
            made = Intervention.objects.bulk_create(
                Intervention(
                    title=fields["title"][k][:200],
                    summary=fields["summary"][k],
                    aim=fields["aim"][k],
                    target_group=fields["target_group"][k],
                    approach=fields["approach"][k],
                    preconditions=fields["preconditions"][k],
                    transferability=fields["transferability"][k],
                    costs=fields["costs"][k],
                    recognition=recognition[k],
                )
                for k in range(first, last)
            )
            InterventionTheme.objects.bulk_create(
                InterventionTheme(intervention=i, theme=t)
                for i in made
                for t in rng.choice(themes, int(rng.integers(1, 4)), replace=False)
            )
            InterventionSetting.objects.bulk_create(
                InterventionSetting(intervention=i, setting=s)
                for i in made
                for s in rng.choice(settings, int(rng.integers(1, 3)), replace=False)
            )
            search.index_interventions(made)


def run_queries() -> list[float]:
    from django.core.paginator import Paginator

    from gezondewijk.projectbank import selectors

    def one(query: str, chosen: dict[str, tuple[str, ...]]) -> float:
        # What the search page does: the results with their facets, the first page of them
        # and its count.
        filters = selectors.Filters(query=query, **chosen)
        started = time.perf_counter()
        found = selectors.interventions_found(filters=filters)
        page = Paginator(found.results, PAGE_SIZE).get_page(1)
        list(page.object_list)
        page.paginator.num_pages  # noqa: B018 (the count the page shows)
        for values in found.facets.values():
            sum(v.count for v in values)
        return (time.perf_counter() - started) * 1000

    for query, chosen in QUERIES:  # warm-up: caches, stemmer, query plans
        one(query, chosen)
    return [one(q, c) for _ in range(ROUNDS) for q, c in QUERIES]


def child(backend: str, n: int) -> None:
    """Runs in a child process with DATABASE_URL set: build, index, query, print JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gezondewijk.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    if os.environ.get("BENCH_SEARCH_EMPTY_FIRST") == "1":
        # A database of the benchmark's own that a previous run filled.
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE projectbank_intervention, projectbank_search RESTART IDENTITY CASCADE"
            )
    started = time.perf_counter()
    build(n)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    build_s = time.perf_counter() - started
    times = run_queries()
    print(
        "RESULT "
        + json.dumps(
            {
                "backend": backend,
                "build_s": build_s,
                "p50": float(np.percentile(times, 50)),
                "p95": float(np.percentile(times, 95)),
            }
        ),
        flush=True,
    )


def postgres_child(n: int) -> None:
    """On the server DATABASE_URL names, in a scratch database dropped afterwards."""
    import psycopg

    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        sys.exit(f"PostgreSQL is required for this benchmark; DATABASE_URL is {server!r}.")
    name = f"gezondewijk_bench_search_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        os.environ["DATABASE_URL"] = urlsplit(server)._replace(path=f"/{name}").geturl()
        child("postgres", n)
        from django.db import connections

        connections.close_all()
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(command: list[str], env: dict[str, str], backend: str) -> dict[str, float]:
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    sys.stderr.write(done.stderr)
    results = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not results:
        sys.stderr.write(done.stdout)
        sys.exit(f"The {backend} run failed (exit status {done.returncode}).")
    return json.loads(results[-1].removeprefix("RESULT "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interventions", type=int, default=50_000)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_SEARCH_DATABASE_URL", ""),
        help="a PostgreSQL database of the benchmark's own (emptied first, kept afterwards)",
    )
    parser.add_argument("--backend", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend == "sqlite":
        child("sqlite", args.interventions)
        return
    if args.backend == "postgres":
        if args.postgres_url:
            child("postgres", args.interventions)
        else:
            postgres_child(args.interventions)
        return

    me = [sys.executable, str(Path(__file__).resolve())]
    count = ["--interventions", str(args.interventions)]
    scratch = Path(tempfile.mkdtemp(prefix="gezondewijk-bench-")) / "search.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{scratch}"}
    sqlite = _run([*me, "--backend", "sqlite", *count], env, "SQLite")
    for path in scratch.parent.iterdir():
        path.unlink()
    scratch.parent.rmdir()
    # with-postgres.sh uses TEST_DATABASE_URL when set, else starts a throwaway cluster; it
    # fails (never skips) when there is no PostgreSQL.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if args.postgres_url:
        env |= {"DATABASE_URL": args.postgres_url, "BENCH_SEARCH_EMPTY_FIRST": "1"}
        pg_command = [*me, "--backend", "postgres", "--postgres-url", args.postgres_url]
    else:
        pg_command = ["scripts/with-postgres.sh", *me, "--backend", "postgres"]
    postgres = _run([*pg_command, *count], env, "PostgreSQL")
    print(f"interventions: {args.interventions}")
    print(f"build_index_s_sqlite: {sqlite['build_s']:.1f}")
    print(f"build_index_s_postgres: {postgres['build_s']:.1f}")
    print(f"queries_per_database: {len(QUERIES) * ROUNDS}")
    print(f"p50_ms_sqlite: {sqlite['p50']:.1f}")
    print(f"p95_ms_sqlite: {sqlite['p95']:.1f}")
    print(f"p50_ms_postgres: {postgres['p50']:.1f}")
    print(f"p95_ms_postgres: {postgres['p95']:.1f}")
    for name, figures in (("sqlite", sqlite), ("postgres", postgres)):
        base50, base95 = BASELINE_MS[name]
        print(f"speedup_p50_{name}: {base50 / figures['p50']:.1f}")
        print(f"speedup_p95_{name}: {base95 / figures['p95']:.1f}")


if __name__ == "__main__":
    main()
