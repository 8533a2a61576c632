"""The demo project bank: enough realistic content to try search, playbooks and experiences."""

import pytest
from django.core.management import call_command

from gezondewijk.projectbank.models import ExperienceReport, Intervention, Playbook
from gezondewijk.projectbank.selectors import Filters, interventions_search

pytestmark = pytest.mark.django_db


def test_the_demo_fills_a_searchable_bank() -> None:
    call_command("demo", "--residents", "10", "--seed", "5")
    assert Intervention.objects.count() == 30
    assert Playbook.objects.count() == 30
    assert all(p.steps.count() >= 5 for p in Playbook.objects.all())
    assert ExperienceReport.objects.exists()
    on_steps = ExperienceReport.objects.filter(intervention__isnull=True)
    assert on_steps.values("cycle_step").distinct().count() == 6  # every default step
    assert Intervention.objects.filter(endorsements__isnull=False).exists()
    found = [i.title for i in interventions_search(filters=Filters(query="wandeling"))]
    assert "Wandelen met de huisarts" in found
