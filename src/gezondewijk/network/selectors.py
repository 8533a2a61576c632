"""Reads of the network app: a resident's own network, and a wijk's suppressed figures."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from gezondewijk.indicators import engine as indicator_engine
from gezondewijk.indicators import sources as indicator_sources
from gezondewijk.indicators.providers import empty_figures
from gezondewijk.network import access, engine, sources
from gezondewijk.network.models import (
    SUPPORT_LABELS,
    NetworkProfile,
    NetworkRun,
    RunStatus,
    TargetType,
    Tie,
    TieKind,
)
from gezondewijk.people.models import Organisation, User
from gezondewijk.places.models import Buurt, Region, StrategicLocation, Wijk
from gezondewijk.privacy import services as privacy_services
from gezondewijk.privacy.models import Purpose
from gezondewijk.privacy.suppression import min_cell_size, suppress

ISOLATION_SOURCE = "network"  # the indicators' name for this app's figures

# -- the resident's own network ---------------------------------------------------------------


def tie_for(*, user: Any, pk: int) -> Tie | None:
    """One of `user`'s own ties, else None: someone else's tie is reported as not found,
    exactly like one that does not exist (network.access.may_read_tie)."""
    found = ties_of(owner=user).filter(pk=pk).first()
    if found is None or not access.may_read_tie(user, found):
        return None
    return found


def tie_request_for(*, user: Any, pk: int) -> Tie | None:
    """A tie another resident recorded to `user` and `user` has not answered yet, else None.
    It is addressed to `user`, who is shown the owner's name to recognise them: not logged."""
    found = Tie.objects.select_related("owner").filter(pk=pk).first()
    if found is None or not access.may_answer_tie(user, found):
        return None
    return found


def ties_of(*, owner: Any) -> QuerySet[Tie]:
    """The owner's ties with everything a page shows, in one query ("mijn wijk")."""
    return Tie.objects.filter(owner=owner).select_related("resident", "organisation", "location")


def tie_requests_for(*, user: Any) -> QuerySet[Tie]:
    """Ties other residents recorded to `user` that `user` has not confirmed or declined."""
    return (
        Tie.objects.filter(resident=user, confirmed_at__isnull=True, declined_at__isnull=True)
        .select_related("owner")
        .order_by("created_at")
    )


def initiative_labels(ties: list[Tie]) -> dict[int, str]:
    source = sources.target_source(TargetType.INITIATIVE)
    ids = [t.initiative_id for t in ties if t.initiative_id is not None]
    return dict(source.labels(ids)) if source and ids else {}


# The "mijn wijk" page's one query, written out: Django's query compiler alone costs a few
# milliseconds per request with three joins, more than the database needs to answer.
OWN_NETWORK_SQL = (
    "SELECT t.*, COALESCE(NULLIF(u.display_name, ''), u.email, o.name, l.name) AS target_name "
    "FROM network_tie t "
    "LEFT JOIN people_user u ON u.id = t.resident_id "
    "LEFT JOIN people_organisation o ON o.id = t.organisation_id "
    "LEFT JOIN places_strategiclocation l ON l.id = t.location_id "
    "WHERE t.owner_id = %s ORDER BY t.strength DESC, t.created_at"
)


def own_network(*, owner: Any) -> list[Tie]:
    """The owner's ties, each with `target_name`: the name of the resident, organisation or
    place it points at (contacts and initiatives are named by tie_label)."""
    return list(Tie.objects.raw(OWN_NETWORK_SQL, [owner.pk]))


def tie_label(tie: Tie, initiatives: dict[int, str]) -> str:
    """What the owner sees as the other end of their tie."""
    if tie.target_type == TargetType.CONTACT:
        return tie.contact_label
    if tie.initiative_id is not None:
        return initiatives.get(tie.initiative_id, _("an initiative that no longer exists"))
    named: str | None = getattr(tie, "target_name", None)
    if named is not None:
        return named
    if tie.resident_id is not None:
        return str(tie.resident)
    if tie.organisation is not None:
        return tie.organisation.name
    if tie.location is not None:
        return tie.location.name
    if tie.initiative_id is not None:
        return initiatives.get(tie.initiative_id, _("an initiative that no longer exists"))
    return tie.contact_label


