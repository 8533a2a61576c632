"""Matching engine: groups of believers on a theme who live close, and initiatives to meet.

Pure functions over Polars frames, so the invariants can be tested with generated data:
every group has at least three believers sharing its theme, nobody is grouped with someone
who blocked them (or who blocked all introductions), and nobody is proposed twice per theme.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

MIN_GROUP = 3
MAX_GROUP = 8

BELIEFS_SCHEMA = {"user_id": pl.Int64, "theme_id": pl.Int64, "buurt_id": pl.Int64}
NEAR_SCHEMA = {"buurt_id": pl.Int64, "near_id": pl.Int64}
BLOCKS_SCHEMA = {"blocker": pl.Int64, "blocked": pl.Int64}
TAKEN_SCHEMA = {"user_id": pl.Int64, "theme_id": pl.Int64}


@dataclass(frozen=True)
class Group:
    theme_id: int
    buurt_id: int  # the buurt the group gathers around
    user_ids: tuple[int, ...]


def neighbours(
    buurt_ids: np.ndarray, wijk_ids: np.ndarray, boxes: np.ndarray, tolerance: float = 1e-6
) -> pl.DataFrame:
    """Pairs (buurt, near buurt), each buurt near itself.

    Two buurten are near when both have a boundary and their bounding boxes touch or
    overlap; when either has none, when they lie in the same wijk. `boxes` holds
    (west, south, east, north) per buurt, NaN where the boundary is missing.
    """
    w, s, e, n = (boxes[:, i] for i in range(4))
    touch = (
        (w[:, None] <= e[None, :] + tolerance)
        & (w[None, :] <= e[:, None] + tolerance)
        & (s[:, None] <= n[None, :] + tolerance)
        & (s[None, :] <= n[:, None] + tolerance)
    )
    has_box = ~np.isnan(w)
    both = has_box[:, None] & has_box[None, :]
    same_wijk = wijk_ids[:, None] == wijk_ids[None, :]
    near = np.where(both, touch, same_wijk) | np.eye(len(buurt_ids), dtype=bool)
    i, j = np.nonzero(near)
    return pl.DataFrame({"buurt_id": buurt_ids[i], "near_id": buurt_ids[j]}, schema=NEAR_SCHEMA)


def _blocked_pairs(blocks: pl.DataFrame) -> set[tuple[int, int]]:
    pairs = blocks.drop_nulls()
    both = pl.concat(
        [
            pairs,
            pairs.select(pl.col("blocked").alias("blocker"), pl.col("blocker").alias("blocked")),
        ]
    )
    return set(both.iter_rows())


def propose_groups(
    beliefs: pl.DataFrame,
    near: pl.DataFrame,
    blocks: pl.DataFrame,
    taken: pl.DataFrame | None = None,
) -> list[Group]:
    """Groups of 3..MAX_GROUP believers in one theme, all near one buurt, none blocking another.

    `beliefs` (user_id, theme_id, buurt_id): a person may appear in several buurten (a
    professional works in several). `taken` (user_id, theme_id): people already invited on
    that theme, left out. Largest candidate groups are filled first.
    """
    everyone_blockers = blocks.filter(pl.col("blocked").is_null()).select(
        pl.col("blocker").alias("user_id")
    )
    pool = beliefs.join(everyone_blockers, on="user_id", how="anti")
    if taken is not None and taken.height:
        pool = pool.join(taken, on=["user_id", "theme_id"], how="anti")
    candidates = (
        pool.join(near, left_on="buurt_id", right_on="near_id")
        .select("theme_id", pl.col("buurt_id_right").alias("anchor"), "user_id")
        .unique()
    )
    sizes = (
        candidates.group_by("theme_id", "anchor")
        .agg(pl.col("user_id").sort().alias("users"), pl.len().alias("n"))
        .filter(pl.col("n") >= MIN_GROUP)
        .sort(["n", "theme_id", "anchor"], descending=[True, False, False])
    )
    conflicts = _blocked_pairs(blocks)
    used: set[tuple[int, int]] = set()  # (theme, user) already placed in a group
    groups: list[Group] = []
    # One pass over candidate groups (themes × buurten), not over residents: choosing members
    # so that no two block each other is a greedy, order-dependent step.
    for theme_id, anchor, users, _n in sizes.iter_rows():
        chosen: list[int] = []
        for user in users:
            if (theme_id, user) in used:
                continue
            if any((user, other) in conflicts for other in chosen):
                continue
            chosen.append(user)
            if len(chosen) == MAX_GROUP:
                break
        if len(chosen) >= MIN_GROUP:
            used.update((theme_id, u) for u in chosen)
            groups.append(Group(theme_id, anchor, tuple(chosen)))
    return groups


def propose_pairs(
    themes: pl.DataFrame, wijken: pl.DataFrame, contacts: pl.DataFrame
) -> pl.DataFrame:
    """Pairs of initiatives (a < b) with a theme and a wijk in common and no contact yet.

    `themes` (initiative_id, theme_id), `wijken` (initiative_id, wijk_id), `contacts` (a, b)
    with a < b: pairs that share a member or were introduced before.
    """
    both = themes.join(wijken, on="initiative_id")
    pairs = (
        both.join(both, on=["theme_id", "wijk_id"], suffix="_b")
        .filter(pl.col("initiative_id") < pl.col("initiative_id_b"))
        .select(
            pl.col("initiative_id").alias("a"),
            pl.col("initiative_id_b").alias("b"),
            "theme_id",
            "wijk_id",
        )
    )
    return (
        pairs.join(contacts, on=["a", "b"], how="anti")
        .sort("a", "b", "theme_id", "wijk_id")
        .unique(["a", "b"], keep="first", maintain_order=True)
    )
