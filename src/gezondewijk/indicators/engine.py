"""Computing every indicator for every area and period, in Polars, without a loop over rows.

Inputs are plain frames, so the engine runs the same on the region's database rows and on a
synthetic country in the benchmark:

- figures: source, figure, area_code, level, period, value (published figures at any level);
- hierarchy: one row per leaf area (a buurt; a wijk without buurten; a gemeente without
  wijken) with its buurt, wijk, gemeente and region codes, null below the leaf, so every area
  that has figures is in it, whichever levels exist under it (none at all: an empty frame);
- definitions: one row per indicator (see DEFINITION_SCHEMA).

Aggregation rule (the validity test checks it against CBS's own tables): a parent's figure is
the figure CBS (or another source) published for it where one exists, and otherwise the sum of
its children's figures, level by level: a wijk sums its buurten, a gemeente its wijken, a
region its gemeenten, each child counted with its own figure, published or summed. So a region
of whole gemeenten shows the sum of its gemeenten's published figures, and a gemeente whose
wijken are published but whose buurten are not (or only some are) sums the published wijken.
Children without a figure are left out of the sum; an area without children (a wijk without
buurten) has no sum.

`parts` is that sum of the children (null for a buurt and for an area without children), and
`parts_gap` ((published - parts) / published) compares a published figure with it: the gap
between a published parent and its direct children as they are shown, whatever lies below
them. CBS rounds buurt counts to 5 and leaves a few residents unassigned, so parts do not add
up exactly; the gap is kept, not hidden.
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
            pl.col(f"{level}_code").cast(pl.String).alias("area_code"),
            pl.lit(level).alias("level"),
            pl.col(f"{PARENT_LEVEL[level]}_code").cast(pl.String).alias("parent_code")
            if level in PARENT_LEVEL
            else pl.lit("").alias("parent_code"),
        )
        .drop_nulls("area_code")
        .unique("area_code", maintain_order=True)
        for level in LEVELS
    ]
    return pl.concat(frames)


def aggregate(figures: pl.DataFrame, hierarchy: pl.DataFrame) -> pl.DataFrame:
    """Figures at every level: published where published, else the sum of the children.

    Returns FIGURE_KEYS + level, value, parts (the sum of the children, or null), basis
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


def _category_codes(series: pl.Series) -> tuple[np.ndarray, list[str]]:
    """Each value's category number and the categories, so a national table is never hashed
    string by string: what maps codes to positions looks at the few categories only. String
    columns are made Enum first; a missing value gets the number one past the categories."""
    if not isinstance(series.dtype, pl.Enum):
        series = series.cast(pl.Enum(series.unique().drop_nulls().sort().to_list()))
    assert isinstance(series.dtype, pl.Enum)
    names = series.dtype.categories.to_list()
    physical = series.to_physical()
    if physical.null_count():
        physical = physical.fill_null(len(names))
    return physical.to_numpy().astype(np.int64), names


