"""Who may see a tie, a tie request, a wijk's network figures and its connectors' names.

A resident's ties are theirs: only the owner reads or changes them (KEEP_OWN_NETWORK, and
nobody else ever reads a person's ties, whatever their role). A tie another resident recorded
*to* someone is offered to that someone to confirm or decline, once.

A wijk's figures are aggregates suppressed below k, for the people who plan and measure there
(VIEW_NETWORK_AGGREGATES over the wijk). Connector names are not an aggregate: a resident who
ticked "Coördinatoren mogen mij zien als verbinder" agreed to be named to coordinators, so
exactly that: a coordinator whose grant covers the wijk sees the names; a researcher, a region
administrator, a superuser or an organisation's system does not.
"""

from __future__ import annotations

from typing import Any

from gezondewijk.network.models import Tie
from gezondewijk.permissions import policy
from gezondewijk.permissions.api_auth import actor_allows
from gezondewijk.permissions.policy import Permission
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Wijk


def may_keep_network(user: Any) -> bool:
    return policy.allows(user, Permission.KEEP_OWN_NETWORK)


def may_read_tie(user: Any, tie: Tie) -> bool:
    """The tie's owner, and nobody else."""
    return may_keep_network(user) and tie.owner_id == user.pk


def may_answer_tie(user: Any, tie: Tie) -> bool:
    """Confirm or decline a tie someone recorded to `user`, while it is still open."""
    return (
        may_keep_network(user)
        and tie.resident_id == user.pk
        and tie.confirmed_at is None
        and tie.declined_at is None
    )


def may_view_figures(actor: Any, wijk: Wijk | None = None) -> bool:
    """A wijk's suppressed figures; without a wijk, whether anywhere at all. `actor` is a
    person or an API `Caller` (a key with network:read, within its gemeente)."""
    return actor_allows(actor, Permission.VIEW_NETWORK_AGGREGATES, wijk)


def may_see_connector_names(user: Any, wijk: Wijk) -> bool:
    """The consent names coordinators, so a coordinator's grant over the wijk is what counts:
    no other role, and no superuser status, stands in for it."""
    return policy.holds_role_over(user, {Role.COORDINATOR}, wijk)
