"""Computing every indicator for every area and period, in Polars, without a loop over rows.

Inputs are plain frames, so the engine runs the same on the region's database rows and on a
synthetic country in the benchmark:

- figures: source, figure, area_code, level, period, value (published figures at any level);
- hierarchy: one row per buurt with buurt, wijk, gemeente and region codes;
- definitions: one row per indicator (see DEFINITION_SCHEMA).

Aggregation rule (the validity test checks it against CBS's own tables): a parent's figure is
the figure CBS (or another source) published for it where one exists, and the sum of its
buurten otherwise. Where both exist, `parts_gap` keeps the relative difference, because CBS
rounds buurt counts to 5 and leaves a few residents unassigned, so parts do not add up exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from gezondewijk.indicators import cube

Z95 = cube.Z95
LEVELS = cube.LEVELS
PARENT_LEVEL = {"buurt": "wijk", "wijk": "gemeente", "gemeente": "region"}
FIGURE_KEYS = ["source", "figure", "area_code", "period"]

DEFINITION_SCHEMA: dict[str, type[pl.DataType] | pl.DataType] = {
    "indicator_id": pl.Int64,
    "source": pl.String,
    "numerator": pl.String,
    "denominator": pl.String,  # "" for a figure shown as it is
    "scale": pl.Float64,
    "proportion": pl.Boolean,  # numerator counts part of the denominator: Wilson interval
    "additive": pl.Boolean,  # numerator (and denominator) may be summed over buurten
    "resident_based": pl.Boolean,
    "levels": pl.List(pl.String),
    "higher_is_better": pl.Boolean,
    "bronze": pl.Float64,
    "silver": pl.Float64,
    "gold": pl.Float64,
}


def parent_codes(hierarchy: pl.DataFrame) -> pl.DataFrame:
    """area_code → (level, parent_code) for every area in the hierarchy."""
    frames = [
        hierarchy.select(
            pl.col(f"{level}_code").alias("area_code"),
            pl.lit(level).alias("level"),
            pl.col(f"{PARENT_LEVEL[level]}_code").alias("parent_code")
            if level in PARENT_LEVEL
            else pl.lit("").alias("parent_code"),
        ).unique("area_code")
        for level in LEVELS
    ]
    return pl.concat(frames)


def aggregate(figures: pl.DataFrame, hierarchy: pl.DataFrame) -> pl.DataFrame:
    """Figures at every level: published where published, else the sum of the buurten.

    Returns FIGURE_KEYS + level, value, parts (the sum of the buurten, or null), basis
    ("published" or "sum") and parts_gap ((published - parts) / published).
    """
    areas = cube.areas_of(hierarchy)
    keys = figures.select("source", "figure").unique(maintain_order=True)
    published, years = _published_cube(figures, keys, areas)
    values, parts = cube.fill_parents(published, areas)
    f, a, y = np.nonzero(~np.isnan(values))
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = (published - parts) / published
    return pl.DataFrame(
        {
            "source": keys["source"].to_numpy()[f],
            "figure": keys["figure"].to_numpy()[f],
            "area_code": areas.codes[a],
            "period": years[y],
            "level": np.array(LEVELS)[areas.level[a]],
            "value": values[f, a, y],
            "parts": parts[f, a, y],
            "basis": np.where(np.isnan(published[f, a, y]), "sum", "published"),
            "parts_gap": gap[f, a, y],
        }
    ).with_columns(pl.col("parts", "parts_gap").fill_nan(None))


def _enum_index(series: pl.Series, mapping: dict[str, int]) -> np.ndarray:
    """Map each value to mapping[value] (-1 when absent) through its Enum category, so a
    national table is never hashed string by string. String columns are made Enum first."""
    if not isinstance(series.dtype, pl.Enum):
        series = series.cast(pl.Enum(series.unique().drop_nulls().sort().to_list()))
    assert isinstance(series.dtype, pl.Enum)
    categories = series.dtype.categories
    lookup = categories.replace_strict(mapping, default=-1, return_dtype=pl.Int64).to_numpy()
    physical = series.to_physical()
    if physical.null_count():
        physical = physical.fill_null(0)
    return lookup[physical.to_numpy()]


def _published_cube(
    figures: pl.DataFrame, keys: pl.DataFrame, areas: cube.Areas
) -> tuple[np.ndarray, np.ndarray]:
    """(figure × area × year) cube of the published figures (NaN: none), and the years."""
    if figures.is_empty() or keys.is_empty():
        return np.full((keys.height, areas.size, 1), np.nan), np.array([2000])
    sources = sorted(set(keys["source"].to_list()))
    names = sorted(set(keys["figure"].to_list()))
    table = np.full((len(sources), len(names)), -1, np.int64)
    src_of = {name: i for i, name in enumerate(sources)}
    fig_of = {name: i for i, name in enumerate(names)}
    for fid, (source, figure) in enumerate(keys.iter_rows()):  # the few keys, not the rows
        table[src_of[source], fig_of[figure]] = fid
    src = _enum_index(figures["source"], src_of)
    fig = _enum_index(figures["figure"], fig_of)
    fid_all = np.where((src >= 0) & (fig >= 0), table[src, np.maximum(fig, 0)], -1)
    area = _enum_index(figures["area_code"], dict(zip(areas.codes, range(areas.size), strict=True)))
    period = figures["period"].to_numpy()
    values = figures["value"].to_numpy()
    keep = (fid_all >= 0) & (area >= 0)
    if not keep.all():  # at national scale everything is kept: skip four copies
        fid_all, area, period, values = fid_all[keep], area[keep], period[keep], values[keep]
    first, last = (int(period.min()), int(period.max())) if period.size else (2000, 2000)
    years = np.arange(first, last + 1)
    published = np.full((keys.height, areas.size, years.size), np.nan)
    published[fid_all, area, period - first] = values
    return published, years


@dataclass
class Computed:
    """Every indicator (axis 0) for every area (axis 1) and year (axis 2)."""

    indicator_ids: np.ndarray
    areas: cube.Areas
    years: np.ndarray
    value: np.ndarray
    num: np.ndarray
    den: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    published: np.ndarray  # bool: the figures are the published ones, not a sum of parts
    gap: np.ndarray
    suppressed: np.ndarray
    bloom: np.ndarray  # int8, -1 where the indicator has no thresholds
    present: np.ndarray  # bool: a value exists (or existed before suppression)

    def frame(self) -> pl.DataFrame:
        """The long table of values, one row per indicator, area and year that exists."""
        i, a, y = np.nonzero(self.present)
        parent = self.areas.parent[a]
        parent_code = np.where(parent >= 0, self.areas.codes[np.maximum(parent, 0)], "")
        den = self.den[i, a, y]
        return pl.DataFrame(
            {
                "indicator_id": self.indicator_ids[i],
                "area_code": self.areas.codes[a],
                "level": np.array(LEVELS)[self.areas.level[a]],
                "parent_code": parent_code,
                "period": self.years[y],
                "value": self.value[i, a, y],
                "numerator": self.num[i, a, y],
                "denominator": den,
                "n": den,
                "ci_low": self.ci_low[i, a, y],
                "ci_high": self.ci_high[i, a, y],
                "suppressed": self.suppressed[i, a, y],
                "basis": np.where(self.published[i, a, y], "published", "sum"),
                "parts_gap": self.gap[i, a, y],
                "bloom": self.bloom[i, a, y],
            }
        ).with_columns(
            pl.col(
                "value", "numerator", "denominator", "n", "ci_low", "ci_high", "parts_gap"
            ).fill_nan(None),
            pl.when(pl.col("bloom") >= 0).then(pl.col("bloom")).alias("bloom"),
        )


def run(
    definitions: pl.DataFrame, figures: pl.DataFrame, hierarchy: pl.DataFrame, *, k: int
) -> Computed:
    """Compute every indicator for every area and year (see the module's rules)."""
    areas = cube.areas_of(hierarchy)
    defs = definitions.with_columns(pl.col("denominator").fill_null(""))
    keys = pl.concat(
        [
            defs.select("source", pl.col("numerator").alias("figure")),
            defs.filter(pl.col("denominator") != "").select(
                "source", pl.col("denominator").alias("figure")
            ),
        ]
    ).unique(maintain_order=True)
    published, years = _published_cube(figures, keys, areas)
    filled, parts = cube.fill_parents(published, areas)
    fid = keys.with_row_index("fid")
    nidx = defs.join(fid.rename({"figure": "numerator"}), on=["source", "numerator"], how="left")[
        "fid"
    ].to_numpy()
    didx = (
        defs.join(fid.rename({"figure": "denominator"}), on=["source", "denominator"], how="left")[
            "fid"
        ]
        .fill_null(-1)
        .to_numpy()
        .astype(np.int64)
    )
    has_den = didx >= 0
    # Work in place on the (indicator × area × year) arrays: at national scale every temporary
    # copy costs more than the arithmetic.
    num = filled[nidx]
    not_additive = ~defs["additive"].to_numpy()
    if not_additive.any():
        num[not_additive] = published[nidx[not_additive]]
    den = filled[np.maximum(didx, 0)]
    den[~has_den] = np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        value = num / den
        value *= defs["scale"].to_numpy()[:, None, None]
        value[~has_den] = num[~has_den]
        invalid = ~(den > 0)
        invalid[~has_den] = False
        value[invalid] = np.nan
    value[~_level_mask(defs)[:, areas.level]] = np.nan
    present = ~np.isnan(value)
    absent = ~present
    # Basis and gap only concern parents: a buurt's figure is always its published one.
    buurten = areas.count[0]
    parent_num = published[nidx, buurten:, :]
    parent_den = published[np.maximum(didx, 0), buurten:, :]
    is_published = np.ones(value.shape, bool)
    is_published[:, buurten:, :] = ~np.isnan(parent_num) & (
        ~np.isnan(parent_den) | ~has_den[:, None, None]
    )
    gap = np.full(value.shape, np.nan, np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        parent_gap = (parent_num - parts[nidx, buurten:, :]) / parent_num
    parent_gap[~np.isfinite(parent_gap)] = np.nan
    gap[:, buurten:, :] = parent_gap
    ci_low, ci_high = cube.wilson(num, den)
    scale32 = defs["scale"].to_numpy().astype(np.float32)[:, None, None]
    ci_low *= scale32
    ci_high *= scale32
    not_proportion = ~(defs["proportion"].to_numpy() & has_den)
    for array in (ci_low, ci_high):
        array[not_proportion] = np.nan
    for array in (num, den, ci_low, ci_high, gap):
        array[absent] = np.nan
    computed = Computed(
        indicator_ids=defs["indicator_id"].to_numpy(),
        areas=areas,
        years=years,
        value=value,
        num=num,
        den=den,
        ci_low=ci_low,
        ci_high=ci_high,
        published=is_published,
        gap=gap,
        suppressed=np.zeros(value.shape, bool),
        bloom=np.full(value.shape, -1, np.int8),
        present=present,
    )
    _suppress(computed, defs["resident_based"].to_numpy(), k=k)
    computed.bloom = _bloom(computed.value, defs)
    return computed


def compute(
    definitions: pl.DataFrame, figures: pl.DataFrame, hierarchy: pl.DataFrame, *, k: int
) -> pl.DataFrame:
    """One row per indicator, area and period: value, numerator, denominator, n, ci_low,
    ci_high, suppressed, basis, parts_gap, bloom, level and parent_code."""
    return run(definitions, figures, hierarchy, k=k).frame()


def _level_mask(defs: pl.DataFrame) -> np.ndarray:
    """(indicator × level) True where the indicator exists at that level."""
    return np.array(
        [[lvl in (levels or []) for lvl in LEVELS] for levels in defs["levels"].to_list()],
        dtype=bool,
    ).reshape(defs.height, len(LEVELS))


def _suppress(computed: Computed, resident_based: np.ndarray, *, k: int) -> None:
    """Resident-based values below k are hidden, with a sibling where differencing would
    reveal them (privacy.suppression's rule); public figures are never suppressed."""
    from gezondewijk.privacy.suppression import SUPPRESSED, suppress

    mask = computed.present & resident_based[:, None, None]
    i, a, y = np.nonzero(mask)
    if i.size == 0:
        return
    n = np.where(np.isnan(computed.den[i, a, y]), computed.num[i, a, y], computed.den[i, a, y])
    cells = pl.DataFrame(
        {"i": i, "parent": computed.areas.parent[a], "y": y, "n": n, "cell": np.arange(i.size)}
    )
    hidden = suppress(cells, count="n", values=[], groups=["i", "parent", "y"], k=k)
    rows = hidden.filter(pl.col(SUPPRESSED))["cell"].to_numpy()
    hi, ha, hy = i[rows], a[rows], y[rows]
    computed.suppressed[hi, ha, hy] = True
    for array in (
        computed.value,
        computed.num,
        computed.den,
        computed.ci_low,
        computed.ci_high,
        computed.gap,
    ):
        array[hi, ha, hy] = np.nan


def _bloom(value: np.ndarray, defs: pl.DataFrame) -> np.ndarray:
    """0 none, 1 bronze, 2 silver, 3 gold: the highest threshold reached in the indicator's
    direction (for "lower is better" a value at or below it); -1 without thresholds."""
    higher = defs["higher_is_better"].to_numpy()[:, None, None]
    level = np.zeros(value.shape, np.int8)
    with np.errstate(invalid="ignore"):
        for rank, name in enumerate(("bronze", "silver", "gold"), start=1):
            t = defs[name].fill_null(np.nan).to_numpy()[:, None, None]
            reached = np.where(higher, value >= t, value <= t) & ~np.isnan(t)
            level = np.where(reached, np.int8(rank), level)
    rated = defs.select(~pl.all_horizontal(pl.col("bronze", "silver", "gold").is_null()))
    rated_np = rated.to_series().to_numpy()[:, None, None]
    return np.where(rated_np, level, np.int8(-1)).astype(np.int8)


def overall_bloom(values: pl.DataFrame) -> pl.DataFrame:
    """The overall bloom level per area and period (documented in README "Bloom scale").

    Rule: over the indicators with thresholds and a (non-suppressed) value, the overall level
    is the highest level that at least two thirds of them reach. A wijk is gold when two
    thirds of its rated indicators are gold: growth shows in most of its figures, not one.
    """
    rated = values.filter(pl.col("bloom").is_not_null() & pl.col("value").is_not_null())
    return (
        rated.group_by("area_code", "period")
        .agg(
            pl.len().alias("rated"),
            *[(pl.col("bloom") >= lvl).sum().alias(f"at_{lvl}") for lvl in (1, 2, 3)],
        )
        .with_columns(
            pl.when(pl.col("at_3") * 3 >= pl.col("rated") * 2)
            .then(3)
            .when(pl.col("at_2") * 3 >= pl.col("rated") * 2)
            .then(2)
            .when(pl.col("at_1") * 3 >= pl.col("rated") * 2)
            .then(1)
            .otherwise(0)
            .alias("overall")
        )
        .select("area_code", "period", "rated", "overall")
        .sort("area_code", "period")
    )
