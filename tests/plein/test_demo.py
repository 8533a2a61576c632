"""The demo region has something on at its mosques and community centres this week."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from gezondewijk.places.models import LocationKind
from gezondewijk.plein.models import OrganisationActivity
from gezondewijk.plein.selectors import calendar_items, week_of

pytestmark = pytest.mark.django_db


def test_the_demo_plans_weekly_activities_around_this_week() -> None:
    call_command("demo", "--residents", "40", "--seed", "7", verbosity=0)
    start, end = week_of(timezone.localdate())
    this_week = calendar_items(start=start, end=end)
    at_mosques = [
        i for i in this_week if i.location is not None and i.location.kind == LocationKind.MOSKEE
    ]
    assert at_mosques
    assert all(i.themes for i in at_mosques)
    assert OrganisationActivity.objects.filter(starts_at__date__gt=end).exists()
