"""Writes of the plein: announcing the activities organisations plan.

The activities of organisations are written by the social-map import (couplings) and in the
admin; both announce the ones they created here, so the event has one name and one shape.
"""

from __future__ import annotations

from collections.abc import Iterable

from gezondewijk import events

# The domain event this app publishes (gezondewijk.events), with the activity's primary key.
ORGANISATION_ACTIVITY_PLANNED = "organisation_activity.planned"


def organisation_activities_announce(*, activity_ids: Iterable[int]) -> None:
    """Publish one event per newly created activity, on commit of the surrounding write."""
    events.publish_all(events.DomainEvent(ORGANISATION_ACTIVITY_PLANNED, pk) for pk in activity_ids)
