"""The coordinator's competency profile: self-assessment, growth over time, private."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from gezondewijk.pioneers import selectors, services
from gezondewijk.pioneers.models import SelfAssessment
from tests.conftest import World


def test_growth_shows_first_and_latest_level(world: World) -> None:
    me = world.coordinator
    services.self_assessment_record(
        actor=me, competency="verbinden", level=1, on=dt.date(2026, 1, 10)
    )
    services.self_assessment_record(
        actor=me, competency="verbinden", level=3, on=dt.date(2026, 7, 10)
    )
    growth = {g.competency: g for g in selectors.competency_growth(user=me)}
    assert (growth["verbinden"].first, growth["verbinden"].latest) == (1, 3)
    assert growth["verbinden"].change == 2
    assert growth["data"].latest is None


def test_a_second_score_on_one_day_replaces_the_first(world: World) -> None:
    me = world.coordinator
    day = dt.date(2026, 3, 1)
    services.self_assessment_record(actor=me, competency="data", level=2, on=day)
    services.self_assessment_record(actor=me, competency="data", level=3, on=day)
    assert SelfAssessment.objects.get(user=me).level == 3


def test_a_level_outside_the_scale_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.self_assessment_record(actor=world.coordinator, competency="data", level=5)
    assert "level" in caught.value.message_dict


def test_only_coordinators_keep_a_profile(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.self_assessment_record(actor=world.resident, competency="data", level=2)


def test_the_page_shows_only_my_own_scores(world: World) -> None:
    from gezondewijk.people.models import Role
    from tests import factories

    colleague = factories.user_with_role(Role.COORDINATOR, world.other_wijk)
    services.self_assessment_record(actor=colleague, competency="reflectie", level=4)
    client = Client()
    client.force_login(world.coordinator)
    client.post(reverse("pioneers:competencies"), {"competency": "reflectie", "level": "2"})
    response = client.get(reverse("pioneers:competencies"))
    growth = {g.competency: g for g in response.context["growth"]}
    assert growth["reflectie"].latest == 2
