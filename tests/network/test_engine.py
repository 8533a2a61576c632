"""The analysis on small networks whose answer is known by looking at them."""

import numpy as np
import polars as pl

from gezondewijk.network import engine, synthetic


def frame(rows: list[tuple], columns: list[str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=columns, orient="row")


def two_cliques_and_a_bridge() -> engine.NetworkInput:
    """Residents 1–6 all know each other, so do 11–16; 6 and 11 know each other too.
    Resident 20 knows nobody; 21 has one tie to a contact off the platform."""
    left, right = range(1, 7), range(11, 17)
    pairs = [(a, b) for group in (left, right) for a in group for b in group if a < b]
    pairs.append((6, 11))
    ties = [(a, b, 2) for a, b in pairs] + [(b, a, 2) for a, b in pairs]
    residents = [(u, 100 if u < 10 else 200, 1) for u in [*left, *right]] + [
        (20, 100, 1),
        (21, 200, 1),
    ]
    degree: dict[int, int] = {}
    for a, _b, _s in ties:
        degree[a] = degree.get(a, 0) + 1
    degree[21] = 1
    return engine.NetworkInput(
        residents=frame(residents, ["user_id", "buurt_id", "wijk_id"]),
        ties=frame(ties, ["src", "dst", "strength"]),
        affiliations=frame(
            [(1, "plek", 7), (2, "plek", 7), (12, "plek", 8)], ["user_id", "hub_type", "hub_id"]
        ),
        person_ties=frame(list(degree.items()), ["user_id", "n"]),
    )


def test_a_tie_recorded_by_only_one_side_is_not_mutual() -> None:
    ties = frame([(1, 2, 3), (2, 1, 1), (1, 3, 2)], ["src", "dst", "strength"])
    edges = engine.mutual_edges(ties)
    assert edges.select("a", "b").rows() == [(1, 2)]
    assert edges["weight"].to_list() == [2.0]


def test_two_cliques_are_two_communities() -> None:
    results = engine.analyse(two_cliques_and_a_bridge())
    assert results["summary"]["communities"] == 2
    sizes = sorted(r["residents"] for r in results["community_wijk"])
    assert sizes == [6, 6]


def test_the_bridge_residents_are_the_connectors() -> None:
    results = engine.analyse(two_cliques_and_a_bridge())
    assert {c["user_id"] for c in results["connectors"]} == {6, 11}
    assert all(c["communities_bridged"] == 1 for c in results["connectors"])


def test_reach_counts_one_and_two_steps() -> None:
    results = engine.analyse(two_cliques_and_a_bridge())
    reach = {r["hub_id"]: r for r in results["reach"]}
    # Place 7: residents 1 and 2 directly; within two steps all of 1–6.
    assert reach[7]["direct"] == 2
    assert reach[7]["within_two"] == 6
    # Place 8: resident 12 directly; 11–16 within two steps.
    assert reach[8]["direct"] == 1
    assert reach[8]["within_two"] == 6


def test_isolation_counts_residents_with_at_most_one_tie_to_a_person() -> None:
    results = engine.analyse(two_cliques_and_a_bridge())
    by_buurt = {r["buurt_id"]: r for r in results["isolation"]}
    assert by_buurt[100]["isolated"] == 1  # resident 20
    assert by_buurt[200]["isolated"] == 1  # resident 21: one contact only
    assert by_buurt[100]["residents"] == 7


def test_the_same_seed_gives_the_same_communities() -> None:
    n = 2_000
    rng = np.random.default_rng(5)
    buurt = rng.integers(0, 20, n)
    population = synthetic.Population(np.arange(1, n + 1), buurt, buurt // 5, rng.integers(0, 6, n))
    ties = synthetic.directed_ties(
        population, synthetic.mutual_pairs(population, mean_degree=10, seed=1), seed=1
    )
    residents = pl.DataFrame(
        {"user_id": population.user_id, "buurt_id": buurt, "wijk_id": buurt // 5}
    )
    data = engine.NetworkInput(
        residents,
        ties.select("src", "dst", "strength"),
        engine.empty_input().affiliations,
        engine.empty_input().person_ties,
    )
    first, second = engine.analyse(data, seed=3), engine.analyse(data, seed=3)
    assert first["community_wijk"] == second["community_wijk"]
    assert first["summary"]["modularity"] > 0.3


def test_an_empty_region_gives_empty_results() -> None:
    results = engine.analyse(engine.empty_input())
    assert results["summary"]["communities"] == 0
    assert results["community_wijk"] == []
    assert results["reach"] == []
