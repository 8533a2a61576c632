"""Who may do what with questionnaires, panel surveys and panel invitations.

The permission table (`permissions.policy`) says which roles run the panel; this module says
on which survey: a coordinator runs the panel of the wijken their grants cover, and a
region-wide survey only who holds the whole region. A survey outside the caller's reach is
reported as not found, so a coordinator elsewhere does not learn it exists.

A resident's answers are theirs alone (`selectors.own_response`); an invitation is read only
by the resident it was sent to.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gezondewijk.checks.models import PanelSurvey
from gezondewijk.permissions import policy
from gezondewijk.permissions.api_auth import actor_allows
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.access import wijken_in_scope
from gezondewijk.places.models import Region, Wijk


def may_run_panel(user: Any) -> bool:
    """Run the panel somewhere: the first gate of the panel pages and endpoints."""
    return policy.allows(user, Permission.MANAGE_PANEL)


def may_create_survey(user: Any, *, region: Region | None, wijk: Wijk | None) -> bool:
    """Create a survey for `wijk`, or for the whole `region` when no wijk is given: the
    caller must run the panel over that area (a wijk coordinator never a region-wide one)."""
    area = wijk if wijk is not None else region
    return area is not None and policy.allows(user, Permission.MANAGE_PANEL, area)


def may_manage_survey(user: Any, survey: PanelSurvey) -> bool:
    """Open, close, invite, remind and read the results of `survey`."""
    return policy.allows(user, Permission.MANAGE_PANEL, survey.wijk or survey.region)


def survey_wijken(user: Any) -> QuerySet[Wijk]:
    """The wijken for which `user` may create a survey: the choices a form offers."""
    return wijken_in_scope(user, Permission.MANAGE_PANEL).select_related("gemeente__region")


def may_manage_questionnaires(actor: Any) -> bool:
    """Import questionnaires: a region administrator, or a system with questionnaires:write
    (`actor` may be an API `Caller`)."""
    return actor_allows(actor, Permission.MANAGE_QUESTIONNAIRES)


def may_keep_health_check(user: Any) -> bool:
    return policy.allows(user, Permission.KEEP_HEALTH_CHECK)
