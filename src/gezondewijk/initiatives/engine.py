"""Influence per initiative and growth per wijk per quarter, computed in Polars.

Every figure comes from a few flat queries turned into data frames; no Python loop over rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import polars as pl
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gezondewijk.initiatives import influence
from gezondewijk.initiatives.models import (
    LIVE_STATUSES,
    Activity,
    Initiative,
    Membership,
    StatusChange,
)

# Points per unit of each part the initiatives app counts itself. Public and simple on
# purpose: a lead should be able to check their own score by hand.
WEIGHT_MEMBER = 1.0
WEIGHT_ACTIVITY = 2.0
WEIGHT_PARTICIPANT = 0.1
WEIGHT_PARTNER = 3.0
WINDOW_DAYS = 365


@dataclass(frozen=True)
class Part:
    key: str
    label: Any
    value: float | None  # None: not available yet
    weight: float
    explanation: Any = ""

    @property
    def points(self) -> float:
        return round((self.value or 0) * self.weight, 1)


@dataclass
class Influence:
    initiative_id: int
    parts: list[Part] = field(default_factory=list)

    @property
    def score(self) -> float:
        return round(sum(p.points for p in self.parts), 1)


def frame_of(rows: Any, schema: dict[str, Any]) -> pl.DataFrame:
    """A data frame from the rows of a values_list query."""
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def _own_counts(ids: list[int], today: date) -> pl.DataFrame:
    """Members, recent activities and participants, and partners per initiative: counted by
    the database, one row per initiative shown (not per member)."""
    since = today - timedelta(days=WINDOW_DAYS)
    base = pl.DataFrame({"initiative_id": ids}, schema={"initiative_id": pl.Int64})
    members = frame_of(
        Membership.objects.filter(initiative_id__in=ids)
        .values("initiative_id")
        .annotate(n=Count("pk"))
        .values_list("initiative_id", "n"),
        {"initiative_id": pl.Int64, "members": pl.Int64},
    )
    activities = frame_of(
        Activity.objects.filter(initiative_id__in=ids, date__gte=since, date__lte=today)
        .values("initiative_id")
        .annotate(n=Count("pk"), total=Sum("participants"))
        .values_list("initiative_id", "n", "total"),
        {"initiative_id": pl.Int64, "activities": pl.Int64, "participants": pl.Int64},
    )
    partners = frame_of(
        Initiative.objects.filter(pk__in=ids).annotate(n=Count("partners")).values_list("pk", "n"),
        {"initiative_id": pl.Int64, "partners": pl.Int64},
    )
    joined = base
    for frame in (members, activities, partners):
        joined = joined.join(frame, on="initiative_id", how="left")
    return joined.fill_null(0)


def influence_of(ids: list[int], *, today: date | None = None) -> dict[int, Influence]:
    """The influence of each initiative, with every part that makes it up."""
    today = today or timezone.localdate()
    counts = _own_counts(ids, today)
    provided = {part.key: part.compute(ids) for part in influence.parts()}
    result: dict[int, Influence] = {}
    for row in counts.iter_rows(named=True):  # one row per initiative shown, not per member
        pk = row["initiative_id"]
        parts = [
            Part("members", _("Members"), row["members"], WEIGHT_MEMBER),
            Part(
                "activities",
                _("Activities in the last 12 months"),
                row["activities"],
                WEIGHT_ACTIVITY,
            ),
            Part(
                "participants",
                _("Participants in the last 12 months"),
                row["participants"],
                WEIGHT_PARTICIPANT,
            ),
            Part("partners", _("Partner organisations"), row["partners"], WEIGHT_PARTNER),
        ]
        parts += [
            Part(p.key, p.label, float(provided[p.key].get(pk, 0.0)), p.weight, p.explanation)
            for p in influence.parts()
        ]
        parts += [Part(key, label, None, 0.0) for key, label in influence.missing()]
        result[pk] = Influence(pk, parts)
    return result


def quarter_ends(first: date, last: date) -> list[date]:
    """The last day of every quarter from the one holding `first` to the one holding `last`."""
    ends: list[date] = []
    year, quarter = first.year, (first.month - 1) // 3
    while True:
        month = quarter * 3 + 3
        end = date(year + (month == 12), 1 if month == 12 else month + 1, 1) - timedelta(days=1)
        ends.append(end)
        if end >= last:
            return ends
        quarter = (quarter + 1) % 4
        year += quarter == 0


def growth_per_quarter(*, wijk_ids: list[int], today: date | None = None) -> pl.DataFrame:
    """Per wijk and quarter: initiatives alive at its end, and their summed influence.

    An initiative is alive from its start until it stops; influence at a quarter's end counts
    members who had joined by then and activities and participants in the 12 months before.
    """
    today = today or timezone.localdate()
    links = frame_of(
        Initiative.wijken.through.objects.filter(wijk_id__in=wijk_ids).values_list(
            "initiative_id", "wijk_id"
        ),
        {"initiative_id": pl.Int64, "wijk_id": pl.Int64},
    )
    ids = links["initiative_id"].unique().to_list()
    empty = pl.DataFrame(
        schema={
            "wijk_id": pl.Int64,
            "quarter": pl.Date,
            "initiatives": pl.UInt32,
            "influence": pl.Float64,
        }
    )
    if not ids:
        return empty
    initiatives = frame_of(
        Initiative.objects.filter(pk__in=ids).values_list("pk", "created_at", "status"),
        {"initiative_id": pl.Int64, "created_at": pl.Datetime("us", "UTC"), "status": pl.Utf8},
    ).with_columns(pl.col("created_at").dt.date().alias("start"))
    stops = (
        frame_of(
            StatusChange.objects.filter(initiative_id__in=ids, to_status="gestopt").values_list(
                "initiative_id", "changed_at"
            ),
            {"initiative_id": pl.Int64, "stopped_at": pl.Datetime("us", "UTC")},
        )
        .group_by("initiative_id")
        .agg(pl.col("stopped_at").max().dt.date().alias("stop"))
    )
    quarters = pl.DataFrame({"quarter": quarter_ends(min(initiatives["start"].to_list()), today)})
    alive = (
        initiatives.join(stops, on="initiative_id", how="left")
        .join(quarters, how="cross")
        .filter(
            (pl.col("start") <= pl.col("quarter"))
            & (pl.col("stop").is_null() | (pl.col("stop") > pl.col("quarter")))
        )
        .select("initiative_id", "quarter")
    )
    members = frame_of(
        Membership.objects.filter(initiative_id__in=ids).values_list("initiative_id", "joined_at"),
        {"initiative_id": pl.Int64, "joined_at": pl.Datetime("us", "UTC")},
    ).with_columns(pl.col("joined_at").dt.date().alias("joined"))
    activities = frame_of(
        Activity.objects.filter(initiative_id__in=ids).values_list(
            "initiative_id", "date", "participants"
        ),
        {"initiative_id": pl.Int64, "date": pl.Date, "participants": pl.Int64},
    )
    member_points = (
        alive.join(members, on="initiative_id")
        .filter(pl.col("joined") <= pl.col("quarter"))
        .group_by("initiative_id", "quarter")
        .agg((pl.len() * WEIGHT_MEMBER).alias("m"))
    )
    activity_points = (
        alive.join(activities, on="initiative_id")
        .filter(
            (pl.col("date") <= pl.col("quarter"))
            & (pl.col("date") > pl.col("quarter") - pl.duration(days=WINDOW_DAYS))
        )
        .group_by("initiative_id", "quarter")
        .agg(
            (pl.len() * WEIGHT_ACTIVITY + pl.col("participants").sum() * WEIGHT_PARTICIPANT).alias(
                "a"
            )
        )
    )
    scored = (
        alive.join(member_points, on=["initiative_id", "quarter"], how="left")
        .join(activity_points, on=["initiative_id", "quarter"], how="left")
        .with_columns((pl.col("m").fill_null(0) + pl.col("a").fill_null(0)).alias("points"))
    )
    grid = links.select("wijk_id").unique().join(quarters, how="cross")
    per_wijk = (
        scored.join(links, on="initiative_id")
        .group_by("wijk_id", "quarter")
        .agg(pl.len().alias("initiatives"), pl.col("points").sum().round(1).alias("influence"))
    )
    return (
        grid.join(per_wijk, on=["wijk_id", "quarter"], how="left")
        .with_columns(
            pl.col("initiatives").fill_null(0).cast(pl.UInt32),
            pl.col("influence").fill_null(0.0),
        )
        .sort("wijk_id", "quarter")
    )


def quarter_label(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def growth_totals(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """The growth frame summed over its wijken: one row per quarter, labelled for people."""
    totals = (
        frame.group_by("quarter")
        .agg(pl.col("initiatives").sum(), pl.col("influence").sum().round(1))
        .sort("quarter")
    )
    return [
        {
            "quarter": quarter_label(r["quarter"]),
            "initiatives": r["initiatives"],
            "influence": r["influence"],
        }
        for r in totals.iter_rows(named=True)
    ]


def growth_by_wijk(frame: pl.DataFrame) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """The growth frame as a table: quarter labels, and per wijk id one (count, influence)
    pair per quarter, pivoted in Polars."""
    if not frame.height:
        return [], []
    labelled = frame.with_columns(
        pl.format("{}-Q{}", pl.col("quarter").dt.year(), pl.col("quarter").dt.quarter()).alias(
            "label"
        ),
        pl.struct("initiatives", "influence").alias("cell"),
    )
    quarters = labelled.select("quarter", "label").unique().sort("quarter")["label"].to_list()
    wide = labelled.pivot(on="label", index="wijk_id", values="cell").sort("wijk_id")
    rows = [
        (row["wijk_id"], [(row[q]["initiatives"], row[q]["influence"]) for q in quarters])
        for row in wide.iter_rows(named=True)
    ]
    return quarters, rows


def live_count_by_wijk(wijk_ids: list[int]) -> dict[int, int]:
    rows = Initiative.wijken.through.objects.filter(
        wijk_id__in=wijk_ids, initiative__status__in=LIVE_STATUSES
    ).values_list("wijk_id", flat=True)
    frame = frame_of(((r,) for r in rows), {"wijk_id": pl.Int64})
    counted = frame.group_by("wijk_id").agg(pl.len().alias("n"))
    return dict(zip(counted["wijk_id"].to_list(), counted["n"].to_list(), strict=True))
