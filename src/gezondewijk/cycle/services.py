"""Writes for the cycle: a wijk enters a step, with notes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gezondewijk.cycle.models import CycleEntry, Step
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Wijk


def cycle_enter_step(*, actor: Any, wijk: Wijk, step: Step, notes: str = "") -> CycleEntry:
    if not policy.allows(actor, Permission.MANAGE_CYCLE, wijk):
        raise PermissionDenied
    entry = CycleEntry(wijk=wijk, step=step, notes=notes.strip(), entered_by=actor)
    entry.full_clean()
    with transaction.atomic():
        entry.save()
    return entry
