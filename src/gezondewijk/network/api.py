"""API of the network app: a resident's own ties (theirs only), and a wijk's figures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from gezondewijk.network import access, selectors, services
from gezondewijk.network.models import SUPPORT_FIELDS, Frequency, TargetType, Tie, TieKind
from gezondewijk.permissions.api_auth import caller_of, require
from gezondewijk.permissions.policy import Permission

router = Router(tags=["network"])

Support = str  # one of SUPPORT_FIELDS' names


class TieOut(Schema):
    id: int
    target_type: str
    name: str
    kind: str
    strength: int
    frequency: str
    supports: list[str]
    mutual: bool
    created_at: datetime


class TieDetailsIn(Schema):
    kind: TieKind = TieKind.VRIEND
    strength: int = Field(2, ge=1, le=3)
    frequency: Frequency = Frequency.WEEKLY
    supports: list[Support] = Field(
        default_factory=list, description=f"any of {', '.join(SUPPORT_FIELDS)}"
    )

    def details(self) -> services.TieDetails:
        return services.TieDetails(
            kind=self.kind,
            strength=self.strength,
            frequency=self.frequency,
            supports=frozenset(self.supports),
        )


class TieIn(TieDetailsIn):
    target_type: TargetType
    connect_code: str = Field("", max_length=8)
    contact_label: str = Field("", max_length=80)
    organisation: int | None = None
    location: int | None = None
    initiative: int | None = None


class CommunityOut(Schema):
    community: int
    residents: int
    in_wijk_pct: float | None = Field(
        None,
        description="share of the group living in this wijk, in tens; null when fewer "
        "than k of its residents live elsewhere",
    )


class LinkOut(Schema):
    c1: int
    c2: int
    ties: int


class IsolationOut(Schema):
    buurt: str
    residents: int | None
    isolated_pct: float | None
    single_households_pct: float | None


class ReachOut(Schema):
    hub_type: str
    name: str
    direct: int | None
    within_two: int | None


class WijkNetworkOut(Schema):
    wijk: str
    k: int
    computed_at: datetime | None
    communities: list[CommunityOut]
    hidden_communities: int
    links: list[LinkOut]
    isolation: list[IsolationOut]
    reach: list[ReachOut]
    connectors: list[str]


def _resident(request: HttpRequest) -> Any:
    caller = caller_of(request)
    # A key speaks for an organisation's system; a network belongs to a person.
    if caller.user is None or not access.may_keep_network(caller.user):
        raise HttpError(403, "Only a resident can keep a network.")
    return caller.user


def _out(tie: Tie) -> TieOut:
    return TieOut(
        id=tie.pk,
        target_type=tie.target_type,
        name=selectors.tie_label(tie, selectors.initiative_labels([tie])),
        kind=tie.kind,
        strength=tie.strength,
        frequency=tie.frequency,
        supports=[name for name in SUPPORT_FIELDS if getattr(tie, name)],
        mutual=tie.confirmed_at is not None,
        created_at=tie.created_at,
    )


def _own_tie(user: Any, tie_id: int) -> Tie:
    tie = selectors.tie_for(user=user, pk=tie_id)
    if tie is None:
        raise HttpError(404, "Not found.")
    return tie


@router.get("/ties", response=list[TieOut])
def ties(request: HttpRequest) -> list[TieOut]:
    """The caller's own ties; nobody can read anyone else's."""
    return [_out(t) for t in selectors.ties_of(owner=_resident(request))]


@router.post("/ties", response={201: TieOut})
def tie_create(request: HttpRequest, payload: TieIn) -> Status[TieOut]:
    user = _resident(request)
    tie = services.tie_create(
        owner=user,
        target_type=payload.target_type,
        details=payload.details(),
        connect_code=payload.connect_code,
        contact_label=payload.contact_label,
        organisation_id=payload.organisation,
        location_id=payload.location,
        initiative_id=payload.initiative,
    )
    return Status(201, _out(tie))


@router.patch("/ties/{tie_id}", response=TieOut)
def tie_update(request: HttpRequest, tie_id: int, payload: TieDetailsIn) -> TieOut:
    user = _resident(request)
    tie = services.tie_update(owner=user, tie=_own_tie(user, tie_id), details=payload.details())
    return _out(tie)


@router.delete("/ties/{tie_id}", response={204: None})
def tie_delete(request: HttpRequest, tie_id: int) -> Status[None]:
    user = _resident(request)
    services.tie_delete(owner=user, tie=_own_tie(user, tie_id))
    return Status(204, None)


@router.post("/ties/{tie_id}/confirm", response={201: TieOut})
def tie_confirm(request: HttpRequest, tie_id: int) -> Status[TieOut]:
    """Confirm a tie another resident recorded to the caller: it becomes mutual."""
    user = _resident(request)
    request_tie = selectors.tie_request_for(user=user, pk=tie_id)
    if request_tie is None:
        raise HttpError(404, "Not found.")
    tie = services.tie_confirm(user=user, tie=request_tie)
    return Status(201, _out(tie))


@router.get("/wijken/{code}", response=WijkNetworkOut)
def wijk_network(request: HttpRequest, code: str) -> WijkNetworkOut:
    """Network figures of a wijk; every count below k residents is left out (null). Connector
    names only for a coordinator of the wijk (their consent names coordinators); for everyone
    else, a system's key included, the list is empty."""
    caller = require(request, Permission.VIEW_NETWORK_AGGREGATES)
    wijk = selectors.wijk_for(actor=caller, code=code)
    if wijk is None:
        raise HttpError(404, "Not found.")
    figures = selectors.wijk_network_for(user=caller.user, wijk=wijk)
    run = figures.get("run")
    return WijkNetworkOut(
        wijk=wijk.code,
        k=figures["k"],
        computed_at=run.finished_at if run else None,
        communities=figures.get("communities", []),
        hidden_communities=figures.get("hidden_communities", 0),
        links=figures.get("links", []),
        isolation=[
            IsolationOut(
                buurt=row["buurt"].code,
                residents=row["residents"],
                isolated_pct=row["isolated_pct"],
                single_households_pct=row["single_households_pct"],
            )
            for row in figures.get("isolation", [])
        ],
        reach=[
            ReachOut(
                hub_type=row["hub_type"],
                name=row["label"],
                direct=row["direct"],
                within_two=row["within_two"],
            )
            for row in figures.get("reach", [])
        ],
        connectors=[str(c["user"]) for c in figures.get("connectors", [])],
    )
