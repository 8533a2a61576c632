"""Referral figures and proposals at scale, through the same engine the pages use.

    make bench-referrals        # .venv/bin/python benchmarks/referrals_scale.py

A synthetic region-year of welzijn op recept far above real volumes (200 000 referrals from
400 practices in 100 wijken, 8 reasons, and two Positive Health checks per referred resident:
2.4 M scores) goes through `engine.figures` per practice, wijk and theme, with suppression
and the health-check change; and one referral's proposals are ranked among 5 000 candidate
initiatives and activities (a big gemeente's coming three months).

Prints `name: value` lines:
- figures_<level>_s: wall time of one suppressed table (median of 3)
- proposals_ms: ranking one referral's proposals (median of 20)
- peak_mb: the process's peak resident memory
"""

from __future__ import annotations

import resource
import statistics
import time
from datetime import UTC, date, datetime, timedelta

import numpy as np
import polars as pl

from gezondewijk.referrals import engine

REFERRALS, PRACTICES, WIJKEN, REASONS = 200_000, 400, 100, 8
CANDIDATES, THEMES = 5_000, 9
K = 10
START = datetime(2026, 1, 1, tzinfo=UTC)


def referrals(rng: np.random.Generator) -> pl.DataFrame:
    sent = rng.integers(0, 365, REFERRALS)
    took_part = rng.random(REFERRALS) < 0.55
    days = rng.integers(3, 60, REFERRALS)
    return (
        pl.DataFrame(
            {
                "referral_id": np.arange(REFERRALS),
                "resident_id": np.arange(REFERRALS),
                "practice": [f"Praktijk {p}" for p in rng.integers(0, PRACTICES, REFERRALS)],
                "wijk": [f"WK{w:06d}" for w in rng.integers(0, WIJKEN, REFERRALS)],
                "buurt": [f"BU{w:08d}" for w in rng.integers(0, WIJKEN * 5, REFERRALS)],
                "theme": rng.choice([f"r{i}" for i in range(REASONS)], REFERRALS),
                "created_at": [START + timedelta(days=int(d)) for d in sent],
            }
        )
        .with_columns(
            pl.when(pl.Series(took_part))
            .then(pl.col("created_at").dt.date() + pl.duration(days=pl.Series(days)))
            .otherwise(None)
            .alias("first_activity_on")
        )
        .select(list(engine.REFERRAL_SCHEMA))
        .cast(engine.REFERRAL_SCHEMA)
    )  # type: ignore[arg-type]


def checks(rng: np.random.Generator, refs: pl.DataFrame) -> pl.DataFrame:
    base = refs.select(pl.col("resident_id").alias("user_id"), "created_at")
    per_check = pl.concat(
        [
            base.select(
                "user_id",
                (pl.col("user_id") * 2).alias("response_id"),
                (pl.col("created_at") - pl.duration(days=30)).alias("authored"),
            ),
            base.select(
                "user_id",
                (pl.col("user_id") * 2 + 1).alias("response_id"),
                (pl.col("created_at") + pl.duration(days=90)).alias("authored"),
            ),
        ]
    )
    six = per_check.join(pl.DataFrame({"dimension": range(6)}), how="cross")
    return six.with_columns(pl.Series("value", rng.uniform(3, 9, six.height))).select(
        list(engine.CHECK_SCHEMA)
    )


def candidates(rng: np.random.Generator) -> tuple[pl.DataFrame, pl.DataFrame]:
    today = date(2026, 11, 23)
    initiatives = rng.integers(0, 800, CANDIDATES)
    frame = pl.DataFrame(
        {
            "kind": ["activity"] * CANDIDATES,
            "initiative_id": initiatives,
            "activity_id": np.arange(CANDIDATES),
            "title": [f"Activiteit {i}" for i in range(CANDIDATES)],
            "initiative": [f"Initiatief {i}" for i in initiatives],
            "date": [today + timedelta(days=int(d)) for d in rng.integers(0, 90, CANDIDATES)],
            "location_id": rng.integers(0, 300, CANDIDATES),
            "location": ["Buurthuis"] * CANDIDATES,
            "buurt_id": rng.integers(0, 60, CANDIDATES),
            "in_wijk": rng.random(CANDIDATES) < 0.1,
        }
    ).cast(engine.CANDIDATE_SCHEMA)  # type: ignore[arg-type]
    themes = pl.DataFrame(
        {"initiative_id": np.arange(800), "theme_id": rng.integers(0, THEMES, 800)}
    ).cast(engine.THEME_SCHEMA)  # type: ignore[arg-type]
    return frame, themes


def median_time(work: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    rng = np.random.default_rng(11)
    refs = referrals(rng)
    scores = checks(rng, refs)
    print(f"referrals: {refs.height}")
    print(f"check_values: {scores.height}")
    for level in engine.LEVELS:
        seconds = median_time(lambda lv=level: engine.figures(refs, scores, level=lv, k=K), 3)
        print(f"figures_{level}_s: {seconds:.3f}")
    frame, themes = candidates(rng)
    needs = engine.Needs(
        theme_ids=frozenset({1, 4}),
        buurt_id=7,
        visited_location_ids=frozenset({3, 40, 77}),
        time_preference="weekend",
        close_to_home=False,
    )
    ms = median_time(lambda: engine.rank_proposals(frame, themes, needs), 20) * 1000
    print(f"proposals_ms: {ms:.2f}")
    print(f"peak_mb: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main()
