"""Writes of the indicators app that people make (computation runs live in runs.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gezondewijk.indicators.models import MainGoal, WijkGoal
from gezondewijk.places.models import Wijk


def main_goal_choose(*, wijk: Wijk, goal: str) -> WijkGoal:
    """Set (or change) `wijk`'s main goal."""
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
