"""The social map at the size of a region: import, re-import and export of CSV tables.

    make bench-socialmap        # .venv/bin/python benchmarks/socialmap_scale.py [--activities N]

Builds a small demo region in a scratch SQLite file (for its gemeenten, wijken and buurten),
then a synthetic social map of 5 000 organisations, 5 000 locations and 50 000 activities
(by default) as the three CSV tables, and measures what an integrator's upload costs. Prints
each figure as `name: value`:

- organisations, locations, activities: rows in the tables
- validate_s: reading the CSV files and checking every column (nothing written)
- import_s: a first import into the region (validate and write, one transaction)
- reimport_s: the same files again (every row matched and updated)
- export_s: the whole social map (the demo's own rows too) back out as the three CSV tables
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from io import StringIO
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=5_000)
    parser.add_argument("--activities", type=int, default=50_000)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="gezondewijk-bench-")) / "socialmap.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gezondewijk.settings")
    import django

    django.setup()
    import polars as pl
    from django.core.management import call_command

    from gezondewijk.couplings import socialmap, socialmap_format
    from gezondewijk.couplings.socialmap_format import ACTIVITEITEN, LOCATIES, ORGANISATIES
    from gezondewijk.people.models import Organisation
    from gezondewijk.places.models import StrategicLocation
    from gezondewijk.plein.models import OrganisationActivity

    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo", residents=200, seed=2026, verbosity=0, stdout=StringIO())
    before = {
        "organisations": Organisation.objects.count(),
        "locations": StrategicLocation.objects.count(),
        "activities": OrganisationActivity.objects.count(),
    }

    from gezondewijk.places.models import Buurt

    buurten = pl.DataFrame(
        list(Buurt.objects.values_list("code", "wijk__code", "wijk__gemeente__code")),
        schema=["buurt", "wijk", "gemeente"],
        orient="row",
    )
    n_org, n_act = args.organisations, args.activities
    pick = pl.int_range(0, n_org, eager=True) % buurten.height
    placed = buurten[pick.to_list()].with_row_index("i")
    organisations = placed.select(
        "gemeente",
        naam=pl.format("Organisatie {}", pl.col("i")),
        type=pl.lit("welzijnsorganisatie"),
        wijken="wijk",
        website=pl.lit(None, pl.String),
        beschrijving=pl.lit("Welzijn in de buurt"),
    ).sort("gemeente", "naam")
    locations = placed.select(
        "buurt",
        naam=pl.format("Locatie {}", pl.col("i")),
        soort=pl.lit("buurthuis"),
        adres=pl.lit(None, pl.String),
        breedtegraad=pl.lit("52.100000"),
        lengtegraad=pl.lit("5.100000"),
        organisaties=pl.format("Organisatie {}", pl.col("i")),
        beschrijving=pl.lit(None, pl.String),
    ).sort("buurt", "naam")
    a = pl.int_range(0, n_act, eager=True).alias("a").to_frame()
    activities = (
        a.with_columns(i=pl.col("a") % n_org)
        .join(placed, on="i")
        .select(
            code=pl.format("act-{}", pl.col("a").cast(pl.String).str.zfill(7)),
            gemeente="gemeente",
            organisatie=pl.format("Organisatie {}", pl.col("i")),
            titel=pl.lit("Koffie en bewegen"),
            begin=pl.format(
                "2026-03-{} 10:00", (pl.col("a") % 28 + 1).cast(pl.String).str.zfill(2)
            ),
            einde=pl.format(
                "2026-03-{} 12:00", (pl.col("a") % 28 + 1).cast(pl.String).str.zfill(2)
            ),
            buurt="buurt",
            locatie=pl.format("Locatie {}", pl.col("i")),
            themas=pl.lit("bewegen"),
            beschrijving=pl.lit(None, pl.String),
        )
        .sort("code")
    )
    files = {
        ORGANISATIES: socialmap_format.write_csv(organisations),
        LOCATIES: socialmap_format.write_csv(locations),
        ACTIVITEITEN: socialmap_format.write_csv(activities),
    }

    def read() -> dict[str, pl.DataFrame]:
        return {t: socialmap_format.read_csv(t, data) for t, data in files.items()}

    from gezondewijk.couplings.socialmap_checks import validate

    started = time.perf_counter()
    problems = validate(read(), allowed_gemeenten=None)
    validate_s = time.perf_counter() - started
    assert not problems, problems[:5]

    started = time.perf_counter()
    socialmap.social_map_import(tables=read())
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    socialmap.social_map_import(tables=read())
    reimport_s = time.perf_counter() - started
    started = time.perf_counter()
    exported = {t: socialmap_format.write_csv(f) for t, f in socialmap.social_map_export().items()}
    export_s = time.perf_counter() - started
    assert Organisation.objects.count() == before["organisations"] + organisations.height
    assert StrategicLocation.objects.count() == before["locations"] + locations.height
    assert OrganisationActivity.objects.count() == before["activities"] + activities.height
    assert all(len(exported[t]) >= len(files[t]) for t in files)

    print(f"organisations: {organisations.height}")
    print(f"locations: {locations.height}")
    print(f"activities: {activities.height}")
    print(f"validate_s: {validate_s:.2f}")
    print(f"import_s: {import_s:.2f}")
    print(f"reimport_s: {reimport_s:.2f}")
    print(f"export_s: {export_s:.2f}")
    for path in scratch.parent.iterdir():
        path.unlink()
    scratch.parent.rmdir()


if __name__ == "__main__":
    main()
