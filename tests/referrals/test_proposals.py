"""Proposals fit the reason's themes, the buurt, places the resident visits, and the wishes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gezondewijk.initiatives.models import Activity
from gezondewijk.network.models import TargetType, Tie, TieKind
from gezondewijk.referrals import selectors
from tests import factories
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory, theme
from tests.referrals.factories import coach, referral

pytestmark = pytest.mark.django_db


def _activity(initiative: object, days: int, location: object = None) -> Activity:
    return Activity.objects.create(
        initiative=initiative,
        title=f"Bijeenkomst {days}",
        date=timezone.localdate() + timedelta(days=days),
        location=location,
    )


def _next_weekday(weekend: bool) -> int:
    today = timezone.localdate()
    return next(d for d in range(1, 8) if ((today + timedelta(d)).weekday() >= 5) == weekend)


def test_only_initiatives_on_the_reasons_themes_are_proposed(world: World) -> None:
    lonely = InitiativeFactory(wijken=[world.wijk], themes=[theme("eenzaamheid")])
    InitiativeFactory(wijken=[world.wijk], themes=[theme("veiligheid")])
    r = referral(world, reason="eenzaamheid")
    found = selectors.proposals_for(referral=r, viewer=world.resident)
    assert {p["initiative_id"] for p in found} == {lonely.pk}


def test_a_place_the_resident_visits_comes_first_but_only_for_the_resident(world: World) -> None:
    far = factories.StrategicLocationFactory(buurt=world.other_buurt, name="Moskee Noord")
    near = factories.StrategicLocationFactory(buurt=world.buurt, name="Buurthuis")
    visited = InitiativeFactory(wijken=[world.other_wijk], themes=[theme("bewegen")])
    local = InitiativeFactory(wijken=[world.wijk], themes=[theme("bewegen")])
    _activity(visited, 3, far)
    _activity(local, 3, near)
    Tie.objects.create(
        owner=world.resident, target_type=TargetType.LOCATION, location=far, kind=TieKind.PLEK
    )
    receiver = coach(world)
    r = referral(world, reason="bewegen", to=receiver)
    for_resident = selectors.proposals_for(referral=r, viewer=world.resident)
    assert for_resident[0]["initiative_id"] == visited.pk
    assert for_resident[0]["at_visited_place"] is True
    # The coach does not learn where the resident goes.
    for_coach = selectors.proposals_for(referral=r, viewer=receiver)
    assert not any(p["at_visited_place"] for p in for_coach)
    assert for_coach[0]["initiative_id"] == local.pk


def test_time_and_close_to_home_wishes_filter_activities(world: World) -> None:
    near = factories.StrategicLocationFactory(buurt=world.buurt)
    far = factories.StrategicLocationFactory(buurt=world.other_buurt)
    group = InitiativeFactory(wijken=[world.wijk], themes=[theme("bewegen")])
    weekend = _activity(group, _next_weekday(True), near)
    other = InitiativeFactory(wijken=[world.other_wijk], themes=[theme("bewegen")])
    _activity(other, _next_weekday(False), far)
    r = referral(world, reason="bewegen", time_preference="weekend", close_to_home=True)
    found = selectors.proposals_for(referral=r, viewer=world.resident)
    assert [p["activity_id"] for p in found if p["kind"] == "activity"] == [weekend.pk]
    assert all(p["in_buurt"] or p["at_visited_place"] for p in found)