def _published_cube(
    figures: pl.DataFrame, keys: pl.DataFrame, areas: cube.Areas
) -> tuple[np.ndarray, np.ndarray]:
    """(figure × area × year) cube of the published figures (NaN: none), and the years."""
    if figures.is_empty() or keys.is_empty():
        return np.full((keys.height, areas.size, 1), np.nan), np.array([2000])
    source, source_names = _category_codes(figures["source"])
    figure, figure_names = _category_codes(figures["figure"])
    area, area_names = _category_codes(figures["area_code"])
    fid_of = {pair: fid for fid, pair in enumerate(keys.iter_rows())}
    # Position of each (source, figure) category pair and each area category; the extra last
    # entry (-1) catches missing values.
    pair_fid = np.array(
        [[fid_of.get((s, f), -1) for f in [*figure_names, None]] for s in [*source_names, None]],
        np.int64,
    ).ravel()
    position = dict(zip(areas.codes.tolist(), range(areas.size), strict=True))
    area_index = np.array([position.get(code, -1) for code in [*area_names, None]], np.int64)
    period = figures["period"].to_numpy()
    values = figures["value"].to_numpy()
    first, last = int(period.min()), int(period.max())
    years = np.arange(first, last + 1)
    published = np.empty((keys.height, areas.size, years.size))
    flat = published.reshape(-1)
    cube.in_chunks(flat.size, lambda part: flat[part].fill(np.nan), size=flat.size // 4 + 1)
    width = len(figure_names) + 1

    def scatter(rows: slice) -> None:
        fid = pair_fid[source[rows] * width + figure[rows]]
        where = area_index[area[rows]]
        keep = (fid >= 0) & (where >= 0)
        cell = (fid * areas.size + where) * years.size + (period[rows] - first)
        if keep.all():  # at national scale everything is kept: skip the copies
            flat[cell] = values[rows]
        else:
            flat[cell[keep]] = values[rows][keep]

    cube.in_chunks(period.size, scatter, size=period.size // 4 + 1)
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
    shape = (defs.height, areas.size, years.size)
    computed = Computed(
        indicator_ids=defs["indicator_id"].to_numpy(),
        areas=areas,
        years=years,
        value=np.empty(shape),
        num=np.empty(shape),
        den=np.empty(shape),
        ci_low=np.empty(shape, np.float32),
        ci_high=np.empty(shape, np.float32),
        published=np.empty(shape, bool),
        gap=np.empty(shape, np.float32),
        suppressed=np.empty(shape, bool),
        bloom=np.empty(shape, np.int8),
        present=np.empty(shape, bool),
    )
    figures_of = _Figures(published=published, filled=filled, parts=parts, nidx=nidx, didx=didx)
    rules = _Rules.of(defs)
    cube.in_chunks(defs.height, lambda chunk: _compute_chunk(computed, figures_of, rules, chunk, k))
    return computed


@dataclass
class _Figures:
    """The figure cubes an indicator is computed from, and which figures each one takes."""

    published: np.ndarray
    filled: np.ndarray
    parts: np.ndarray
    nidx: np.ndarray  # figure of each indicator's numerator
    didx: np.ndarray  # figure of its denominator, -1 for none


@dataclass
class _Rules:
    """Per indicator, the definition columns the computation needs, as arrays."""

    scale: np.ndarray
    additive: np.ndarray
    proportion: np.ndarray
    resident_based: np.ndarray
    level_mask: np.ndarray  # (indicator × level)
    higher_is_better: np.ndarray
    thresholds: np.ndarray  # (indicator × 3): bronze, silver, gold; NaN where not set

    @classmethod
    def of(cls, defs: pl.DataFrame) -> _Rules:
        return cls(
            scale=defs["scale"].to_numpy(),
            additive=defs["additive"].to_numpy(),
            proportion=defs["proportion"].to_numpy(),
            resident_based=defs["resident_based"].to_numpy(),
            level_mask=_level_mask(defs),
            higher_is_better=defs["higher_is_better"].to_numpy(),
            thresholds=defs.select(
                pl.col(name).cast(pl.Float64).fill_null(np.nan) for name in BLOOM_LEVELS
            ).to_numpy(),
        )


BLOOM_LEVELS = ("bronze", "silver", "gold")


def _compute_chunk(out: Computed, figures: _Figures, rules: _Rules, chunk: slice, k: int) -> None:
    """Every array of `out` for the indicators in `chunk`. Chunks are small enough that the
    temporaries stay in the processor's cache, and independent, so they run side by side."""
    areas = out.areas
    nidx, didx = figures.nidx[chunk], figures.didx[chunk]
    has_den = didx >= 0
    # Written straight into the output slices: a copy of a national cube costs as much as
    # the arithmetic on it.
    num = out.num[chunk]
    np.take(figures.filled, nidx, axis=0, out=num)
    not_additive = ~rules.additive[chunk]
    if not_additive.any():
        num[not_additive] = figures.published[nidx[not_additive]]
    den = out.den[chunk]
    np.take(figures.filled, np.maximum(didx, 0), axis=0, out=den)
    den[~has_den] = np.nan
    value = out.value[chunk]
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(num, den, out=value)
        value *= rules.scale[chunk][:, None, None]
        value[~has_den] = num[~has_den]
        invalid = ~(den > 0)
        invalid[~has_den] = False
        value[invalid] = np.nan
    value[~rules.level_mask[chunk][:, areas.level]] = np.nan
    present = ~np.isnan(value)
    absent = ~present
    # Basis and gap only concern parents: a buurt's figure is always its published one.
    buurten = areas.count[0]
    parent_num = figures.published[nidx, buurten:, :]
    parent_den = figures.published[np.maximum(didx, 0), buurten:, :]
    is_published = out.published[chunk]
    is_published[:, :buurten, :] = True
    is_published[:, buurten:, :] = ~np.isnan(parent_num) & (
        ~np.isnan(parent_den) | ~has_den[:, None, None]
    )
    gap = out.gap[chunk]
    gap[:, :buurten, :] = np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        parent_gap = (parent_num - figures.parts[nidx, buurten:, :]) / parent_num
    parent_gap[~np.isfinite(parent_gap)] = np.nan
    gap[:, buurten:, :] = parent_gap
    ci_low, ci_high = out.ci_low[chunk], out.ci_high[chunk]
    cube.wilson(num, den, out=(ci_low, ci_high))
    scale32 = rules.scale[chunk].astype(np.float32)[:, None, None]
    ci_low *= scale32
    ci_high *= scale32
    not_proportion = ~(rules.proportion[chunk] & has_den)
    for array in (ci_low, ci_high):
        array[not_proportion] = np.nan
    for array in (num, den, ci_low, ci_high, gap):
        array[absent] = np.nan
    suppressed = _suppressed(num, den, present, areas, rules.resident_based[chunk], k=k)
    for array in (value, num, den, ci_low, ci_high, gap):
        array[suppressed] = np.nan
    out.present[chunk] = present
    out.suppressed[chunk] = suppressed
    out.bloom[chunk] = _bloom(value, rules, chunk)


def compute(
    definitions: pl.DataFrame, figures: pl.DataFrame, hierarchy: pl.DataFrame, *, k: int
) -> pl.DataFrame:
    """One row per indicator, area and period: value, numerator, denominator, n, ci_low,
    ci_high, suppressed, basis, parts_gap, bloom, level and parent_code."""
    return run(definitions, figures, hierarchy, k=k).frame()


def hidden_cells(
    figures: pl.DataFrame,
    hierarchy: pl.DataFrame,
    *,
    source: str,
    numerator: str,
    denominator: str,
    k: int,
) -> pl.DataFrame:
    """area_code, period of the cells a resident-based indicator over these figures hides.

    For an app that publishes the same counts on a page of its own (the network app: isolation
    per buurt): hiding exactly the cells the indicator hides, and no others, keeps each
    publication from showing a complement the other one hid.
    """
    definition = pl.DataFrame(
        [
            {
                "indicator_id": 0,
                "source": source,
                "numerator": numerator,
                "denominator": denominator,
                "scale": 1.0,
                "proportion": True,
                "additive": True,
                "resident_based": True,
                "levels": list(LEVELS),
                "higher_is_better": True,
            }
        ],
        schema=DEFINITION_SCHEMA,
    )
    values = compute(definition, figures, hierarchy, k=k)
    return values.filter(pl.col("suppressed")).select("area_code", "period")


def _level_mask(defs: pl.DataFrame) -> np.ndarray:
    """(indicator × level) True where the indicator exists at that level."""
    return np.array(
        [[lvl in (levels or []) for lvl in LEVELS] for levels in defs["levels"].to_list()],
        dtype=bool,
    ).reshape(defs.height, len(LEVELS))


def _suppressed(
    num: np.ndarray,
    den: np.ndarray,
    present: np.ndarray,
    areas: cube.Areas,
    resident_based: np.ndarray,
    *,
    k: int,
) -> np.ndarray:
    """Resident-based values below k are hidden, with more cells where differencing would
    reveal them (privacy.suppression's rule); public figures are never suppressed."""
    hidden = np.zeros(present.shape, bool)
    if not resident_based.any():
        return hidden
    rows = np.flatnonzero(resident_based)
    counts = np.where(np.isnan(den[rows]), num[rows], den[rows])
    hidden[rows] = hide_small_cells(counts, present[rows], areas, k=k)
    return hidden


def hide_small_cells(
    counts: np.ndarray, present: np.ndarray, areas: cube.Areas, *, k: int
) -> np.ndarray:
    """Which (indicator × area × year) cells to hide: privacy.suppression's rule applied
    along every relation a reader can subtract over, until none has a lone hidden cell.

    - siblings: the children of one parent in one year (consecutive areas of one level in
      the cube), and all regions together;
    - families: a parent with its children, since the parent is their sum. Siblings alone
      miss a parent hidden as a complement whose children all show: it would follow from
      them, and the small cell it protects from its own parent minus it;
    - years: the years of one area, since a figure over all time (the referral figures per
      wijk) is their sum.
    """
    from gezondewijk.privacy.suppression import suppress_runs

    with np.errstate(invalid="ignore"):
        hidden = present & ~(counts >= k)

    # Each relation as (cells of the cube's area axis, reduceat starts over them). Every
    # area below a region has a parent, so the siblings' groups cover their level; a parent
    # without children is in no family (alone, it has nothing to be subtracted from). An empty
    # level has no relation.
    relations: list[tuple[slice | np.ndarray, np.ndarray]] = []
    for lvl in range(len(LEVELS)):
        if not areas.count[lvl]:
            continue
        relations.append((areas.slice(lvl), areas.starts.get(lvl + 1, np.zeros(1, np.int64))))
        if lvl + 1 < len(LEVELS):
            relations.append(_family(areas, lvl))
    seen: dict[int, np.ndarray] = {}
    flat = hidden.reshape(-1, hidden.shape[-1])  # a view: the years of one area in a row
    flat_counts, flat_present = counts.reshape(flat.shape), present.reshape(flat.shape)

    def apply(relation: int, cells: slice | np.ndarray, starts: np.ndarray) -> None:
        # The rule leaves its own result as it is (every group ends with no hidden cell or
        # at least two), so a relation whose cells no other relation changed since it last
        # ran would add nothing: it is skipped.
        if relation in seen and np.array_equal(seen[relation], hidden[:, cells]):
            return
        # A hidden cell enters with no count: the rule takes it as hidden, as a null count.
        known = np.where(hidden[:, cells], np.nan, counts[:, cells])
        hidden[:, cells] |= suppress_runs(known, present[:, cells], starts, k=k)
        seen[relation] = hidden[:, cells].copy()

    years = len(relations)
    before = -1
    # Each pass hides at least one more cell or stops, so this ends within the cube's size.
    while hidden.size and before != int(hidden.sum()):
        before = int(hidden.sum())
        for relation, (cells, starts) in enumerate(relations):
            apply(relation, cells, starts)
        if years not in seen or not np.array_equal(seen[years], hidden):
            known = np.where(flat, np.nan, flat_counts)
            flat |= suppress_runs(known, flat_present, np.zeros(1, np.int64), k=k)
            seen[years] = hidden.copy()
    return hidden


def _family(areas: cube.Areas, lvl: int) -> tuple[np.ndarray, np.ndarray]:
    """Each parent of level lvl + 1 that has children, with its children, as one group: the
    parent is placed after its children, so a tie goes to a child."""
    starts = areas.starts[lvl + 1]
    children = np.arange(areas.offset[lvl], areas.offset[lvl] + areas.count[lvl])
    parents = areas.offset[lvl + 1] + areas.groups[lvl + 1]
    ends = np.append(starts[1:], children.size)
    family = np.insert(children, ends, parents)  # each group grows by its parent
    return family, starts + np.arange(starts.size)


def _bloom(value: np.ndarray, rules: _Rules, chunk: slice) -> np.ndarray:
    """0 none, 1 bronze, 2 silver, 3 gold: the highest threshold reached in the indicator's
    direction (for "lower is better" a value at or below it); -1 without thresholds."""
    level = np.zeros(value.shape, np.int8)
    thresholds = rules.thresholds[chunk]
    higher = rules.higher_is_better[chunk]
    with np.errstate(invalid="ignore"):
        for row in range(value.shape[0]):  # the few indicators of a chunk, not rows of data
            for rank, t in enumerate(thresholds[row], start=1):
                if np.isnan(t):
                    continue
                reached = value[row] >= t if higher[row] else value[row] <= t
                level[row][reached] = rank
    rated = ~np.isnan(thresholds).all(axis=1)
    level[~rated] = -1
    return level


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
