"""Who may see and do what in the project bank.

The bank is shared knowledge: everyone who may look it up (VIEW_PROJECTBANK) finds every
intervention, its draaiboek and its materials, so a refusal on an existing one is a refusal,
not a "not found". Editing interventions and their draaiboeken is for EDIT_INTERVENTIONS;
selecting one ("geselecteerd door") for ENDORSE_INTERVENTIONS, on behalf of an organisation the
person works for (people.access.may_endorse_for) or, for a system, its own organisation;
sharing an experience for REPORT_EXPERIENCES. Each rule takes a person or an API `Caller`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from gezondewijk.people import access as people_access
from gezondewijk.permissions.api_auth import Caller, actor_allows
from gezondewijk.permissions.policy import Permission


class Action(Enum):
    """What a caller wants to do with an intervention (and its draaiboek) they look up."""

    VIEW = "view"
    EDIT = "edit"
    ENDORSE = "endorse"
    REPORT = "report"


def may_view(actor: Any) -> bool:
    return actor_allows(actor, Permission.VIEW_PROJECTBANK)


def may_edit(actor: Any) -> bool:
    """Add and change interventions, their draaiboek, its steps, budget and materials."""
    return actor_allows(actor, Permission.EDIT_INTERVENTIONS)


def may_endorse(actor: Any) -> bool:
    """Select interventions at all; on whose behalf: `may_endorse_for`."""
    return actor_allows(actor, Permission.ENDORSE_INTERVENTIONS)


def may_endorse_for(actor: Any, organisation: Any) -> bool:
    """Select on behalf of `organisation`: a person for an organisation they work for, a
    system (an API key) for its own."""
    if not may_endorse(actor):
        return False
    if isinstance(actor, Caller):
        if actor.key is not None:
            return bool(actor.key.organisation_id == organisation.pk)
        actor = actor.user
    return bool(people_access.may_endorse_for(actor, organisation))


def may_report(actor: Any) -> bool:
    """Share an experience with an intervention or a step of the cycle."""
    return actor_allows(actor, Permission.REPORT_EXPERIENCES)


RULES: dict[Action, Callable[[Any], bool]] = {
    Action.VIEW: may_view,
    Action.EDIT: may_edit,
    Action.ENDORSE: may_endorse,
    Action.REPORT: may_report,
}


def may(actor: Any, action: Action) -> bool:
    return RULES[action](actor)
