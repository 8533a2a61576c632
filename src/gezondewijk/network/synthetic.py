"""A synthetic social network for demo regions and benchmarks, drawn with NumPy in one go.

Residents mostly know people in their own buurt and age group, fewer in the rest of their
wijk, and a few anywhere in the region: the few are the bridges between communities. A share
of residents is (nearly) isolated. The same seed gives the same network.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

# Where a resident's contacts come from, by share of their ties.
SAME_BUURT_AND_AGE = 0.55
SAME_BUURT = 0.20
SAME_WIJK = 0.17
ANYWHERE = 0.08
ISOLATED_SHARE = 0.06


@dataclass(frozen=True)
class Population:
    user_id: np.ndarray
    buurt: np.ndarray  # any integer label per buurt
    wijk: np.ndarray
    age_band: np.ndarray


def _pick_within(rng: np.random.Generator, keys: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """For each entry of `wanted` (a key value), a random resident index with that key."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    start = np.searchsorted(sorted_keys, wanted, side="left")
    stop = np.searchsorted(sorted_keys, wanted, side="right")
    offset = (rng.random(wanted.size) * (stop - start)).astype(np.int64)
    picked = order[np.minimum(start + offset, keys.size - 1)]
    return np.where(stop > start, picked, -1)  # -1: nobody has that key


def mutual_pairs(population: Population, *, mean_degree: float, seed: int) -> np.ndarray:
    """Undirected pairs (i, j) of resident indices, i < j, without duplicates."""
    rng = np.random.default_rng(seed)
    n = population.user_id.size
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    # Each pair gives both residents a tie, so each resident starts half of their ties.
    started = rng.poisson(mean_degree / 2, size=n)
    isolated = rng.random(n) < ISOLATED_SHARE
    started[isolated] = 0
    source = np.repeat(np.arange(n), started)
    kind = rng.choice(4, size=source.size, p=[SAME_BUURT_AND_AGE, SAME_BUURT, SAME_WIJK, ANYWHERE])

    buurt_age = population.buurt.astype(np.int64) * 16 + population.age_band
    target = np.empty_like(source)
    for k, keys in enumerate((buurt_age, population.buurt, population.wijk)):
        chosen = kind == k
        # Isolated residents are never picked either: their few ties are added below.
        target[chosen] = _pick_within(rng, np.where(isolated, -1, keys), keys[source[chosen]])
    anywhere = kind == 3
    target[anywhere] = rng.choice(np.flatnonzero(~isolated), size=int(anywhere.sum()))

    # An isolated resident keeps at most one tie: one in three gets a single neighbour.
    lonely = np.flatnonzero(isolated & (rng.random(n) < 1 / 3))
    neighbour = _pick_within(
        rng, np.where(isolated, -1, population.buurt), population.buurt[lonely]
    )
    source = np.concatenate([source, lonely])
    target = np.concatenate([target, neighbour])

    found = target >= 0
    source, target = source[found], target[found]
    pairs = np.stack([np.minimum(source, target), np.maximum(source, target)], axis=1)
    return np.unique(pairs[pairs[:, 0] != pairs[:, 1]], axis=0)


def directed_ties(population: Population, pairs: np.ndarray, *, seed: int) -> pl.DataFrame:
    """Both directions of each pair as recorded ties: src, dst (user ids), strength, kind and
    what the tie gives. Each side judges strength and support for itself."""
    rng = np.random.default_rng(seed + 1)
    i = np.concatenate([pairs[:, 0], pairs[:, 1]])
    j = np.concatenate([pairs[:, 1], pairs[:, 0]])
    m = i.size
    same_buurt = population.buurt[i] == population.buurt[j]
    kind = np.where(
        rng.random(m) < 0.15,
        "familie",
        np.where(same_buurt, np.where(rng.random(m) < 0.5, "buur", "vriend"), "vriend"),
    )
    kind = np.where((kind == "vriend") & (rng.random(m) < 0.15), "collega", kind)
    strength = rng.choice([1, 2, 3], size=m, p=[0.3, 0.45, 0.25])
    return pl.DataFrame(
        {
            "src": population.user_id[i],
            "dst": population.user_id[j],
            "strength": strength,
            "kind": kind,
            "practical_help": rng.random(m) < 0.35,
            "emotional_support": rng.random(m) < np.where(strength == 3, 0.7, 0.2),
            "information": rng.random(m) < 0.3,
            "company": rng.random(m) < 0.6,
        }
    )