def ego_graph(*, owner: Any, ties: list[Tie]) -> dict[str, Any]:
    """Nodes and edges of the owner's network, for the picture (Cytoscape's format)."""
    initiatives = initiative_labels(ties)
    kinds = {value: str(label) for value, label in TieKind.choices}  # translated once, not per tie
    nodes: list[dict[str, Any]] = [
        {"data": {"id": "me", "label": _("Me"), "type": "me"}},
    ]
    edges = []
    for tie in ties:
        node_id = f"tie{tie.pk}"
        nodes.append(
            {
                "data": {
                    "id": node_id,
                    "label": tie_label(tie, initiatives),
                    "type": tie.target_type,
                    "kind": kinds.get(tie.kind, tie.kind),
                    "pending": tie.resident_id is not None and tie.confirmed_at is None,
                }
            }
        )
        edges.append(
            {
                "data": {
                    "id": f"e{tie.pk}",
                    "source": "me",
                    "target": node_id,
                    "strength": tie.strength,
                }
            }
        )
    return {"nodes": nodes, "edges": edges}


def support_spread(*, ties: list[Tie]) -> list[dict[str, Any]]:
    """How many ties give each kind of support: the small chart on "mijn wijk"."""
    return [
        {"support": name, "label": str(label), "ties": sum(getattr(t, name) for t in ties)}
        for name, label in SUPPORT_LABELS.items()
    ]


def network_targets(*, ties: list[Tie]) -> sources.NetworkTargets:
    return sources.NetworkTargets(
        residents=frozenset(t.resident_id for t in ties if t.resident_id),
        organisations=frozenset(t.organisation_id for t in ties if t.organisation_id),
        locations=frozenset(t.location_id for t in ties if t.location_id),
        initiatives=frozenset(t.initiative_id for t in ties if t.initiative_id),
    )


def suggestions_for(*, owner: Any, ties: list[Tie]) -> list[sources.Suggestion]:
    """What follows from the network: organisations at the places the resident visits, and
    whatever the registered sources (initiatives, activities) propose."""
    targets = network_targets(ties=ties)
    found: list[sources.Suggestion] = []
    at_places = (
        Organisation.objects.filter(locations__in=targets.locations)
        .exclude(pk__in=targets.organisations)
        .prefetch_related("locations")
        .distinct()[:5]
    )
    for organisation in at_places:
        place = next(
            (loc.name for loc in organisation.locations.all() if loc.pk in targets.locations),
            "",
        )
        found.append(
            sources.Suggestion(
                title=organisation.name,
                reason=_("Works at %(place)s, a place you visit.") % {"place": place},
                url=organisation.website,
            )
        )
    for source in sources.suggestion_sources():
        found.extend(source.suggest(owner, targets))
    return found


def tie_choices() -> dict[str, list[tuple[int, str]]]:
    """What a resident may tie to besides people: places, organisations, initiatives."""
    source = sources.target_source(TargetType.INITIATIVE)
    return {
        "locations": list(StrategicLocation.objects.order_by("name").values_list("pk", "name")),
        "organisations": list(Organisation.objects.order_by("name").values_list("pk", "name")),
        "initiatives": source.choices(None) if source else [],
    }


# -- input of the analysis --------------------------------------------------------------------


def _frame(sql: str, params: list[Any], schema: dict[str, Any]) -> pl.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=schema, orient="row")


IN_REGION = (
    "JOIN places_buurt b ON b.id = p.buurt_id JOIN places_wijk w ON w.id = b.wijk_id "
    "JOIN places_gemeente g ON g.id = w.gemeente_id WHERE g.region_id = %s"
)


