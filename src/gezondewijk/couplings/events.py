"""Which happenings in other apps become webhook events, and what each event says.

The other apps do not know about webhooks: this module listens to their models' post_save
signals and to django-tasks' task_finished, connected in CouplingsConfig.ready(). The event
is published after the surrounding transaction commits, so the receiver never hears of
something that was rolled back, and the payload sees the saved relations (an initiative's
wijken are set after its row is saved).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from gezondewijk.checks.models import PanelSurvey, SurveyStatus
from gezondewijk.couplings.models import Event
from gezondewijk.couplings.webhooks import event_publish
from gezondewijk.initiatives.models import Activity, Initiative
from gezondewijk.places.models import Gemeente, StrategicLocation
from gezondewijk.plein.models import OrganisationActivity

INDICATOR_TASK = "gezondewijk.indicators.tasks.recompute_indicators"


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
    from gezondewijk.indicators.models import ComputeRun, RunStatus

    run = ComputeRun.objects.filter(pk=run_id, status=RunStatus.DONE).first()
    if run is None:  # the task ran, but the computation itself failed
        return
    event_publish(
        event=Event.INDICATORS_UPDATED,
        data={"run": run.pk, "values": run.values, "finished_at": run.finished_at},
    )


# -- receivers ------------------------------------------------------------------------------


def _on_initiative(sender: Any, instance: Initiative, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        transaction.on_commit(lambda: initiative_started(instance.pk))


def _on_activity(sender: Any, instance: Activity, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        transaction.on_commit(lambda: initiative_activity_planned(instance.pk))


def _on_organisation_activity(
    sender: Any, instance: OrganisationActivity, created: bool, **kwargs: Any
) -> None:
    if created and not kwargs.get("raw"):
        transaction.on_commit(lambda: organisation_activity_planned(instance.pk))


def _on_survey(sender: Any, instance: PanelSurvey, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    opened = instance.status == SurveyStatus.OPEN
    # Opening saves the status; later saves of an open survey (other fields) are not news.
    if opened and ((fields is None and kwargs.get("created")) or (fields and "status" in fields)):
        transaction.on_commit(lambda: survey_opened(instance.pk))


def _on_task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    if (
        task_result.task.module_path == INDICATOR_TASK
        and task_result.status == TaskResultStatus.SUCCESSFUL
    ):
        indicators_updated(int(task_result.args[0]))


def connect() -> None:
    post_save.connect(_on_initiative, sender=Initiative, dispatch_uid="couplings.initiative")
    post_save.connect(_on_activity, sender=Activity, dispatch_uid="couplings.activity")
    post_save.connect(
        _on_organisation_activity,
        sender=OrganisationActivity,
        dispatch_uid="couplings.organisation_activity",
    )
    post_save.connect(_on_survey, sender=PanelSurvey, dispatch_uid="couplings.survey")
    task_finished.connect(_on_task_finished, dispatch_uid="couplings.task_finished")
