"""The search engine's arithmetic: count, facet and order one request's matches at once.

A search used to ask the database five times (the page, its count, one grouped count per
facet), each time matching the text again and joining the tag tables. Here the text is
matched once (`search.matches`: ids, rank, title hit) and everything else is vector
arithmetic over the bank's facet columns, which this module keeps in memory:

- `FacetColumns`: per intervention, in title order, its id, its themes and settings as bit
  masks and its recognition level as a number. Loaded in three queries when the search
  index token changes (every write to the index replaces it), so a process never answers
  from columns older than the index it reads; 50 000 interventions take well under 1 MB.
- `evaluate`: the filters become boolean vectors; the facet counts follow the rule that a
  facet counts what choosing one of its values would give, given the other filters (its own
  filter is left out); the results are ordered title matches first, then by rank, then by
  title (or by title alone without a query).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.db import connection

from gezondewijk.projectbank import search
from gezondewijk.projectbank.models import (
    Intervention,
    InterventionSetting,
    InterventionTheme,
    Recognition,
    Setting,
    Theme,
)
from gezondewijk.projectbank.search import Matches

THEMES: tuple[str, ...] = tuple(Theme.values)
SETTINGS: tuple[str, ...] = tuple(Setting.values)
LEVELS: tuple[str, ...] = tuple(Recognition.values)


@dataclass(frozen=True)
class FacetColumns:
    ids: np.ndarray  # int64, in title order
    themes: np.ndarray  # int64 bit masks, bit k = THEMES[k]
    settings: np.ndarray  # int64 bit masks, bit k = SETTINGS[k]
    recognition: np.ndarray  # int8, index into LEVELS
    by_id: np.ndarray  # positions that sort `ids`, for looking ids up


def _masks(
    model: type[InterventionTheme] | type[InterventionSetting],
    field: str,
    values: tuple[str, ...],
    position: dict[int, int],
    n: int,
) -> np.ndarray:
    rows = list(model.objects.values_list("intervention_id", field))
    masks = np.zeros(n, np.int64)
    if not rows:
        return masks
    owners, tags = zip(*rows, strict=True)
    bit = {v: 1 << k for k, v in enumerate(values)}
    at = np.fromiter((position.get(o, -1) for o in owners), np.int64, len(owners))
    bits = np.fromiter((bit.get(t, 0) for t in tags), np.int64, len(tags))
    keep = at >= 0
    # Each (intervention, tag) pair is unique, so adding the bits sets them.
    np.add.at(masks, at[keep], bits[keep])
    return masks


def load_columns() -> FacetColumns:
    rows = list(Intervention.objects.order_by("title", "pk").values_list("pk", "recognition"))
    n = len(rows)
    ids = np.fromiter((r[0] for r in rows), np.int64, n)
    level = {v: k for k, v in enumerate(LEVELS)}
    recognition = np.fromiter((level.get(r[1], 0) for r in rows), np.int8, n)
    position = {int(pk): k for k, pk in enumerate(ids)}
    return FacetColumns(
        ids=ids,
        themes=_masks(InterventionTheme, "theme", THEMES, position, n),
        settings=_masks(InterventionSetting, "setting", SETTINGS, position, n),
        recognition=recognition,
        by_id=np.argsort(ids, kind="stable"),
    )


_cache: dict[str, tuple[str, FacetColumns]] = {}
_lock = threading.Lock()


def columns() -> FacetColumns:
    """The facet columns as of the current index token (one small query when unchanged)."""
    token = search.index_token()
    key = f"{connection.alias}:{connection.settings_dict['NAME']}"
    cached = _cache.get(key)
    if cached is not None and cached[0] == token:
        return cached[1]
    with _lock:
        loaded = load_columns()
        _cache[key] = (token, loaded)
    return loaded


def positions(cols: FacetColumns, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `ids` sits in the columns, for those it holds (the second array says
    which: an index row whose intervention is gone is left out)."""
    if not len(cols.ids) or not len(ids):
        return np.empty(0, np.int64), np.zeros(len(ids), bool)
    sorted_ids = cols.ids[cols.by_id]
    at = np.minimum(np.searchsorted(sorted_ids, ids), len(sorted_ids) - 1)
    found = sorted_ids[at] == ids
    return cols.by_id[at[found]], found


def themes_of(cols: FacetColumns, ids: np.ndarray) -> dict[int, list[str]]:
    """The themes of each of `ids` the columns hold, from the bit masks."""
    at, _ = positions(cols, ids)
    return {
        int(pk): [t for k, t in enumerate(THEMES) if int(mask) >> k & 1]
        for pk, mask in zip(cols.ids[at], cols.themes[at], strict=True)
    }


