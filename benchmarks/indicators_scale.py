"""Indicators at national scale: compute and benchmark everything, against pandas.

    make bench-indicators       # .venv/bin/python benchmarks/indicators_scale.py

A synthetic country (14 000 buurten in about 3 500 wijken, 342 gemeenten and 25 regions) with
100 indicators over 10 years goes through the same engine the background task runs:
aggregation buurt → wijk → gemeente → region (sum of numerators and denominators), values with
Wilson intervals, suppression of the resident-based indicators, bloom levels, then the
benchmark (peer-group percentile rank, difference with parent and region with a z-test, trend).
Each indicator has its own numerator; they share five denominators, as CBS figures do.

Prints `name: value` lines; the three headline figures are:
- benchmark_s: wall time of compute + benchmark in Polars (data generation excluded)
- speedup_vs_pandas: the same work done the straightforward pandas way (groupby/apply), timed
  on --pandas-indicators of the 100 indicators and scaled linearly to all of them (the work
  is independent per indicator; run with --pandas-indicators 100 to time it whole)
- peak_mb: the process's peak resident memory after the Polars run (before pandas starts)
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
import polars as pl

from gezondewijk.indicators import benchmark, engine

BUURTEN, WIJKEN, GEMEENTEN, REGIONS = 14_000, 3_500, 342, 25
INDICATORS, YEARS, DENOMINATORS, RESIDENT_BASED = 100, 10, 5, 10
FIRST_YEAR = 2015
K = 10


def country(seed: int) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """hierarchy, definitions, buurt figures (long) and the peer profile, all vectorised."""
    rng = np.random.default_rng(seed)
    wijk = np.sort(rng.integers(0, WIJKEN, BUURTEN))
    gemeente_of_wijk = np.sort(rng.integers(0, GEMEENTEN, WIJKEN))
    region_of_gemeente = np.sort(rng.integers(0, REGIONS, GEMEENTEN))
    gemeente = gemeente_of_wijk[wijk]
    hierarchy = pl.DataFrame(
        {
            "buurt_code": [f"BU{i:08d}" for i in range(BUURTEN)],
            "wijk_code": [f"WK{i:06d}" for i in wijk],
            "gemeente_code": [f"GM{i:04d}" for i in gemeente],
            "region_code": [f"RG-{i:02d}" for i in region_of_gemeente[gemeente]],
        }
    )
    resident = np.arange(INDICATORS) < RESIDENT_BASED
    definitions = pl.DataFrame(
        {
            "indicator_id": np.arange(INDICATORS),
            "source": np.where(resident, "platform", "cbs"),
            "numerator": [f"n{i}" for i in range(INDICATORS)],
            "denominator": [f"d{i % DENOMINATORS}" for i in range(INDICATORS)],
            "scale": np.full(INDICATORS, 100.0),
            "proportion": np.ones(INDICATORS, bool),
            "additive": np.ones(INDICATORS, bool),
            "resident_based": resident,
            "levels": [list(engine.LEVELS)] * INDICATORS,
            "higher_is_better": rng.random(INDICATORS) < 0.5,
            "bronze": np.full(INDICATORS, 20.0),
            "silver": np.full(INDICATORS, 30.0),
            "gold": np.full(INDICATORS, 40.0),
        },
        schema=engine.DEFINITION_SCHEMA,
    )
    # Denominators: populations per buurt and year; numerators: a share of their denominator.
    BUURTEN * YEARS
    buurt_idx = np.repeat(np.arange(BUURTEN), YEARS)
    year = np.tile(np.arange(FIRST_YEAR, FIRST_YEAR + YEARS), BUURTEN)
    size = rng.lognormal(7.0, 0.8, BUURTEN)[buurt_idx]
    dens = np.stack([np.round(size * (0.4 + 0.15 * d)) for d in range(DENOMINATORS)])
    share = rng.beta(2, 6, (INDICATORS, BUURTEN))[:, buurt_idx]
    drift = rng.normal(0, 0.004, (INDICATORS, 1)) * (year - FIRST_YEAR)
    nums = np.round(np.clip(share + drift, 0, 1) * dens[np.arange(INDICATORS) % DENOMINATORS])
    codes = hierarchy["buurt_code"].to_numpy()[buurt_idx]
    sources = ["platform" if i < RESIDENT_BASED else "cbs" for i in range(INDICATORS)]
    # The resident-based indicators have their own copies of the denominators.
    den_sources = ["cbs", "platform"]
    parts = [
        pl.DataFrame(
            {
                "source": sources[i],
                "figure": f"n{i}",
                "area_code": codes,
                "period": year,
                "value": nums[i],
            }
        )
        for i in range(INDICATORS)
    ]
    parts += [
        pl.DataFrame(
            {
                "source": src,
                "figure": f"d{d}",
                "area_code": codes,
                "period": year,
                "value": dens[d] if src == "cbs" else np.round(dens[d] / 40),
            }
        )
        for d in range(DENOMINATORS)
        for src in den_sources
    ]
    # Stored as a columnar table would be: codes as Enum (dictionary-encoded), not as text.
    figures = pl.concat(parts).with_columns(
        pl.col("source").cast(pl.Enum(["cbs", "platform"])),
        pl.col("figure").cast(
            pl.Enum(sorted(set(definitions["numerator"]) | set(definitions["denominator"])))
        ),
        pl.col("area_code").cast(pl.Enum(hierarchy["buurt_code"].to_list())),
        pl.lit("buurt").alias("level"),
    )
    levels = engine.parent_codes(hierarchy)
    profile = pl.DataFrame(
        {
            "area_code": levels["area_code"],
            "urbanity": rng.integers(1, 6, levels.height),
            "income": rng.normal(30, 6, levels.height),
            "share_65_plus": rng.beta(4, 16, levels.height),
        }
    )
    return hierarchy, definitions, figures, profile


def engine_run(
    hierarchy: pl.DataFrame,
    definitions: pl.DataFrame,
    figures: pl.DataFrame,
    profile: pl.DataFrame,
) -> tuple[float, benchmark.Benchmarked]:
    """The app's engine: long figures in, value and benchmark cubes out."""
    start = time.perf_counter()
    computed = engine.run(definitions, figures, hierarchy, k=K)
    peers = benchmark.peer_groups(profile, engine.parent_codes(hierarchy))
    result = benchmark.benchmark(computed, peers)
    return time.perf_counter() - start, result


