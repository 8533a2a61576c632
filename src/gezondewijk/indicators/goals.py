"""Which indicators speak to each main goal a wijk can choose.

The source model lets a wijk pick one main goal (care; welfare and participation; living longer
healthily at home) and then look first at the indicators that tell whether it is getting
there. The sets are by indicator code; an indicator a region does not have is simply absent.
"""

from __future__ import annotations

from gezondewijk.indicators.models import MainGoal

GOAL_INDICATORS: dict[str, tuple[str, ...]] = {
    MainGoal.CARE: (
        "ggd-good-health",
        "ggd-good-mental-health",
        "ggd-overweight",
        "cbs-65-plus",
        "referrals-participation",
    ),
    MainGoal.WELFARE: (
        "ggd-lonely",
        "network-isolation",
        "ggd-hard-to-make-ends-meet",
        "cbs-low-income",
        "cbs-single-person-households",
        "referrals-participation",
        "env-liveability",
    ),
    MainGoal.AT_HOME: (
        "cbs-65-plus",
        "cbs-single-person-households",
        "ggd-good-health",
        "ggd-lonely",
        "network-isolation",
        "env-liveability",
        "env-green-space",
    ),
}


def indicator_codes_for(goal: str | None) -> tuple[str, ...]:
    """The codes of `goal`'s indicators, in the order they are shown; none without a goal."""
    return GOAL_INDICATORS.get(goal, ()) if goal else ()
