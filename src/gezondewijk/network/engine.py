"""Network analysis of a region: communities, connectors, reach and isolation.

Pure computation over Polars frames and an igraph graph; no Django in sight, so the benchmark
and the background task run exactly the same code.

- Communities: Leiden (igraph's C implementation) on mutual ties between residents, weighted
  by strength.
- Connectors: brokerage between communities, linear in the number of ties (betweenness is far
  too slow on a city). For each resident: ties into other communities, the number of other
  communities reached, and the participation coefficient 1 - Σ_c (k_ic / k_i)².
- Reach of every place, organisation and initiative: residents tied to it directly (one step)
  and residents within two steps (their mutual ties added).
- Isolation: residents with at most one tie to a person (resident, contact or professional).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import igraph as ig
import numpy as np
import polars as pl

Progress = Callable[[str, int, int], None]
STAGES = ("graph", "communities", "connectors", "reach", "isolation")
CONNECTORS_PER_WIJK = 25
RESIDENTS_PER_RESOLUTION_STEP = 1_000
MAX_RESOLUTION = 400.0


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class NetworkInput:
    """What the analysis needs, already limited to residents who consented.

    residents: user_id, buurt_id, wijk_id
    ties: src, dst, strength — confirmed ties between two such residents, as recorded by src
    affiliations: user_id, hub_type, hub_id — ties to places, organisations and initiatives
    person_ties: user_id, n — each resident's number of ties to people of any kind
    """

    residents: pl.DataFrame
    ties: pl.DataFrame
    affiliations: pl.DataFrame
    person_ties: pl.DataFrame


def mutual_edges(ties: pl.DataFrame) -> pl.DataFrame:
    """Undirected edges (a < b) where both residents recorded the tie; weight = mean strength."""
    forward = ties.filter(pl.col("src") < pl.col("dst"))
    backward = ties.filter(pl.col("src") > pl.col("dst")).select(
        pl.col("dst").alias("src"), pl.col("src").alias("dst"), pl.col("strength").alias("back")
    )
    return (
        forward.join(backward, on=["src", "dst"], how="inner")
        .select(
            pl.col("src").alias("a"),
            pl.col("dst").alias("b"),
            ((pl.col("strength") + pl.col("back")) / 2).cast(pl.Float64).alias("weight"),
        )
        .unique(subset=["a", "b"])
    )


def build_graph(residents: pl.DataFrame, edges: pl.DataFrame) -> tuple[ig.Graph, pl.DataFrame]:
    """An igraph graph over the residents; returns it with the user_id → vertex index map."""
    index = residents.select("user_id").unique().sort("user_id").with_row_index("v")
    with_index = edges.join(index.rename({"user_id": "a", "v": "va"}), on="a").join(
        index.rename({"user_id": "b", "v": "vb"}), on="b"
    )
    # A list of tuples is what igraph's constructor reads fastest (faster than an array).
    pairs = list(zip(with_index["va"].to_list(), with_index["vb"].to_list(), strict=True))
    graph = ig.Graph(n=index.height, edges=pairs, directed=False)
    graph.es["weight"] = with_index["weight"].to_numpy()
    return graph, index


def resolution_for(graph: ig.Graph) -> float:
    """Modularity's resolution, grown with the graph. At resolution 1 Leiden merges whole
    wijken of a city into one group (the resolution limit); groups about the size of a buurt
    or a street of friends are what a coordinator can act on."""
    return float(min(MAX_RESOLUTION, max(1.0, graph.vcount() / RESIDENTS_PER_RESOLUTION_STEP)))


def communities(graph: ig.Graph, *, seed: int = 1) -> np.ndarray:
    """Leiden communities, numbered by size (0 = largest); deterministic for a seed.

    A resident without mutual ties belongs to no community (-1): a "community" of one would
    only count the isolated, which isolation already does.
    """
    ig.set_random_number_generator(random.Random(seed))
    try:
        partition = graph.community_leiden(
            objective_function="modularity",
            weights="weight",
            resolution=resolution_for(graph),
            n_iterations=2,  # igraph's default; iterating to a fixed point costs minutes on a city
        )
    finally:
        ig.set_random_number_generator(random)
    membership = np.asarray(partition.membership, dtype=np.int64)
    alone = np.asarray(graph.degree(), dtype=np.int64) == 0
    sizes = np.bincount(
        membership[~alone], minlength=membership.max() + 1 if membership.size else 0
    )
    # Relabel so the largest community is 0: stable names ("group 1") for people to read.
    order = np.argsort(-sizes, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return np.where(alone, -1, rank[membership])


def both_directions(edges: pl.DataFrame) -> pl.DataFrame:
    return pl.concat(
        [
            edges.select(pl.col("a").alias("u"), pl.col("b").alias("v")),
            edges.select(pl.col("b").alias("u"), pl.col("a").alias("v")),
        ]
    )


def connector_scores(members: pl.DataFrame, edges: pl.DataFrame) -> pl.DataFrame:
    """Per resident: degree, ties into other communities, other communities reached and the
    participation coefficient. `members` has user_id, community."""
    community = members.select("user_id", "community")
    arcs = (
        both_directions(edges)
        .join(community.rename({"user_id": "u", "community": "cu"}), on="u")
        .join(community.rename({"user_id": "v", "community": "cv"}), on="v")
    )
    per_community = arcs.group_by("u", "cu", "cv").agg(pl.len().alias("k"))
    return (
        per_community.group_by("u")
        .agg(
            pl.col("k").sum().alias("degree"),
            pl.col("k").filter(pl.col("cv") != pl.col("cu")).sum().alias("cross_ties"),
            (pl.col("cv") != pl.col("cu")).sum().alias("communities_bridged"),
            (pl.col("k").cast(pl.Float64) ** 2).sum().alias("k2"),
        )
        .with_columns(
            (1 - pl.col("k2") / (pl.col("degree").cast(pl.Float64) ** 2)).alias("participation")
        )
        .drop("k2")
        .rename({"u": "user_id"})
    )


def reach(affiliations: pl.DataFrame, edges: pl.DataFrame) -> pl.DataFrame:
    """Per hub (place, organisation, initiative): residents at one step and within two."""
    keys = ["hub_type", "hub_id"]
    step1 = affiliations.select(*keys, "user_id").unique()
    step2 = (
        step1.join(both_directions(edges), left_on="user_id", right_on="u")
        .select(*keys, pl.col("v").alias("user_id"))
        .unique()
    )
    within2 = pl.concat([step1, step2]).unique()
    return (
        step1.group_by(keys)
        .agg(pl.len().alias("direct"))
        .join(within2.group_by(keys).agg(pl.len().alias("within_two")), on=keys, how="left")
        .sort(["within_two", "direct"], descending=True)
    )


def isolation_by_buurt(residents: pl.DataFrame, person_ties: pl.DataFrame) -> pl.DataFrame:
    return (
        residents.join(person_ties, on="user_id", how="left")
        .with_columns((pl.col("n").fill_null(0) <= 1).alias("isolated"))
        .group_by("buurt_id", "wijk_id")
        .agg(pl.len().alias("residents"), pl.col("isolated").sum().alias("isolated"))
        .sort("buurt_id")
    )


def analyse(data: NetworkInput, *, seed: int = 1, progress: Progress = _no_progress) -> dict:
    """Run the whole analysis; returns counts only, as plain lists for JSON storage."""
    total = len(STAGES)
    progress("graph", 0, total)
    edges = mutual_edges(data.ties)
    graph, index = build_graph(data.residents, edges)

    progress("communities", 1, total)
    membership = communities(graph, seed=seed) if graph.vcount() else np.array([], np.int64)
    members = (
        index.with_columns(pl.Series("community", membership, dtype=pl.Int64))
        .join(data.residents, on="user_id")
        .filter(pl.col("community") >= 0)
    )
    community_wijk = (
        members.group_by("community", "wijk_id")
        .agg(pl.len().alias("residents"))
        .sort("community", "wijk_id")
    )
    community_of = members.select("user_id", "community", "wijk_id")
    links = (
        edges.join(
            community_of.rename({"user_id": "a", "community": "ca", "wijk_id": "wa"}), on="a"
        )
        .join(community_of.rename({"user_id": "b", "community": "cb", "wijk_id": "wb"}), on="b")
        .filter((pl.col("wa") == pl.col("wb")) & (pl.col("ca") != pl.col("cb")))
        .select(
            pl.col("wa").alias("wijk_id"),
            pl.min_horizontal("ca", "cb").alias("c1"),
            pl.max_horizontal("ca", "cb").alias("c2"),
        )
        .group_by("wijk_id", "c1", "c2")
        .agg(pl.len().alias("ties"))
        .sort("wijk_id", "c1", "c2")
    )

    progress("connectors", 2, total)
    scores = connector_scores(members, edges).join(community_of, on="user_id")
    connectors = (
        scores.filter(pl.col("communities_bridged") > 0)
        .sort(
            ["wijk_id", "communities_bridged", "cross_ties", "user_id"],
            descending=[False, True, True, False],
        )
        .group_by("wijk_id", maintain_order=True)
        .head(CONNECTORS_PER_WIJK)
    )

    progress("reach", 3, total)
    reached = reach(data.affiliations, edges)

    progress("isolation", 4, total)
    isolation = isolation_by_buurt(data.residents, data.person_ties)
    progress("done", total, total)

    return {
        "summary": {
            "residents": data.residents.height,
            "mutual_ties": edges.height,
            "communities": int(membership.max()) + 1 if membership.size else 0,
            "modularity": _modularity(graph, membership),
        },
        "community_wijk": community_wijk.to_dicts(),
        "links": links.to_dicts(),
        "connectors": connectors.to_dicts(),
        "reach": reached.to_dicts(),
        "isolation": isolation.to_dicts(),
    }


def _modularity(graph: ig.Graph, membership: np.ndarray) -> float | None:
    if not graph.ecount():
        return None
    # Residents without a community count as groups of one; reported at resolution 1, the
    # usual scale, so runs of different sizes compare.
    alone = membership < 0
    labels = membership.copy()
    labels[alone] = membership.max() + 1 + np.arange(int(alone.sum()))
    return round(float(graph.modularity(labels.tolist(), weights="weight")), 4)


def empty_input() -> NetworkInput:
    def frame(schema: dict[str, Any]) -> pl.DataFrame:
        return pl.DataFrame(schema=schema)

    return NetworkInput(
        residents=frame({"user_id": pl.Int64, "buurt_id": pl.Int64, "wijk_id": pl.Int64}),
        ties=frame({"src": pl.Int64, "dst": pl.Int64, "strength": pl.Int64}),
        affiliations=frame({"user_id": pl.Int64, "hub_type": pl.Utf8, "hub_id": pl.Int64}),
        person_ties=frame({"user_id": pl.Int64, "n": pl.Int64}),
    )