def _pandas(frame: pl.DataFrame) -> object:
    """A pandas copy without pyarrow: column by column through NumPy, codes as text."""
    import pandas as pd

    columns = {}
    for name, dtype in frame.schema.items():
        series = frame[name].cast(pl.String) if isinstance(dtype, pl.Enum) else frame[name]
        columns[name] = series.to_list() if isinstance(dtype, pl.List) else series.to_numpy()
    return pd.DataFrame(columns)


def pandas_run(
    hierarchy: pl.DataFrame,
    definitions: pl.DataFrame,
    figures: pl.DataFrame,
    profile: pl.DataFrame,
    indicators: int,
) -> float:
    """The same benchmark as a straightforward pandas implementation: groupby sums for the
    aggregation, groupby/apply for ranks and trends."""
    import pandas as pd

    chosen = definitions.filter(pl.col("indicator_id") < indicators)
    wanted = set(chosen["numerator"]) | set(chosen["denominator"])
    h = _pandas(hierarchy)
    f = _pandas(figures.filter(pl.col("figure").cast(pl.String).is_in(list(wanted))))
    d = _pandas(chosen)
    prof = _pandas(profile)
    start = time.perf_counter()
    f = f.merge(h, left_on="area_code", right_on="buurt_code")
    levels = [
        f.assign(level="buurt")[["source", "figure", "area_code", "period", "value", "level"]]
    ]
    for level in ("wijk", "gemeente", "region"):
        g = f.groupby(["source", "figure", f"{level}_code", "period"], as_index=False)[
            "value"
        ].sum()
        levels.append(g.rename(columns={f"{level}_code": "area_code"}).assign(level=level))
    allf = pd.concat(levels)
    num = d.merge(allf, left_on=["source", "numerator"], right_on=["source", "figure"])
    den = allf.rename(columns={"figure": "denominator", "value": "den"})[
        ["source", "denominator", "area_code", "period", "den"]
    ]
    v = num.merge(den, on=["source", "denominator", "area_code", "period"])
    v = v[v["den"] > 0].copy()
    p = (v["value"] / v["den"]).clip(0, 1)
    n = v["den"]
    z2n = engine.Z95**2 / n
    centre = (p + z2n / 2) / (1 + z2n)
    half = engine.Z95 * np.sqrt(p * (1 - p) / n + z2n / (4 * n)) / (1 + z2n)
    v["pct"] = p * 100
    v["ci_low"], v["ci_high"] = (centre - half) * 100, (centre + half) * 100
    v["suppressed"] = v["resident_based"] & (v["den"] < K)
    v.loc[v["suppressed"], "pct"] = np.nan

    def bloom(row: pd.Series) -> int:
        level = 0
        for i, t in enumerate(("bronze", "silver", "gold"), start=1):
            ok = row["pct"] >= row[t] if row["higher_is_better"] else row["pct"] <= row[t]
            level = i if ok else level
        return level

    v["bloom"] = v.apply(bloom, axis=1)
    parents = pd.concat(
        [
            pd.DataFrame(
                {
                    "area_code": h[f"{a}_code"],
                    "parent_code": h[f"{b}_code"],
                    "region_code": h["region_code"],
                }
            ).drop_duplicates()
            for a, b in (("buurt", "wijk"), ("wijk", "gemeente"), ("gemeente", "region"))
        ]
    )
    v = v.merge(parents, on="area_code", how="left")
    lookup = v[["indicator_id", "period", "area_code", "pct", "value", "den"]]
    v = v.merge(
        lookup.rename(
            columns={"area_code": "parent_code", "pct": "parent_pct", "value": "pn", "den": "pd"}
        ),
        on=["indicator_id", "period", "parent_code"],
        how="left",
    ).merge(
        lookup.rename(
            columns={"area_code": "region_code", "pct": "region_pct", "value": "rn", "den": "rd"}
        ),
        on=["indicator_id", "period", "region_code"],
        how="left",
    )
    for prefix, nn, dd in (("parent", "pn", "pd"), ("region", "rn", "rd")):
        p2 = v[nn] / v[dd]
        pooled = (v["value"] + v[nn]) / (v["den"] + v[dd])
        se = np.sqrt(pooled * (1 - pooled) * (1 / v["den"] + 1 / v[dd]))
        v[f"diff_{prefix}"] = v["pct"] - v[f"{prefix}_pct"]
        v[f"sig_{prefix}"] = ((v["value"] / v["den"] - p2) / se).abs() > engine.Z95
    level_of = pd.concat(
        [
            pd.DataFrame({"area_code": h[f"{lvl}_code"].unique(), "plevel": lvl})
            for lvl in engine.LEVELS
        ]
    )
    prof = prof.merge(level_of, on="area_code")
    prof["urban"] = pd.cut(prof["urbanity"], [0, 2, 3, 5], labels=["1", "2", "3"]).astype(str)
    for column in ("income", "share_65_plus"):
        prof[f"{column}_bin"] = (
            prof.groupby("plevel")[column]
            .transform(lambda s: (s.rank(method="first") - 1) * 3 // max(len(s), 1) + 1)
            .astype(str)
        )
    prof["peer_group"] = prof["urban"] + "-" + prof["income_bin"] + "-" + prof["share_65_plus_bin"]
    v = v.merge(prof[["area_code", "peer_group"]], on="area_code", how="left")
    v["peer_percentile"] = v.groupby(["indicator_id", "level", "period", "peer_group"])[
        "pct"
    ].transform(lambda s: (s.rank() - 1) / max(s.count() - 1, 1) * 100)

    def slope(group: pd.DataFrame) -> float:
        ok = group["pct"].notna()
        if ok.sum() < 2:
            return np.nan
        return float(np.polyfit(group.loc[ok, "period"], group.loc[ok, "pct"], 1)[0])

    trend = v.groupby(["indicator_id", "area_code"])[["period", "pct"]].apply(slope)
    v = v.merge(trend.rename("trend").reset_index(), on=["indicator_id", "area_code"])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pandas-indicators", type=int, default=3)
    parser.add_argument(
        "--long-table", action="store_true", help="also time turning the cubes into rows"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    hierarchy, definitions, figures, profile = country(args.seed)
    print(f"buurten: {BUURTEN}")
    print(f"indicators: {INDICATORS}")
    print(f"years: {YEARS}")
    print(f"figure_rows: {figures.height}")
    polars_s, result = engine_run(hierarchy, definitions, figures, profile)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"values: {int(result.computed.present.sum())}")
    if args.long_table:
        start = time.perf_counter()
        rows = result.frame().height
        print(f"long_table_rows: {rows}")
        print(f"long_table_s: {time.perf_counter() - start:.2f}")
    print(f"benchmark_s: {polars_s:.2f}")
    pandas_part = pandas_run(hierarchy, definitions, figures, profile, args.pandas_indicators)
    pandas_s = pandas_part * INDICATORS / args.pandas_indicators
    print(f"pandas_indicators_timed: {args.pandas_indicators}")
    print(f"pandas_s_estimated: {pandas_s:.1f}")
    print(f"speedup_vs_pandas: {pandas_s / polars_s:.1f}")
    print(f"peak_mb: {peak:.0f}")


if __name__ == "__main__":
    main()
