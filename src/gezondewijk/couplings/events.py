"""Which domain events of other apps become webhook events, and what each webhook says.

The other apps do not know about webhooks: their services publish domain events
(gezondewijk.events) and this module subscribes to them (registered in the couplings'
hooks.py). A domain event is handed over after the surrounding transaction commits, so a
webhook never tells of something that was rolled back, and the payload sees the saved
relations (an initiative's wijken are set after its row is saved).
"""

from __future__ import annotations

from typing import Any

from gezondewijk import events
from gezondewijk.checks import services as checks
from gezondewijk.checks.models import PanelSurvey
from gezondewijk.couplings.models import Event
from gezondewijk.couplings.webhooks import event_publish
from gezondewijk.indicators import runs as indicators
from gezondewijk.indicators.models import ComputeRun
from gezondewijk.initiatives import services as initiatives
from gezondewijk.initiatives.models import Activity, Initiative
from gezondewijk.places.models import Gemeente, StrategicLocation
from gezondewijk.plein import services as plein
from gezondewijk.plein.models import OrganisationActivity


def _location(location: StrategicLocation | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {
        "name": location.name,
        "kind": location.kind,
        "buurt": location.buurt.code,
        "address": location.address,
        "latitude": str(location.latitude),
        "longitude": str(location.longitude),
    }


def initiative_started(initiative_id: int) -> None:
    initiative = Initiative.objects.prefetch_related("themes", "wijken").get(pk=initiative_id)
    wijken = list(initiative.wijken.all())
    event_publish(
        event=Event.INITIATIVE_STARTED,
        data={
            "id": initiative.pk,
            "name": initiative.name,
            "description": initiative.description,
            "status": initiative.status,
            "themes": sorted(t.slug for t in initiative.themes.all()),
            "wijken": sorted(w.code for w in wijken),
            "started_at": initiative.created_at,
        },
        gemeente_ids={w.gemeente_id for w in wijken},
    )


def initiative_activity_planned(activity_id: int) -> None:
    activity = Activity.objects.select_related("initiative", "location__buurt__wijk").get(
        pk=activity_id
    )
    gemeenten = set(activity.initiative.wijken.values_list("gemeente_id", flat=True))
    if activity.location is not None:
        gemeenten.add(activity.location.buurt.wijk.gemeente_id)
    event_publish(
        event=Event.ACTIVITY_PLANNED,
        data={
            "id": f"initiatief-{activity.pk}",
            "title": activity.title,
            "organiser": {"kind": "initiative", "id": activity.initiative_id},
            "starts": activity.date,
            "all_day": True,
            "location": _location(activity.location),
        },
        gemeente_ids=gemeenten,
    )


def organisation_activity_planned(activity_id: int) -> None:
    activity = OrganisationActivity.objects.select_related(
        "organisation", "location__buurt__wijk"
    ).get(pk=activity_id)
    gemeenten = {activity.organisation.gemeente_id}
    if activity.location is not None:
        gemeenten.add(activity.location.buurt.wijk.gemeente_id)
    event_publish(
        event=Event.ACTIVITY_PLANNED,
        data={
            "id": f"organisatie-{activity.pk}",
            "code": activity.code,
            "title": activity.title,
            "organiser": {"kind": "organisation", "id": activity.organisation_id},
            "starts": activity.starts_at,
            "ends": activity.ends_at,
            "all_day": False,
            "location": _location(activity.location),
        },
        gemeente_ids=gemeenten,
    )


def survey_opened(survey_id: int) -> None:
    survey = PanelSurvey.objects.select_related("wijk", "region").get(pk=survey_id)
    if survey.wijk is not None:
        gemeenten = {survey.wijk.gemeente_id}
    else:
        gemeenten = set(Gemeente.objects.filter(region=survey.region).values_list("pk", flat=True))
    event_publish(
        event=Event.SURVEY_OPENED,
        data={
            "id": survey.pk,
            "title": survey.title,
            "region": survey.region.slug,
            "wijk": survey.wijk.code if survey.wijk else None,
            "opened_at": survey.opened_at,
        },
        gemeente_ids=gemeenten,
    )


def indicators_updated(run_id: int) -> None:
    run = ComputeRun.objects.get(pk=run_id)
    event_publish(
        event=Event.INDICATORS_UPDATED,
        data={"run": run.pk, "values": run.values, "finished_at": run.finished_at},
    )


# -- the subscription -----------------------------------------------------------------------

WEBHOOK_OF = {
    initiatives.INITIATIVE_STARTED: initiative_started,
    initiatives.ACTIVITY_RECORDED: initiative_activity_planned,
    plein.ORGANISATION_ACTIVITY_PLANNED: organisation_activity_planned,
    checks.PANEL_SURVEY_OPENED: survey_opened,
    indicators.INDICATORS_COMPUTED: indicators_updated,
}


def _on_event(event: events.DomainEvent) -> None:
    WEBHOOK_OF[event.type](event.id)


SUBSCRIBER = events.Subscriber("couplings.webhooks", frozenset(WEBHOOK_OF), _on_event)
