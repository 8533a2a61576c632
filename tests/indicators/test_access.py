"""A wijk's main goal is its own choice: the service checks who chooses, whoever calls it.

The goal is chosen only on a page (there is no endpoint for it), so there is one door; the
service behind it refuses everyone the permission table does not let choose for this wijk.
"""

import pytest
from django.core.exceptions import PermissionDenied

from gezondewijk.indicators import services
from gezondewijk.indicators.models import MainGoal, WijkGoal
from tests.conftest import World
from tests.doors import caller


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("coordinator here", True),
        ("coordinator of the region", True),
        ("region admin", True),
        ("coordinator elsewhere", False),
        ("researcher", False),  # sees the wijk's figures, but the goal is not theirs
        ("funder", False),
        ("resident", False),
    ],
)
def test_only_the_wijks_coordinator_or_the_region_chooses_its_main_goal(
    world: World, who: str, allowed: bool
) -> None:
    def choose() -> WijkGoal:
        return services.main_goal_choose(
            actor=caller(world, who), wijk=world.wijk, goal=MainGoal.CARE
        )

    if allowed:
        assert choose().goal == MainGoal.CARE
    else:
        with pytest.raises(PermissionDenied):
            choose()
        assert not WijkGoal.objects.exists()
