"""Writes of the indicators app that people make (computation runs live in runs.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gezondewijk.indicators.models import ComputeRun, MainGoal, RunStatus, WijkGoal
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Wijk


def main_goal_choose(*, actor: Any, wijk: Wijk, goal: str) -> WijkGoal:
    """Set (or change) `wijk`'s main goal: its coordinator or the region chooses it."""
    if not policy.allows(actor, Permission.CHOOSE_MAIN_GOAL, wijk):
        raise PermissionDenied
    if goal not in MainGoal.values:
        raise ValidationError(
            {
                "goal": _("Choose one of the main goals: %(goals)s.")
                % {"goals": ", ".join(str(label) for label in MainGoal.labels)}
            }
        )
    chosen, _created = WijkGoal.objects.update_or_create(
        wijk=wijk, defaults={"goal": goal, "chosen_at": timezone.now()}
    )
    return chosen


def compute_run_start(*, user: Any) -> ComputeRun:
    """Queue a recomputation of every indicator value; one already queued or running is
    reused, so pressing twice computes once."""
    if not policy.allows(user, Permission.RECOMPUTE_INDICATORS):
        raise PermissionDenied
    from gezondewijk.indicators import tasks  # the task module imports the runs

    with transaction.atomic():
        busy = ComputeRun.objects.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).first()
        if busy is not None:
            return busy
        run = ComputeRun.objects.create()
        transaction.on_commit(lambda: tasks.recompute_indicators.enqueue(run_id=run.pk))
    return run