def network_input(*, region: Region) -> engine.NetworkInput:
    """The residents of `region` who consented to network analysis, and their ties: two
    set-based queries and Polars, never a query per resident."""
    consenting = _frame(
        "SELECT p.user_id, p.buurt_id, b.wijk_id FROM people_residentprofile p "
        f"{IN_REGION} AND p.user_id IN (SELECT c.user_id FROM privacy_consent c "
        "WHERE c.purpose = %s AND c.withdrawn_at IS NULL)",
        [region.pk, Purpose.NETWORK_ANALYSIS.value],
        {"user_id": pl.Int64, "buurt_id": pl.Int64, "wijk_id": pl.Int64},
    )
    ties = _frame(
        "SELECT t.owner_id, t.target_type, t.resident_id, "
        "COALESCE(t.location_id, t.organisation_id, t.initiative_id), t.strength, "
        "t.confirmed_at IS NOT NULL FROM network_tie t "
        f"JOIN people_residentprofile p ON p.user_id = t.owner_id {IN_REGION}",
        [region.pk],
        {
            "src": pl.Int64,
            "target_type": pl.Utf8,
            "dst": pl.Int64,
            "hub_id": pl.Int64,
            "strength": pl.Int64,
            "confirmed": pl.Boolean,
        },
    ).join(consenting.select(pl.col("user_id").alias("src")), on="src", how="semi")
    between_residents = ties.filter(
        pl.col("confirmed") & pl.col("dst").is_in(consenting["user_id"].implode())
    ).select("src", "dst", "strength")
    hub_types = [TargetType.LOCATION, TargetType.ORGANISATION, TargetType.INITIATIVE]
    hubs = ties.filter(pl.col("target_type").is_in([t.value for t in hub_types])).select(
        pl.col("src").alias("user_id"), pl.col("target_type").alias("hub_type"), "hub_id"
    )
    registered = [
        s.affiliations(region.pk)
        .with_columns(pl.lit(s.hub_type).alias("hub_type"))
        .select("user_id", "hub_type", "hub_id")
        .join(consenting.select("user_id"), on="user_id", how="semi")
        for s in sources.target_sources()
        if s.affiliations is not None
    ]
    people = [TargetType.RESIDENT.value, TargetType.CONTACT.value, TargetType.ORGANISATION.value]
    person_ties = (
        ties.filter(pl.col("target_type").is_in(people))
        .group_by(pl.col("src").alias("user_id"))
        .agg(pl.len().cast(pl.Int64).alias("n"))
    )
    affiliations = pl.concat([hubs, *registered]).unique()
    return engine.NetworkInput(consenting, between_residents, affiliations, person_ties)


# -- the coordinator's view of a wijk ---------------------------------------------------------


def latest_run(*, region: Region | None) -> NetworkRun | None:
    if region is None:
        return None
    return NetworkRun.objects.filter(region=region, status=RunStatus.DONE).first()


