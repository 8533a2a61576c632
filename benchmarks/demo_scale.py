"""How long the demo takes to build a full-size region: the whole of Utrecht on SQLite.

    .venv/bin/python benchmarks/demo_scale.py [--residents N] [--fictional] [--keep]

By default one resident account per inhabitant of gemeente Utrecht in the demo pack's newest
key figures (374 200 in the buurten in 2024), spread over its 111 buurten by their real population.

Builds in a scratch SQLite file (never the real database) and prints `demo_residents: N` and
`demo_build_seconds: X` for the Makefile and CI to read.
"""

import argparse
import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=None, help="default: Utrecht's population")
    parser.add_argument("--fictional", action="store_true", help="the invented region instead")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="gezondewijk-bench-")) / "demo.sqlite3"
    # Before django.setup(): the settings read DATABASE_URL once, at import.
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gezondewijk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from gezondewijk.demo.builders.utrecht import population

    residents = population() if args.residents is None else args.residents
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    call_command(
        "demo",
        residents=residents,
        seed=args.seed,
        fictional=args.fictional,
        verbosity=1 if sys.stderr.isatty() else 0,  # the progress bar only where someone looks
        stdout=StringIO(),
    )
    seconds = time.perf_counter() - started
    print(f"demo_residents: {residents}")
    print(f"demo_build_seconds: {seconds:.1f}")
    if args.keep:
        print(f"database: {scratch}")
    else:
        for path in scratch.parent.iterdir():
            path.unlink()
        scratch.parent.rmdir()


if __name__ == "__main__":
    main()
