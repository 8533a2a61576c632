"""Import and export of the social map: organisations, locations and activities.

Validation is done on whole columns at once (Polars), so a file of thousands of rows is
checked in one pass and every problem is reported with its line and column. An import
writes in one transaction: either everything in the files, or nothing; each activity new
to the platform is announced (gezondewijk.events) after that transaction commits.
Rows are matched on their natural keys (gemeente + naam, buurt + naam, code), so importing
the same file twice changes nothing, and export → import → export gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import polars as pl
from django.conf import settings
from django.db import transaction

from gezondewijk.couplings.socialmap_checks import validate
from gezondewijk.couplings.socialmap_format import (
    ACTIVITEITEN,
    COLUMNS,
    LINE,
    LIST_SEPARATOR,
    LOCATIES,
    ORGANISATIES,
    TABLES,
    TIME_FORMAT,
    FormatError,
    Problem,
)
from gezondewijk.initiatives.models import Theme
from gezondewijk.people.models import Organisation
from gezondewijk.places.models import Buurt, Gemeente, StrategicLocation, Wijk
from gezondewijk.plein import services as plein
from gezondewijk.plein.models import OrganisationActivity

__all__ = ["FormatError", "Problem", "social_map_export", "social_map_import"]


def _dtype(name: str) -> pl.DataType:
    if name == "pk" or name.endswith("_id"):
        return pl.Int64()
    if name in ("begin", "einde"):
        return pl.Datetime("us", "UTC")
    return pl.String()


def _frame(rows: Iterable[tuple[object, ...]], names: list[str]) -> pl.DataFrame:
    """Query rows as a frame; typed by column name, so an empty result still joins."""
    found = list(rows)
    if not found:
        return pl.DataFrame(schema={n: _dtype(n) for n in names})
    return pl.DataFrame(found, schema=names, orient="row")


def _listed(frame: pl.DataFrame, key: str, value: str, name: str) -> pl.DataFrame:
    """(key, value) pairs folded into one sorted, separated text per key."""
    return frame.group_by(key).agg(pl.col(value).sort().str.join(f"{LIST_SEPARATOR} ").alias(name))


def social_map_export(*, gemeente_ids: set[int] | None = None) -> dict[str, pl.DataFrame]:
    """The social map (of some gemeenten, or all) as the three exchange tables."""
    orgs = Organisation.objects.all()
    locations = StrategicLocation.objects.all()
    activities = OrganisationActivity.objects.all()
    if gemeente_ids is not None:
        orgs = orgs.filter(gemeente_id__in=gemeente_ids)
        locations = locations.filter(buurt__wijk__gemeente_id__in=gemeente_ids)
        activities = activities.filter(organisation__gemeente_id__in=gemeente_ids)

    o = _frame(
        orgs.values_list("pk", "gemeente__code", "name", "type", "website", "description"),
        ["pk", "gemeente", "naam", "type", "website", "beschrijving"],
    )
    o_wijken = _frame(
        Organisation.wijken.through.objects.filter(organisation__in=orgs).values_list(
            "organisation_id", "wijk__code"
        ),
        ["pk", "wijk"],
    )
    o = o.join(_listed(o_wijken, "pk", "wijk", "wijken"), on="pk", how="left")

    loc = _frame(
        (
            (pk, b, n, k, a, str(lat), str(lon), d)
            for pk, b, n, k, a, lat, lon, d in locations.values_list(
                "pk",
                "buurt__code",
                "name",
                "kind",
                "address",
                "latitude",
                "longitude",
                "description",
            )
        ),
        ["pk", "buurt", "naam", "soort", "adres", "breedtegraad", "lengtegraad", "beschrijving"],
    )
    loc_orgs = _frame(
        Organisation.locations.through.objects.filter(strategiclocation__in=locations).values_list(
            "strategiclocation_id", "organisation__name"
        ),
        ["pk", "organisatie"],
    )
    loc = loc.join(_listed(loc_orgs, "pk", "organisatie", "organisaties"), on="pk", how="left")

    act = _frame(
        activities.values_list(
            "pk",
            "code",
            "organisation__gemeente__code",
            "organisation__name",
            "title",
            "starts_at",
            "ends_at",
            "location__buurt__code",
            "location__name",
            "description",
        ),
        [
            "pk",
            "code",
            "gemeente",
            "organisatie",
            "titel",
            "begin",
            "einde",
            "buurt",
            "locatie",
            "beschrijving",
        ],
    )
    act_themes = _frame(
        OrganisationActivity.themes.through.objects.filter(
            organisationactivity__in=activities
        ).values_list("organisationactivity_id", "theme__slug"),
        ["pk", "thema"],
    )
    local = settings.TIME_ZONE
    act = act.with_columns(
        pl.col(c)
        .cast(pl.Datetime("us", "UTC"))
        .dt.convert_time_zone(local)
        .dt.strftime(TIME_FORMAT)
        for c in ("begin", "einde")
    ).join(_listed(act_themes, "pk", "thema", "themas"), on="pk", how="left")

    def tidy(frame: pl.DataFrame, table: str, keys: list[str]) -> pl.DataFrame:
        columns = COLUMNS[table]
        return (
            frame.with_columns(pl.col(c).cast(pl.String).replace("", None) for c in columns)
            .sort(keys, nulls_last=True)
            .select(columns)
        )

    return {
        ORGANISATIES: tidy(o, ORGANISATIES, ["gemeente", "naam"]),
        LOCATIES: tidy(loc, LOCATIES, ["buurt", "naam"]),
        ACTIVITEITEN: tidy(act, ACTIVITEITEN, ["code"]),
    }


def _ids(rows: Iterable[tuple[object, ...]], names: list[str]) -> pl.DataFrame:
    return _frame(rows, names)


def _split(frame: pl.DataFrame, column: str, name: str) -> pl.DataFrame:
    return (
        frame.with_columns(pl.col(column).str.split(LIST_SEPARATOR).alias(name))
        .explode(name)
        .with_columns(pl.col(name).str.strip_chars())
        .filter(pl.col(name).is_not_null() & (pl.col(name) != ""))
    )


def _empty(table: str) -> pl.DataFrame:
    return pl.DataFrame(schema={LINE: pl.Int64, **dict.fromkeys(COLUMNS[table], pl.String)})


def social_map_import(
    *, tables: dict[str, pl.DataFrame], gemeente_ids: set[int] | None = None
) -> dict[str, int]:
    """Check the tables and write them, all or nothing. `gemeente_ids`: where the caller may
    write (None: everywhere). Raises FormatError naming every problem by line and column."""
    frames = {t: tables.get(t, _empty(t)) for t in TABLES}
    allowed = None
    if gemeente_ids is not None:
        allowed = set(Gemeente.objects.filter(pk__in=gemeente_ids).values_list("code", flat=True))
    problems = validate(frames, allowed_gemeenten=allowed)
    if problems:
        raise FormatError(problems)
    with transaction.atomic():
        _write_organisations(frames[ORGANISATIES])
        _write_locations(frames[LOCATIES])
        _write_activities(frames[ACTIVITEITEN])
    return {t: frames[t].height for t in TABLES}


def _gemeente_ids() -> pl.DataFrame:
    return _ids(Gemeente.objects.values_list("code", "pk"), ["gemeente", "gemeente_id"])


def _organisation_ids(gemeenten: list[str]) -> pl.DataFrame:
    return _ids(
        Organisation.objects.filter(gemeente__code__in=gemeenten).values_list(
            "gemeente__code", "name", "pk"
        ),
        ["gemeente", "naam", "organisation_id"],
    )


def _write_organisations(frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    rows = frame.join(_gemeente_ids(), on="gemeente", how="left")
    Organisation.objects.bulk_create(
        [
            Organisation(
                gemeente_id=r["gemeente_id"],
                name=r["naam"],
                type=r["type"],
                website=r["website"] or "",
                description=r["beschrijving"] or "",
            )
            for r in rows.iter_rows(named=True)
        ],
        update_conflicts=True,
        unique_fields=["gemeente", "name"],
        update_fields=["type", "website", "description"],
    )
    ids = rows.join(_organisation_ids(rows["gemeente"].unique().to_list()), on=["gemeente", "naam"])
    through = Organisation.wijken.through
    through.objects.filter(organisation_id__in=ids["organisation_id"].to_list()).delete()
    wijken = _ids(Wijk.objects.values_list("code", "pk"), ["wijk", "wijk_id"])
    pairs = _split(ids, "wijken", "wijk").join(wijken, on="wijk")
    through.objects.bulk_create(
        through(organisation_id=o, wijk_id=w)
        for o, w in pairs.select("organisation_id", "wijk_id").iter_rows()
    )


def _location_ids(buurten: list[str]) -> pl.DataFrame:
    return _ids(
        StrategicLocation.objects.filter(buurt__code__in=buurten).values_list(
            "buurt__code", "name", "pk"
        ),
        ["buurt", "naam", "location_id"],
    )


def _write_locations(frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    buurten = _ids(Buurt.objects.values_list("code", "pk"), ["buurt", "buurt_id"])
    rows = frame.join(buurten, on="buurt", how="left")
    StrategicLocation.objects.bulk_create(
        [
            StrategicLocation(
                buurt_id=r["buurt_id"],
                name=r["naam"],
                kind=r["soort"],
                address=r["adres"] or "",
                latitude=Decimal(r["breedtegraad"]),
                longitude=Decimal(r["lengtegraad"]),
                description=r["beschrijving"] or "",
            )
            for r in rows.iter_rows(named=True)
        ],
        update_conflicts=True,
        unique_fields=["buurt", "name"],
        update_fields=["kind", "address", "latitude", "longitude", "description"],
    )
    ids = rows.join(_location_ids(rows["buurt"].unique().to_list()), on=["buurt", "naam"])
    through = Organisation.locations.through
    through.objects.filter(strategiclocation_id__in=ids["location_id"].to_list()).delete()
    # A location's organisations are named within the gemeente the location lies in.
    named = _split(ids, "organisaties", "organisatie").with_columns(
        gemeente=pl.lit("GM") + pl.col("buurt").str.slice(2, 4)
    )
    organisations = _organisation_ids(named["gemeente"].unique().to_list())
    pairs = named.join(
        organisations.rename({"naam": "organisatie"}), on=["gemeente", "organisatie"]
    )
    through.objects.bulk_create(
        through(strategiclocation_id=loc, organisation_id=o)
        for loc, o in pairs.select("location_id", "organisation_id").iter_rows()
    )


def _local_times(frame: pl.DataFrame, column: str) -> pl.Expr:
    return (
        pl.col(column)
        .str.strptime(pl.Datetime("us"), TIME_FORMAT)
        .dt.replace_time_zone(settings.TIME_ZONE, ambiguous="earliest")
        .dt.convert_time_zone("UTC")
    )


def _write_activities(frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    rows = (
        frame.with_columns(_local_times(frame, "begin"), _local_times(frame, "einde"))
        .join(
            _organisation_ids(frame["gemeente"].unique().to_list()).rename({"naam": "organisatie"}),
            on=["gemeente", "organisatie"],
            how="left",
        )
        .join(
            _location_ids(frame["buurt"].drop_nulls().unique().to_list()).rename(
                {"naam": "locatie"}
            ),
            on=["buurt", "locatie"],
            how="left",
        )
    )
    # Activities new to the platform are announced; the ones the file updates were already.
    known = set(
        OrganisationActivity.objects.filter(code__in=rows["code"].to_list()).values_list(
            "code", flat=True
        )
    )
    created = OrganisationActivity.objects.bulk_create(
        [
            OrganisationActivity(
                code=r["code"],
                organisation_id=r["organisation_id"],
                title=r["titel"],
                description=r["beschrijving"] or "",
                location_id=r["location_id"],
                starts_at=_aware(r["begin"]),
                ends_at=_aware(r["einde"]),
            )
            for r in rows.iter_rows(named=True)
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["organisation", "title", "description", "location", "starts_at", "ends_at"],
    )
    ids = _ids(
        OrganisationActivity.objects.filter(code__in=[a.code for a in created]).values_list(
            "code", "pk"
        ),
        ["code", "activity_id"],
    )
    through = OrganisationActivity.themes.through
    through.objects.filter(organisationactivity_id__in=ids["activity_id"].to_list()).delete()
    themes = _ids(Theme.objects.values_list("slug", "pk"), ["thema", "theme_id"])
    pairs = _split(rows.join(ids, on="code"), "themas", "thema").join(themes, on="thema")
    through.objects.bulk_create(
        through(organisationactivity_id=a, theme_id=t)
        for a, t in pairs.select("activity_id", "theme_id").iter_rows()
    )
    plein.organisation_activities_announce(
        activity_ids=ids.filter(~pl.col("code").is_in(list(known)))["activity_id"].to_list()
    )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
