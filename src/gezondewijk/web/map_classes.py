"""Classes for choropleth maps: which colour each area's value gets, and what the legend says.

Plain data in, plain data out, so every map (indicators, reach, …) classifies the same way and
the rule can be tested without a page. Natural breaks (Fisher-Jenks, from jenkspy: numpy only,
where mapclassify would bring scipy and scikit-learn into the web process) or quantiles (numpy).
Missing and suppressed values are never a class: the map shows them as "geen gegevens" and
"afgeschermd", never as zero.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import jenkspy
import numpy as np

Method = Literal["natural_breaks", "quantiles"]
DEFAULT_CLASSES = 5


@dataclass(frozen=True)
class Classification:
    """`breaks` are the class bounds, lowest value first: class i runs from breaks[i] to
    breaks[i + 1] (a value on a bound belongs to the lower class); with method "distinct" they
    are the values themselves, one class each. `classes[j]` is the class of
    the j-th value given, None when it has no value (missing or suppressed)."""

    method: str
    breaks: list[float]
    counts: list[int]
    classes: list[int | None]
    missing: int = 0
    suppressed: int = 0

    def legend(self) -> dict[str, Any]:
        """What the map's legend shows: one entry per class with its bounds and area count,
        and how many areas have no figure or a suppressed one."""
        if self.method == "distinct":
            bounds = [(v, v) for v in self.breaks]
        else:
            bounds = list(itertools.pairwise(self.breaks))
        entries = [
            {"low": low, "high": high, "count": count}
            for (low, high), count in zip(bounds, self.counts, strict=True)
        ]
        return {
            "method": self.method,
            "breaks": self.breaks,
            "classes": entries,
            "missing": self.missing,
            "suppressed": self.suppressed,
        }


def classify(
    values: Sequence[float | None],
    *,
    suppressed: Sequence[bool] | None = None,
    k: int = DEFAULT_CLASSES,
    method: Method = "natural_breaks",
) -> Classification:
    """Put each value in one of at most `k` classes. With fewer distinct values than `k`, each
    distinct value is its own class; one area, or all areas equal, make one class; no values at
    all make no classes. A value marked suppressed counts as suppressed whatever it holds."""
    if k < 1:
        raise ValueError("k must be at least 1")
    raw = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    hidden = (
        np.zeros(raw.shape, dtype=bool)
        if suppressed is None
        else np.asarray(suppressed, dtype=bool)
    )
    if hidden.shape != raw.shape:
        raise ValueError("values and suppressed differ in length")
    present = ~np.isnan(raw) & ~hidden
    n_suppressed = int(hidden.sum())
    n_missing = int((~present).sum()) - n_suppressed
    shown = raw[present]
    distinct = np.unique(shown)

    if distinct.size == 0:
        index = np.full(raw.shape, -1)
        return _result("none", [], [], index, present, n_missing, n_suppressed)
    if distinct.size <= k:
        # Few values: each is a class of its own, bounds at the values themselves.
        index = np.searchsorted(distinct, raw)
        counts = np.bincount(np.searchsorted(distinct, shown), minlength=distinct.size)
        breaks = [float(v) for v in distinct]
        return _result("distinct", breaks, counts.tolist(), index, present, n_missing, n_suppressed)

    if method == "quantiles":
        bounds = np.unique(np.quantile(shown, np.linspace(0.0, 1.0, k + 1)))
    elif method == "natural_breaks":
        bounds = np.unique(np.asarray(jenkspy.jenks_breaks(shown.tolist(), n_classes=k), float))
    else:
        raise ValueError(f"unknown classification method {method!r}")
    inner = bounds[1:-1]
    index = np.searchsorted(inner, raw, side="left")
    counts = np.bincount(np.searchsorted(inner, shown, side="left"), minlength=bounds.size - 1)
    return _result(
        method, [float(b) for b in bounds], counts.tolist(), index, present, n_missing, n_suppressed
    )


def _result(
    method: str,
    breaks: list[float],
    counts: list[int],
    index: np.ndarray,
    present: np.ndarray,
    missing: int,
    suppressed: int,
) -> Classification:
    # JSON wants None for "no class"; -1 marks it until then.
    classes = [None if i < 0 else i for i in np.where(present, index, -1).tolist()]
    return Classification(
        method=method,
        breaks=breaks,
        counts=[int(c) for c in counts],
        classes=classes,
        missing=missing,
        suppressed=suppressed,
    )
