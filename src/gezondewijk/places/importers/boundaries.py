"""Import of area boundaries: a GeoJSON FeatureCollection as CBS/PDOK publish them
("gebiedsindelingen": features keyed by `statcode`, named by `statnaam`, with `jrstatcode`).

Coordinates are WGS84 longitude/latitude (RFC 7946) unless the file's `crs` member names
another system, such as RD New ("urn:ogc:def:crs:EPSG::28992"); those are reprojected with
pyproj. RD coordinates without a crs member are refused with that reason rather than guessed.

Every feature is checked before anything is written (geometry: places/geometry.py; codes:
Polars expressions over all features at once). A bad feature refuses the whole file with one
message naming the file and, per bad feature, its number (counted from 1: feature 1 is
`features[0]`), its statcode and the reason. A good file is written in one transaction with
bulk updates: each area's boundary, simplified for display (geometry.SIMPLIFY_TOLERANCE), and
its name where the name was still its code.
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import polars as pl
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gezondewijk.places.codes import PATTERN_STRINGS, Level
from gezondewijk.places.geometry import (
    SIMPLIFY_TOLERANCE,
    CrsError,
    check_geometries,
    display_geometries,
    transformer_for,
)
from gezondewijk.places.importers.cbs_rows import MAX_SHOWN, MODELS
from gezondewijk.places.models import Area

ProgressCallback = Callable[[int, int], None]
AreaT = TypeVar("AreaT", bound=Area)
# Areas per bulk update: steady progress, few queries.
WRITE_CHUNK = 500
# How to find the areas of a level that lie in some gemeenten.
IN_GEMEENTEN: dict[Level, str] = {
    Level.GEMEENTE: "code__in",
    Level.WIJK: "gemeente__code__in",
    Level.BUURT: "wijk__gemeente__code__in",
}


class BoundaryImportError(CommandError):
    """The file cannot be imported; the message says where and why. Nothing was written."""


@dataclass
class BoundaryImportResult:
    file_name: str
    # The year of the area division: --year, else the year in the features' jrstatcode when
    # they all agree, else None.
    year: int | None
    # Areas that received their boundary, in total and per level.
    matched: int
    matched_by_level: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(Level, 0))
    # Codes of the file not in the database (only with skip_unknown; otherwise they refuse it).
    unknown_codes: list[str] = field(default_factory=list)
    # Areas of the imported level(s) in the gemeenten the file touches that still have no
    # boundary after the import (historic areas are not counted).
    without_boundary: int = 0
    # Areas whose name was their code and now carry the feature's statnaam.
    renamed: int = 0
    # The display simplification applied, in degrees (about 7 m east-west and 11 m
    # north-south in the Netherlands); see places/geometry.py.
    simplify_tolerance: float = SIMPLIFY_TOLERANCE


def import_boundaries_file(
    *,
    path: Path,
    level: Level | None = None,
    year: int | None = None,
    skip_unknown: bool = False,
    on_progress: ProgressCallback | None = None,
    file_name: str | None = None,
) -> BoundaryImportResult:
    """Read, check and store the boundaries in one GeoJSON file; raises BoundaryImportError
    and changes nothing if anything in it is wrong.

    level: only features of this level are accepted (default: each feature's level follows
    from its code). year: the features' jrstatcode must be of this year. skip_unknown: codes
    not in the database are listed in the result instead of refusing the file.
    on_progress(done, total) is called as areas are written. file_name: the name to use in
    messages (an uploaded file's own name), default path.name.
    """
    report = on_progress or _no_progress
    name = file_name or path.name
    collection = _read_collection(path, name)
    features: list[Any] = collection["features"]
    try:
        transformer = transformer_for(collection.get("crs"))
    except CrsError as error:
        raise BoundaryImportError(f"{name}: {error}") from error
    report(0, len(features))
    problems: dict[int, list[str]] = {}
    properties = [f.get("properties") if isinstance(f, dict) else None for f in features]
    for i, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.setdefault(i, []).append(_("it is not a GeoJSON Feature"))
        elif not isinstance(properties[i], dict):
            problems.setdefault(i, []).append(_("it has no properties"))
    frame = _feature_frame(properties)
    _check_codes(frame, level, year, problems)
    checked = check_geometries(
        [f.get("geometry") if isinstance(f, dict) else None for f in features],
        transformer=transformer,
    )
    for i, problem in enumerate(checked.problems):
        if problem is not None:
            problems.setdefault(i, []).append(problem)
    with transaction.atomic():
        known = _known_areas(frame)
        frame = frame.join(known, on=["code", "level"], how="left")
        of_level = pl.col("level").is_not_null()
        if level is not None:
            of_level = of_level & (pl.col("level") == level.value)
        unknown = frame.filter(of_level & pl.col("id").is_null())
        if not skip_unknown:
            for row in unknown.iter_rows(named=True):
                problems.setdefault(row["index"], []).append(
                    _(
                        "%(code)s is not in the database (import the key figures of its "
                        "gemeente first, or use --skip-unknown)"
                    )
                    % {"code": row["code"]}
                )
        _raise_if_any(name, problems, frame)
        matched = frame.filter(pl.col("id").is_not_null())
        result = BoundaryImportResult(
            file_name=name,
            year=year if year is not None else _single_year(frame),
            matched=matched.height,
            unknown_codes=sorted(unknown["code"].to_list()),
        )
        _write(matched, checked.shapes, result, report, total=len(features))
        result.without_boundary = _count_without_boundary(frame, level)
    return result


def _no_progress(completed: int, total: int) -> None:
    return None


def _read_collection(path: Path, name: str) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise BoundaryImportError(
            _("%(file)s: cannot be read (%(reason)s)")
            % {"file": name, "reason": error.strerror or error}
        ) from error
    except UnicodeDecodeError as error:
        raise BoundaryImportError(
            _("%(file)s: is not UTF-8 text, so not GeoJSON") % {"file": name}
        ) from error
    try:
        collection = json.loads(text)
    except json.JSONDecodeError as error:
        raise BoundaryImportError(
            _("%(file)s: is not JSON (line %(line)d, column %(column)d: %(reason)s)")
            % {"file": name, "line": error.lineno, "column": error.colno, "reason": error.msg}
        ) from error
    except RecursionError as error:  # nesting deeper than any GeoJSON has: a hostile file
        raise BoundaryImportError(
            _("%(file)s: is not GeoJSON (nested deeper than GeoJSON ever is)") % {"file": name}
        ) from error
    if (
        not isinstance(collection, dict)
        or collection.get("type") != "FeatureCollection"
        or not isinstance(collection.get("features"), list)
    ):
        raise BoundaryImportError(
            _(
                '%(file)s: is not a GeoJSON FeatureCollection (expected an object with "type": '
                '"FeatureCollection" and a list of "features")'
            )
            % {"file": name}
        )
    if not collection["features"]:
        raise BoundaryImportError(_("%(file)s: holds no features") % {"file": name})
    return collection


def _text(properties: object, key: str) -> str | None:
    value = properties.get(key) if isinstance(properties, dict) else None
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _feature_frame(properties: Sequence[object]) -> pl.DataFrame:
    """One row per feature: its number, code, name, jrstatcode and the level of its code."""
    frame = pl.DataFrame(
        {
            "index": range(len(properties)),
            "code": [_text(p, "statcode") for p in properties],
            "statnaam": [_text(p, "statnaam") for p in properties],
            "jrstatcode": [_text(p, "jrstatcode") for p in properties],
        },
        schema={"index": pl.Int64, "code": pl.Utf8, "statnaam": pl.Utf8, "jrstatcode": pl.Utf8},
    )
    code = pl.col("code")
    level = pl.lit(None, dtype=pl.Utf8)
    for lvl in reversed(Level):
        level = (
            pl.when(code.str.contains(PATTERN_STRINGS[lvl]))
            .then(pl.lit(lvl.value))
            .otherwise(level)
        )
    return frame.with_columns(level=level).with_columns(
        gemeente_code=pl.when(pl.col("level").is_not_null()).then("GM" + code.str.slice(2, 4))
    )


def _check_codes(
    frame: pl.DataFrame, level: Level | None, year: int | None, problems: dict[int, list[str]]
) -> None:
    code = pl.col("code")
    bad_level = pl.lit(False)
    if level is not None:
        bad_level = pl.col("level").is_not_null() & (pl.col("level") != level.value)
    jr_year = pl.col("jrstatcode").str.slice(0, 4)
    jr_code = pl.col("jrstatcode").str.slice(4)
    frame = frame.with_columns(
        first=pl.col("index").min().over("code"),
        duplicate=code.is_not_null() & code.is_duplicated(),
        bad_level=bad_level,
        jr_mismatch=pl.col("jrstatcode").is_not_null()
        & code.is_not_null()
        & ((jr_code != code) | ~jr_year.str.contains(r"^\d{4}$")),
        wrong_year=pl.col("jrstatcode").is_not_null()
        & (jr_year != str(year) if year is not None else pl.lit(False)),
    )
    for row in frame.filter(
        code.is_null()
        | pl.col("level").is_null()
        | pl.col("duplicate")
        | pl.col("bad_level")
        | pl.col("jr_mismatch")
        | pl.col("wrong_year")
    ).iter_rows(named=True):
        reasons = problems.setdefault(row["index"], [])
        if row["code"] is None:
            reasons.append(_("it has no statcode"))
        elif row["level"] is None:
            reasons.append(
                _(
                    "statcode %(code)s is not a CBS code of a gemeente, wijk or buurt (expected "
                    "e.g. GM0344, WK034401 or BU03440111)"
                )
                % {"code": row["code"]}
            )
        elif row["bad_level"]:
            reasons.append(
                _("%(code)s is a %(found)s code, but the file is imported as %(level)s boundaries")
                % {"code": row["code"], "found": row["level"], "level": level}
            )
        if row["duplicate"] and row["first"] != row["index"]:
            reasons.append(
                _("%(code)s appears more than once (also feature %(first)d)")
                % {"code": row["code"], "first": row["first"] + 1}
            )
        if row["jr_mismatch"]:
            reasons.append(
                _("jrstatcode %(jr)s does not match statcode %(code)s")
                % {"jr": row["jrstatcode"], "code": row["code"]}
            )
        elif row["wrong_year"]:
            reasons.append(
                _("jrstatcode %(jr)s is of %(found)s, not of %(year)d (--year)")
                % {"jr": row["jrstatcode"], "found": row["jrstatcode"][:4], "year": year}
            )
    for index in [i for i, reasons in problems.items() if not reasons]:
        del problems[index]


def _known_areas(frame: pl.DataFrame) -> pl.DataFrame:
    """id and name of every area of the file's levels in the gemeenten the file touches."""
    parts = []
    gemeenten = frame["gemeente_code"].drop_nulls().unique().to_list()
    for lvl in frame["level"].drop_nulls().unique().to_list():
        rows = list(
            MODELS[Level(lvl)]
            .objects.filter(**{IN_GEMEENTEN[Level(lvl)]: gemeenten})
            .values_list("code", "id", "name")
        )
        parts.append(
            pl.DataFrame(
                rows, schema={"code": pl.Utf8, "id": pl.Int64, "name": pl.Utf8}, orient="row"
            ).with_columns(level=pl.lit(lvl))
        )
    known = pl.concat(parts) if parts else None
    if known is None:
        return pl.DataFrame(
            schema={"code": pl.Utf8, "id": pl.Int64, "name": pl.Utf8, "level": pl.Utf8}
        )
    return known


def _raise_if_any(name: str, problems: dict[int, list[str]], frame: pl.DataFrame) -> None:
    if not problems:
        return
    codes = frame["code"].to_list()
    lines = [
        ngettext(
            "%(file)s: %(count)d bad feature, nothing was imported:",
            "%(file)s: %(count)d bad features, nothing was imported:",
            len(problems),
        )
        % {"file": name, "count": len(problems)}
    ]
    for index in sorted(problems)[:MAX_SHOWN]:
        lines.append(
            _("feature %(number)d (%(code)s): %(reasons)s")
            % {
                "number": index + 1,
                "code": codes[index] or _("no statcode"),
                "reasons": "; ".join(problems[index]),
            }
        )
    if len(problems) > MAX_SHOWN:
        lines.append(_("… and %(count)d more") % {"count": len(problems) - MAX_SHOWN})
    raise BoundaryImportError("\n".join(lines))


def _single_year(frame: pl.DataFrame) -> int | None:
    years = frame["jrstatcode"].drop_nulls().str.slice(0, 4).unique().to_list()
    return int(years[0]) if len(years) == 1 else None


def _write(
    matched: pl.DataFrame,
    shapes: Any,
    result: BoundaryImportResult,
    report: ProgressCallback,
    *,
    total: int,
) -> None:
    rename = pl.col("statnaam").is_not_null() & (pl.col("name") == pl.col("code"))
    matched = matched.with_columns(
        new_name=pl.when(rename).then(pl.col("statnaam")).otherwise(pl.col("name")),
        renamed=rename,
    )
    boundaries = display_geometries(shapes[matched["index"].to_numpy()])
    matched = matched.with_columns(boundary=pl.Series(range(matched.height)))
    done = 0
    for lvl in Level:
        rows = matched.filter(pl.col("level") == lvl.value)
        for chunk in rows.iter_slices(WRITE_CHUNK):
            _update(MODELS[lvl], chunk, boundaries)
            done += chunk.height
            report(done, total)
        result.matched_by_level[lvl] = rows.height
    result.renamed = int(matched["renamed"].sum())


def _update(model: type[AreaT], chunk: pl.DataFrame, boundaries: list[dict[str, Any]]) -> None:
    areas = [
        model(id=row["id"], name=row["new_name"], boundary=boundaries[row["boundary"]])
        for row in chunk.iter_rows(named=True)
    ]
    model._default_manager.bulk_update(areas, ["boundary"])
    # Names change once (code -> statnaam); a re-import updates boundaries only.
    renamed = [area for area, rename in zip(areas, chunk["renamed"], strict=True) if rename]
    model._default_manager.bulk_update(renamed, ["name"])


def _count_without_boundary(frame: pl.DataFrame, level: Level | None) -> int:
    gemeenten = frame["gemeente_code"].drop_nulls().unique().to_list()
    levels = [level] if level else [Level(v) for v in frame["level"].drop_nulls().unique()]
    return sum(
        MODELS[lvl]
        .objects.filter(
            Q(**{IN_GEMEENTEN[lvl]: gemeenten}),
            boundary__isnull=True,
            historic_since__isnull=True,
        )
        .count()
        for lvl in levels
    )
