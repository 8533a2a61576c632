"""Network analysis at city scale, and against networkx on a subgraph it can finish.

    make bench-network          # .venv/bin/python benchmarks/network_scale.py [--residents N]

A synthetic city (synthetic.py: clustered by buurt and age, bridges, isolated residents) of
350 000 residents and about 3.5 million recorded ties goes through the same engine the
background task runs. Prints each figure as `name: value`:

- graph_build_s, communities_s, connectors_s, reach_s, isolation_s, analysis_total_s
- peak_rss_mb: the process's peak resident memory
- ego_p50_ms, ego_p95_ms: the "mijn wijk" page's reads (own ties with their targets, the
  picture's data and the support chart) on an SQLite database holding all ties
- networkx_subgraph_residents, igraph_subgraph_s, networkx_subgraph_s, speedup_vs_networkx:
  the same pipeline (Leiden vs networkx's Louvain, brokerage, reach, isolation) on a subgraph
- connector_spearman_vs_betweenness, connector_top50_overlap: how close the linear-time
  brokerage ranking comes to exact betweenness on a subgraph of a few thousand residents
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

BUURTEN_PER_WIJK = 8
RESIDENTS_PER_BUURT = 440  # 350 000 residents → about 100 wijken, as in a real region
MEAN_DEGREE = 11.8  # gives about ten recorded ties per resident after overlaps
HUBS = 2_000
WARM_UP = 50


def city(residents: int, seed: int) -> tuple[object, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    from gezondewijk.network import synthetic

    rng = np.random.default_rng(seed)
    buurt = np.sort(rng.integers(0, max(1, residents // RESIDENTS_PER_BUURT), residents))
    population = synthetic.Population(
        user_id=np.arange(1, residents + 1),
        buurt=buurt,
        wijk=buurt // BUURTEN_PER_WIJK,
        age_band=rng.integers(0, 6, residents),
    )
    pairs = synthetic.mutual_pairs(population, mean_degree=MEAN_DEGREE, seed=seed)
    ties = synthetic.directed_ties(population, pairs, seed=seed)
    frame = pl.DataFrame(
        {"user_id": population.user_id, "buurt_id": buurt, "wijk_id": buurt // BUURTEN_PER_WIJK}
    )
    visits = rng.choice([0, 1, 2], size=residents, p=[0.4, 0.4, 0.2])
    owners = np.repeat(population.user_id, visits)
    hub_of_wijk = (
        np.repeat(frame["wijk_id"].to_numpy(), visits) * 20 + rng.integers(0, 20, owners.size)
    ) % HUBS
    affiliations = pl.DataFrame(
        {"user_id": owners, "hub_type": ["plek"] * owners.size, "hub_id": hub_of_wijk}
    ).unique()
    return population, frame, ties, affiliations


def person_ties(ties: pl.DataFrame) -> pl.DataFrame:
    return ties.group_by(pl.col("src").alias("user_id")).agg(pl.len().cast(pl.Int64).alias("n"))


def timed_analysis(frame: pl.DataFrame, ties: pl.DataFrame, affiliations: pl.DataFrame) -> dict:
    from gezondewijk.network import engine

    marks: dict[str, float] = {}
    started = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        marks["graph_build" if stage == "graph" else stage] = time.perf_counter()

    data = engine.NetworkInput(
        frame, ties.select("src", "dst", "strength"), affiliations, person_ties(ties)
    )
    results = engine.analyse(data, progress=progress)
    stages = ["graph_build", "communities", "connectors", "reach", "isolation", "done"]
    figures = {
        f"{stage}_s": marks[following] - marks[stage]
        for stage, following in itertools.pairwise(stages)
    }
    figures["analysis_total_s"] = marks["done"] - started
    figures["results"] = results
    return figures


def networkx_pipeline(frame: pl.DataFrame, ties: pl.DataFrame, affiliations: pl.DataFrame) -> float:
    """The same steps in networkx: Louvain (it has no Leiden), brokerage, reach, isolation."""
    import networkx as nx

    from gezondewijk.network import engine

    started = time.perf_counter()
    edges = engine.mutual_edges(ties.select("src", "dst", "strength"))
    graph = nx.Graph()
    graph.add_nodes_from(frame["user_id"].to_list())
    graph.add_weighted_edges_from(edges.rows())
    # The same resolution the engine gives Leiden on a graph of this size, for a fair race.
    resolution = engine.resolution_for(engine.build_graph(frame, edges)[0])
    groups = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=1)
    community = {node: i for i, members in enumerate(groups) for node in members}
    for node in graph:
        counts: dict[int, int] = {}
        for other in graph[node]:
            counts[community[other]] = counts.get(community[other], 0) + 1
        degree = sum(counts.values())
        _ = 1 - sum((k / degree) ** 2 for k in counts.values()) if degree else 0.0
    bipartite = graph.copy()
    for user, hub_type, hub in affiliations.rows():
        bipartite.add_edge(("hub", hub_type, hub), user)
    for hub in [n for n in bipartite if isinstance(n, tuple)]:
        # Members are one step from the hub, the people they know two: distance 2 at most.
        reached = nx.single_source_shortest_path_length(bipartite, hub, cutoff=2)
        _ = sum(1 for n in reached if not isinstance(n, tuple))
    _ = sum(1 for n in graph if graph.degree(n) <= 1)
    return time.perf_counter() - started


def connector_accuracy(frame: pl.DataFrame, ties: pl.DataFrame) -> tuple[float, float]:
    """Spearman correlation and top-50 overlap of brokerage against exact betweenness."""
    from gezondewijk.network import engine

    edges = engine.mutual_edges(ties.select("src", "dst", "strength"))
    graph, index = engine.build_graph(frame, edges)
    members = index.with_columns(
        pl.Series("community", engine.communities(graph), dtype=pl.Int64)
    ).filter(pl.col("community") >= 0)
    scores = engine.connector_scores(members, edges)
    exact = index.with_columns(pl.Series("betweenness", graph.betweenness(directed=False)))
    both = (
        exact.join(scores, on="user_id", how="left")
        .fill_null(0)
        .with_columns(
            (pl.col("communities_bridged") * 1_000_000 + pl.col("cross_ties")).alias("brokerage")
        )
    )
    ranked = both.select(pl.col("betweenness").rank(), pl.col("brokerage").rank())
    spearman = ranked.select(pl.corr("betweenness", "brokerage")).item()
    top_exact = set(both.sort("betweenness", descending=True).head(50)["user_id"].to_list())
    top_ours = set(both.sort("brokerage", descending=True).head(50)["user_id"].to_list())
    return float(spearman), len(top_exact & top_ours) / 50


def ego_latency(ties: pl.DataFrame, residents: int, samples: int) -> tuple[float, float]:
    """p50 and p95 of the "mijn wijk" reads, on a scratch SQLite database with every tie."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    path = connection.settings_dict["NAME"]
    raw = sqlite3.connect(path)
    raw.executemany(
        "INSERT INTO people_user (id, password, email, display_name, is_active, is_staff, "
        "is_superuser, date_joined) VALUES (?, '!', ?, ?, 1, 0, 0, '2026-01-01')",
        ((i, f"inwoner{i}@bench.invalid", f"inwoner {i}") for i in range(1, residents + 1)),
    )
    supports = ["practical_help", "emotional_support", "information", "company"]
    rows = ties.select("src", "dst", "strength", "kind", *supports).iter_rows()
    raw.executemany(
        "INSERT INTO network_tie (owner_id, target_type, resident_id, contact_label, kind, "
        "strength, frequency, practical_help, emotional_support, information, company, "
        "confirmed_at, created_at) VALUES (?, 'inwoner', ?, '', ?, ?, 'wekelijks', ?, ?, ?, ?, "
        "'2026-01-01', '2026-01-01')",
        ((s, d, k, st, a, b, c, e) for s, d, st, k, a, b, c, e in rows),
    )
    raw.commit()
    raw.close()

    from gezondewijk.network import selectors
    from gezondewijk.people.models import User

    rng = np.random.default_rng(7)
    owners = [User(pk=int(i)) for i in rng.integers(1, residents + 1, samples + WARM_UP)]
    timings = []
    for owner in owners:
        started = time.perf_counter()
        own = selectors.own_network(owner=owner)
        selectors.ego_graph(owner=owner, ties=own)
        selectors.support_spread(ties=own)
        timings.append((time.perf_counter() - started) * 1000)
    # The first requests of a process load translations and warm SQLite's page cache.
    measured = timings[WARM_UP:]
    return float(np.percentile(measured, 50)), float(np.percentile(measured, 95))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=350_000)
    parser.add_argument("--subgraph", type=int, default=50_000)
    parser.add_argument("--betweenness-subgraph", type=int, default=5_000)
    parser.add_argument("--ego-samples", type=int, default=1_000)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="gezondewijk-bench-")) / "network.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"  # before django.setup(): read once
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gezondewijk.settings")
    import django

    django.setup()

    _population, frame, ties, affiliations = city(args.residents, seed=2026)
    print(f"residents: {frame.height}")
    print(f"ties: {ties.height}")
    figures = timed_analysis(frame, ties, affiliations)
    results = figures.pop("results")
    for name, value in figures.items():
        print(f"{name}: {value:.2f}")
    print(f"communities: {results['summary']['communities']}")
    print(f"modularity: {results['summary']['modularity']}")
    print(f"peak_rss_mb: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")

    sub = frame.filter(pl.col("user_id") <= args.subgraph)
    sub_ties = ties.filter((pl.col("src") <= args.subgraph) & (pl.col("dst") <= args.subgraph))
    sub_aff = affiliations.filter(pl.col("user_id") <= args.subgraph)
    igraph_s = timed_analysis(sub, sub_ties, sub_aff)["analysis_total_s"]
    networkx_s = networkx_pipeline(sub, sub_ties, sub_aff)
    print(f"networkx_subgraph_residents: {sub.height}")
    print(f"igraph_subgraph_s: {igraph_s:.2f}")
    print(f"networkx_subgraph_s: {networkx_s:.2f}")
    print(f"speedup_vs_networkx: {networkx_s / igraph_s:.1f}")

    small = frame.filter(pl.col("user_id") <= args.betweenness_subgraph)
    small_ties = ties.filter(
        (pl.col("src") <= args.betweenness_subgraph) & (pl.col("dst") <= args.betweenness_subgraph)
    )
    spearman, overlap = connector_accuracy(small, small_ties)
    print(f"connector_spearman_vs_betweenness: {spearman:.3f}")
    print(f"connector_top50_overlap: {overlap:.2f}")

    p50, p95 = ego_latency(ties, frame.height, args.ego_samples)
    print(f"ego_p50_ms: {p50:.2f}")
    print(f"ego_p95_ms: {p95:.2f}")
    for path in scratch.parent.iterdir():
        path.unlink()
    scratch.parent.rmdir()


if __name__ == "__main__":
    main()
