"""Health checks at scale: import FHIR QuestionnaireResponses, aggregate a million checks.

    .venv/bin/python benchmarks/checks_scale.py [--responses N] [--checks N]

Works in a scratch SQLite file (never the real database). Prints, one per line:
    import_100k_s: seconds to import --responses QuestionnaireResponses (Bundles of 5 000,
                   sent by a PGO for linked residents, validated with fhir.resources)
    import_100k_cpu_s: the processor time of that import (steady when other work shares
                   the machine's cores; the wall time is not)
    import_speedup_vs_baseline: the baseline import time over this one
    aggregate_1m_s: seconds to aggregate --checks health checks (six dimensions each) per
                    buurt × quarter with suppression: engine.area_means on a frame already in
                    memory (shaped as selectors.values_frame reads it); the read is not timed
    peak_mb: peak memory of the process
"""

import argparse
import os
import resource
import tempfile
import time
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

BUNDLE = 5_000
# The import before items, subjects and answers were checked once per distinct value
# (2026-11-22, main 1e5e266, same machine): the baseline the speedup is measured against.
BASELINE_IMPORT_S = 105.1


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--checks", type=int, default=1_000_000)
    parser.add_argument("--residents", type=int, default=5_000)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="gezondewijk-bench-")) / "checks.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gezondewijk.settings")
    import django

    django.setup()
    import numpy as np
    import polars as pl
    from django.core.management import call_command

    from gezondewijk.checks import engine, services
    from gezondewijk.checks.fhir import LINK_SYSTEM
    from gezondewijk.checks.models import PgoLink
    from gezondewijk.checks.questionnaire import form_of
    from gezondewijk.people.models import ResidentProfile

    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo", residents=args.residents, verbosity=0, stdout=StringIO())
    questionnaire = services.health_check_ensure()
    scale = [i.link_id for i in form_of(questionnaire.resource).items if i.kind == "scale"]
    users = list(ResidentProfile.objects.values_list("user_id", flat=True))
    PgoLink.objects.bulk_create(PgoLink(user_id=u, code=f"bench-{u}") for u in users)
    rng = np.random.default_rng(2026)

    def response(n: int) -> dict[str, object]:
        scores = rng.integers(0, 11, len(scale)).tolist()
        return {
            "resourceType": "QuestionnaireResponse",
            "subject": {
                "identifier": {"system": LINK_SYSTEM, "value": f"bench-{users[n % len(users)]}"}
            },
            "questionnaire": questionnaire.canonical,
            "status": "completed",
            "authored": "2025-06-01T10:00:00+02:00",
            "item": [
                {"linkId": link_id, "answer": [{"valueInteger": v}]}
                for link_id, v in zip(scale, scores, strict=True)
            ],
        }

    # What the PGO sends is made first: writing it is the sender's work, not the import's.
    bundles = [
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [
                {"resource": response(n)} for n in range(first, min(args.responses, first + BUNDLE))
            ],
        }
        for first in range(0, args.responses, BUNDLE)
    ]
    started, started_cpu = time.perf_counter(), time.process_time()
    for bundle in bundles:
        services.responses_import_linked(document=bundle, source="benchmark")
    import_seconds = time.perf_counter() - started
    import_cpu_seconds = time.process_time() - started_cpu
    del bundles

    n = args.checks
    dimensions = 6
    buurten = np.array([f"BU{b:08d}" for b in range(100)])
    which = rng.integers(0, len(buurten), n)
    days = rng.integers(0, 3 * 365, n)
    frame = pl.DataFrame(
        {
            "user_id": np.repeat(np.arange(n), dimensions),
            "response_id": np.repeat(np.arange(n), dimensions),
            "buurt": np.repeat(buurten[which], dimensions),
            "wijk": np.repeat(np.char.add("WK", np.char.mod("%06d", which // 10)), dimensions),
            "gemeente": "GM0001",
            "region": "bench",
            "authored": np.repeat(
                np.datetime64(datetime(2023, 1, 1, tzinfo=UTC).replace(tzinfo=None), "us")
                + days.astype("timedelta64[D]"),
                dimensions,
            ),
            "key": np.tile(np.array([f"d{d}" for d in range(dimensions)]), n),
            "value": rng.integers(0, 11, n * dimensions).astype(float),
        }
    ).with_columns(pl.col("authored").dt.replace_time_zone("UTC"))
    started = time.perf_counter()
    figures = engine.area_means(frame, level="buurt", period="quarter")
    aggregate_seconds = time.perf_counter() - started
    assert figures.height > 0

    print(f"responses_imported: {args.responses}")
    print(f"import_100k_s: {import_seconds:.1f}")
    print(f"import_100k_cpu_s: {import_cpu_seconds:.1f}")
    print(f"import_baseline_s: {BASELINE_IMPORT_S}")
    print(f"import_speedup_vs_baseline: {BASELINE_IMPORT_S / import_seconds:.2f}")
    print(f"checks_aggregated: {n}")
    print(f"aggregate_1m_s: {aggregate_seconds:.2f}")
    print(f"peak_mb: {_peak_mb():.0f}")
    for path in scratch.parent.iterdir():
        path.unlink()
    scratch.parent.rmdir()


if __name__ == "__main__":
    main()