def _any_bit(masks: np.ndarray, values: tuple[str, ...], chosen: tuple[str, ...]) -> np.ndarray:
    wanted = sum(1 << values.index(v) for v in set(chosen) if v in values)
    return (masks & wanted) != 0


def _bit_counts(masks: np.ndarray, width: int) -> np.ndarray:
    return np.array([np.count_nonzero(masks & (1 << k)) for k in range(width)], np.int64)


Ranker = Callable[[np.ndarray], np.ndarray]


class Order:
    """The results in order: title matches first, then by rank, then by title. The ids come
    in blocks (title matches, other matches) already in title order; a block whose ranks are
    not known yet (NaN) is ranked and sorted only when a page reaches into it, so a page of
    title matches never ranks the thousands of body matches behind it."""

    def __init__(
        self,
        ids: np.ndarray,
        blocks: list[int],
        ranks: np.ndarray,
        ranker: Ranker | None,
    ) -> None:
        self._ids = ids
        self._ranks = ranks
        self._bounds = [0, *blocks, len(ids)]
        self._ranker = ranker
        self._done = [False] * (len(self._bounds) - 1)
        for k in range(len(self._done)):
            a, b = self._bounds[k], self._bounds[k + 1]
            if not np.isnan(ranks[a:b]).any():
                self._sort(k)

    def __len__(self) -> int:
        return len(self._ids)

    def _sort(self, k: int) -> None:
        a, b = self._bounds[k], self._bounds[k + 1]
        unknown = np.isnan(self._ranks[a:b])
        if unknown.any():
            if self._ranker is None:
                raise ValueError("ranks are missing and there is no ranker")
            block = self._ranks[a:b]
            block[unknown] = self._ranker(self._ids[a:b][unknown])
        # Stable: ids within a block are in title order, which breaks ties in rank.
        order = np.argsort(-self._ranks[a:b], kind="stable")
        self._ids[a:b] = self._ids[a:b][order]
        self._ranks[a:b] = self._ranks[a:b][order]
        self._done[k] = True

    def slice(self, index: slice) -> tuple[np.ndarray, np.ndarray]:
        start, stop, _ = index.indices(len(self._ids))
        for k in range(len(self._done)):
            a, b = self._bounds[k], self._bounds[k + 1]
            if not self._done[k] and a < max(stop, start + 1) and b > start:
                self._sort(k)
        return self._ids[index], self._ranks[index]


@dataclass(frozen=True)
class Evaluated:
    order: Order
    theme_counts: dict[str, int]
    setting_counts: dict[str, int]
    recognition_counts: dict[str, int]


def evaluate(
    cols: FacetColumns,
    *,
    matched: Matches | None,
    themes: tuple[str, ...],
    settings: tuple[str, ...],
    recognition: tuple[str, ...],
    ranker: Ranker | None = None,
) -> Evaluated:
    """`matched` is search.matches()'s answer, or None for no query (everything matches);
    `ranker` ranks ids when the matches came without ranks."""
    if matched is None:
        at = np.arange(len(cols.ids))
        rank: np.ndarray | None = None
        title_hit = np.zeros(len(at), bool)
    else:
        at, known = positions(cols, matched.ids)
        title_hit = matched.title_hit[known]
        rank = matched.ranks[known]
    t_masks, s_masks, levels = cols.themes[at], cols.settings[at], cols.recognition[at]
    all_true = np.ones(len(at), bool)
    by_theme = _any_bit(t_masks, THEMES, themes) if themes else all_true
    by_setting = _any_bit(s_masks, SETTINGS, settings) if settings else all_true
    wanted_levels = [LEVELS.index(v) for v in set(recognition) if v in LEVELS]
    by_level = np.isin(levels, wanted_levels) if recognition else all_true

    theme_n = _bit_counts(t_masks[by_setting & by_level], len(THEMES))
    setting_n = _bit_counts(s_masks[by_theme & by_level], len(SETTINGS))
    level_n = np.bincount(levels[by_theme & by_setting].astype(np.int64), minlength=len(LEVELS))

    keep = by_theme & by_setting & by_level
    kept_at, kept_hit = at[keep], title_hit[keep]
    if rank is None:
        order = Order(cols.ids[kept_at], [], np.zeros(len(kept_at)), None)
    else:
        # Title matches first, each block in title order (the tie-break).
        blocked = np.lexsort((kept_at, ~kept_hit))
        ids = cols.ids[kept_at[blocked]]
        blocks = [int(np.count_nonzero(kept_hit))]
        order = Order(ids, blocks, rank[keep][blocked], ranker)
    return Evaluated(
        order=order,
        theme_counts={v: int(theme_n[k]) for k, v in enumerate(THEMES)},
        setting_counts={v: int(setting_n[k]) for k, v in enumerate(SETTINGS)},
        recognition_counts={v: int(level_n[k]) for k, v in enumerate(LEVELS)},
    )
