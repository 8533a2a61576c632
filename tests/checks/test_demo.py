"""The demo region gets a few years of health checks and two panel rounds."""

from io import StringIO

import polars as pl
import pytest
from django.core.management import call_command

from gezondewijk.checks import engine, selectors
from gezondewijk.checks.models import PanelSurvey, QuestionnaireKind, Response, SurveyStatus
from gezondewijk.people.models import ResidentProfile

pytestmark = pytest.mark.django_db


def test_the_demo_has_health_checks_for_a_share_of_residents_and_two_panel_rounds() -> None:
    call_command("demo", "--residents", "1500", "--verbosity", "0", stdout=StringIO())
    residents = ResidentProfile.objects.count()
    with_checks = (
        Response.objects.filter(questionnaire__kind=QuestionnaireKind.HEALTH_CHECK)
        .values("user_id")
        .distinct()
        .count()
    )
    assert 0.15 * residents < with_checks < 0.4 * residents
    years = {r.year for r in Response.objects.values_list("authored", flat=True)}
    assert len(years) >= 3
    assert sorted(PanelSurvey.objects.values_list("status", flat=True)) == sorted(
        [SurveyStatus.CLOSED, SurveyStatus.OPEN]
    )
    assert Response.objects.filter(survey__isnull=False).exists()
    figures = engine.area_means(selectors.health_check_frame(), level="gemeente", period="all")
    visible = figures.filter(~pl.col("suppressed"))
    assert visible.height > 0
    assert visible["mean"].is_between(3, 9).all()