def latest_runs() -> list[NetworkRun]:
    """The latest finished analysis of every region: what the figures of other apps read.

    One query; older runs (with their large results) are never loaded.
    """
    newest = (
        NetworkRun.objects.filter(region=OuterRef("region"), status=RunStatus.DONE)
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    return list(NetworkRun.objects.filter(status=RunStatus.DONE, pk=Subquery(newest)))


def current_run(*, region: Region | None) -> NetworkRun | None:
    """A run that is queued or running now, to show its progress."""
    if region is None:
        return None
    return NetworkRun.objects.filter(
        region=region, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
    ).first()


def _rows(run: NetworkRun, key: str, schema: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(run.results.get(key, []), schema=schema)


def wijk_network(*, run: NetworkRun | None, wijk: Wijk) -> dict[str, Any]:
    """The wijk's network figures from `run`, every count suppressed below k residents."""
    k = min_cell_size()
    if run is None:
        return {"available": False, "k": k}
    int_ = pl.Int64
    everywhere = _rows(
        run, "community_wijk", {"community": int_, "wijk_id": int_, "residents": int_}
    )
    # How far each group reaches beyond the wijk: network communities and geographic wijken
    # need not coincide. The share is shown in tens, and only when at least k residents live
    # outside, so it never points at a handful of people elsewhere.
    outside = (
        everywhere.group_by("community")
        .agg(pl.col("residents").sum().alias("total"))
        .join(everywhere.filter(pl.col("wijk_id") == wijk.pk), on="community")
        .select(
            "community",
            pl.when(pl.col("total") - pl.col("residents") >= k)
            .then((pl.col("residents") / pl.col("total") * 10).round() * 10)
            .otherwise(None)
            .alias("in_wijk_pct"),
        )
    )
    communities = (
        everywhere.filter(pl.col("wijk_id") == wijk.pk)
        .drop("wijk_id")
        .join(outside, on="community", how="left")
        .sort("community")
    )
    shown = suppress(communities, count="residents", values=["in_wijk_pct"]).filter(
        ~pl.col("suppressed")
    )
    visible = set(shown["community"].to_list())
    links = (
        _rows(run, "links", {"wijk_id": int_, "c1": int_, "c2": int_, "ties": int_})
        .filter(
            (pl.col("wijk_id") == wijk.pk)
            & pl.col("c1").is_in(list(visible))
            & pl.col("c2").is_in(list(visible))
        )
        .pipe(suppress, count="ties", values=[])
        .filter(~pl.col("suppressed"))
    )
    return {
        "available": True,
        "k": k,
        "run": run,
        "communities": shown.drop("suppressed").to_dicts(),
        "hidden_communities": communities.height - shown.height,
        "links": links.drop("suppressed").to_dicts(),
        "isolation": _isolation(run, wijk),
        "reach": _reach(run, wijk),
    }


def wijk_for(*, actor: Any, code: str) -> Wijk | None:
    """The wijk if `actor` (a person or an API Caller) may see its network figures, else None
    (reported as not found to whoever may see them elsewhere)."""
    wijk = Wijk.objects.select_related("gemeente__region").filter(code=code).first()
    if wijk is None or not access.may_view_figures(actor, wijk):
        return None
    return wijk


def wijk_network_for(*, user: Any, wijk: Wijk, reason: str = "wijk network") -> dict[str, Any]:
    """The wijk's figures (wijk_network of its region's latest run) for `user`, who was let in
    by wijk_for; the connectors' names only for a coordinator of the wijk, and each name
    shown is logged in that resident's access log."""
    run = latest_run(region=wijk.gemeente.region)
    figures = wijk_network(run=run, wijk=wijk)
    connectors: list[dict[str, Any]] = []
    if run is not None and user is not None and access.may_see_connector_names(user, wijk):
        connectors = _connectors(run, wijk)
        privacy_services.access_log_record_many(
            actor=user,
            reads=[(c["user"].pk, f"network connector {wijk.code}") for c in connectors],
            reason=reason,
        )
    return {**figures, "connectors": connectors}


def isolation_figures(runs: list[NetworkRun] | None = None) -> pl.DataFrame:
    """isolated and residents per buurt code (FIGURE_SCHEMA of the indicators), from `runs`:
    by default the latest finished run of every region."""
    frames = [
        pl.DataFrame(run.results["isolation"]).with_columns(
            pl.lit(run.created_at.year).alias("period")
        )
        for run in (latest_runs() if runs is None else runs)  # one run per region: a handful
        if run.results.get("isolation")
    ]
    if not frames:
        return empty_figures()
    isolation = pl.concat(frames, how="vertical_relaxed")
    codes = pl.DataFrame(
        list(Buurt.objects.values_list("pk", "code")),
        schema={"buurt_id": pl.Int64, "area_code": pl.String},
        orient="row",
    )
    return (
        isolation.with_columns(pl.col("buurt_id").cast(pl.Int64))
        .join(codes, on="buurt_id")
        .unpivot(
            index=["area_code", "period"], on=["isolated", "residents"], variable_name="figure"
        )
        .with_columns(pl.lit(ISOLATION_SOURCE).alias("source"))
    )


def _hidden_buurten(run: NetworkRun) -> set[str]:
    """The buurten whose isolation the indicator `network-isolation` hides, for `run` in
    place of its region's latest run. The indicator publishes the same counts per buurt,
    wijk and gemeente; were the page to hide other cells (its own complement, or a tie broken
    another way), each would show what the other hid."""
    others = [r for r in latest_runs() if r.region_id != run.region_id]
    hidden = indicator_engine.hidden_cells(
        isolation_figures([*others, run]),
        indicator_sources.hierarchy(),
        source=ISOLATION_SOURCE,
        numerator="isolated",
        denominator="residents",
        k=min_cell_size(),
    )
    return set(hidden.filter(pl.col("period") == run.created_at.year)["area_code"].to_list())


def _isolation(run: NetworkRun, wijk: Wijk) -> list[dict[str, Any]]:
    """Isolated share per buurt beside CBS's share of single-person households.

    A buurt with fewer than k residents in the analysis is hidden, and so are the cells that
    would give it away by subtraction, exactly as the indicator hides them (_hidden_buurten).
    """
    int_ = pl.Int64
    frame = _rows(
        run, "isolation", {"buurt_id": int_, "wijk_id": int_, "residents": int_, "isolated": int_}
    ).filter(pl.col("wijk_id") == wijk.pk)
    buurten = {b.pk: b for b in Buurt.objects.filter(wijk=wijk)}
    hidden = _hidden_buurten(run) if frame.height else set()
    rows = []
    for row in frame.sort("buurt_id").iter_rows(named=True):  # one row per buurt, not resident
        buurt = buurten.get(row["buurt_id"])
        if buurt is None:
            continue
        single = (
            round(100 * buurt.single_person_households / buurt.households, 1)
            if buurt.single_person_households is not None and buurt.households
            else None
        )
        suppressed = buurt.code in hidden
        rows.append(
            {
                "buurt": buurt,
                "residents": None if suppressed else row["residents"],
                "isolated_pct": None
                if suppressed
                else round(100 * row["isolated"] / row["residents"], 1),
                "single_households_pct": single,
                "suppressed": suppressed,
            }
        )
    return rows


def reach_suppressed(frame: pl.DataFrame) -> pl.DataFrame:
    """Reach rows (`direct`, `within_two`) as they may be shown: every count of residents at
    least k. Fewer than k direct hides the row's counts; the two-step count includes the
    direct one, so their difference (the residents exactly two steps away) is a group of its
    own, and fewer than k of them hides the two-step count."""
    k = min_cell_size()
    frame = suppress(frame, count="direct", values=["within_two"], k=k)
    two_steps_only = pl.col("within_two") - pl.col("direct")
    return frame.with_columns(
        pl.when(two_steps_only.is_between(1, k - 1))
        .then(None)
        .otherwise(pl.col("within_two"))
        .alias("within_two")
    )


def _reach(run: NetworkRun, wijk: Wijk) -> list[dict[str, Any]]:
    """Reach of the places and organisations of this wijk (and registered hubs)."""
    int_ = pl.Int64
    frame = _rows(
        run,
        "reach",
        {"hub_type": pl.Utf8, "hub_id": int_, "direct": int_, "within_two": int_},
    )
    locations = dict(StrategicLocation.objects.filter(buurt__wijk=wijk).values_list("pk", "name"))
    organisations = dict(Organisation.objects.filter(wijken=wijk).values_list("pk", "name"))
    labels = {TargetType.LOCATION.value: locations, TargetType.ORGANISATION.value: organisations}
    for source in sources.target_sources():
        ids = frame.filter(pl.col("hub_type") == source.hub_type)["hub_id"].to_list()
        labels[source.hub_type] = source.labels(ids)
    frame = reach_suppressed(frame)
    rows = []
    for row in frame.iter_rows(named=True):  # one row per place, not per resident
        label = labels.get(row["hub_type"], {}).get(row["hub_id"])
        if label is not None:
            rows.append({**row, "label": label})
    return rows


def _connectors(run: NetworkRun, wijk: Wijk) -> list[dict[str, Any]]:
    """Residents who bridge communities, only those who chose to be seen as "verbinder" (by
    coordinators: only wijk_network_for shows them, to who network.access allows)."""
    ids = [r["user_id"] for r in run.results.get("connectors", []) if r["wijk_id"] == wijk.pk]
    visible = set(
        NetworkProfile.objects.filter(user_id__in=ids, visible_as_connector=True).values_list(
            "user_id", flat=True
        )
    )
    users = User.objects.in_bulk(visible)
    return [
        {"user": users[r["user_id"]], "communities_bridged": r["communities_bridged"]}
        for r in run.results.get("connectors", [])
        if r["wijk_id"] == wijk.pk and r["user_id"] in users
    ]
