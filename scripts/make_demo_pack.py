"""Derive the Utrecht demo data pack from the real files in ../shared/data/external.

    python scripts/make_demo_pack.py [--source DIR] [--target DIR]

The pack (src/gezondewijk/demo/data/utrecht/) holds what `gezondewijk demo` imports through
the platform's own importers: gemeente Utrecht (GM0344) with its 10 wijken and 111 buurten.

- kwb_2023_gm0344.csv, kwb_2024_gm0344.csv: the CBS key figures, only the identifying columns
  and the columns the CBS importer maps (places.importers.cbs_rows.FIGURE_COLUMNS), values as
  published (including CBS's "." for "not available");
- gemeente_2024_gm0344.geojson, wijk_2023_gm0344.geojson, buurt_2023_gm0344.geojson: the
  boundaries (CBS/PDOK generalised), features unchanged but for the properties, of which only
  statcode, jrstatcode and statnaam are kept;
- ggd_50140NED_gm0344.csv: the header of the GGD monitor table 50140NED plus GM0344's row, as
  written (`;`, BOM, padded codes).

Run it again after a new release of the sources; the output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/work/shared/data/external")
DEFAULT_TARGET = ROOT / "src" / "gezondewijk" / "demo" / "data" / "utrecht"
GEMEENTE = "GM0344"
ID_COLUMNS = ("gwb_code_10", "regio", "gm_naam", "recs")
KEEP_PROPERTIES = ("statcode", "jrstatcode", "statnaam")
KWB = {2023: "cbs_kwb_2023_utrecht_gm0344.csv", 2024: "cbs_kwb_2024_utrecht_gm0344.csv"}
BOUNDARIES = {
    "gemeente_2024_gm0344.geojson": "gemeente_gegeneraliseerd.geojson",
    "wijk_2023_gm0344.geojson": "cbs_wijk_2023_gm0344.geojson",
    "buurt_2023_gm0344.geojson": "cbs_buurt_2023_gm0344.geojson",
}
GGD = "50140NED_TypedDataSet_22092025_192544.csv"


def figure_columns() -> tuple[str, ...]:
    """The CBS columns the importer maps; read from the importer itself when it is importable."""
    import sys

    sys.path.insert(0, str(ROOT / "src"))
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gezondewijk.settings")
    import django

    django.setup()
    from gezondewijk.places.importers.cbs_rows import FIGURE_COLUMNS

    return tuple(FIGURE_COLUMNS)


def _in_gemeente(code: str) -> bool:
    return code == GEMEENTE or (code[2:6] == GEMEENTE[2:6] and code[:2] in ("WK", "BU"))


def write_kwb(source: Path, target: Path, year: int, figures: tuple[str, ...]) -> int:
    with (source / KWB[year]).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames is not None
        columns = [*ID_COLUMNS, *(c for c in figures if c in reader.fieldnames)]
        rows = [row for row in reader if _in_gemeente(row["gwb_code_10"])]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (target / f"kwb_{year}_gm0344.csv").write_text(out.getvalue(), encoding="utf-8")
    return len(rows)


def write_boundaries(source: Path, target: Path, name: str, source_name: str) -> int:
    collection = json.loads((source / source_name).read_text(encoding="utf-8"))
    features = []
    for feature in collection["features"]:
        properties = feature.get("properties") or {}
        if not _in_gemeente(str(properties.get("statcode", ""))):
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {k: properties[k] for k in KEEP_PROPERTIES if k in properties},
            }
        )
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    (target / name).write_text(text + "\n", encoding="utf-8")
    return len(features)


def write_ggd(source: Path, target: Path) -> int:
    lines = (source / GGD).read_bytes().splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    kept = [row for row in rows if row.split(b";")[3].strip() == GEMEENTE.encode()]
    (target / "ggd_50140NED_gm0344.csv").write_bytes(header + b"".join(kept))
    return len(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--target", type=Path, default=DEFAULT_TARGET)
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    figures = figure_columns()
    for year in KWB:
        print(f"kwb {year}: {write_kwb(args.source, args.target, year, figures)} rows")
    for name, source_name in BOUNDARIES.items():
        print(f"{name}: {write_boundaries(args.source, args.target, name, source_name)} features")
    print(f"ggd: {write_ggd(args.source, args.target)} row")


if __name__ == "__main__":
    main()
