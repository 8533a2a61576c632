"""Demo referrals: a year from two GP practices, with the loop's history."""

from datetime import timedelta

import pytest
from django.db.models import Count

from gezondewijk.demo.engine import demo_build
from gezondewijk.referrals import demo_builder
from gezondewijk.referrals.models import Referral, ReferralEvent

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_the_demo_has_a_year_of_referrals_from_two_practices() -> None:
    demo_build(residents=400, seed=5)
    referrals = Referral.objects.all()
    assert referrals.count() > 100
    assert referrals.values("practice").distinct().count() == 2
    first = referrals.order_by("created_at").first()
    assert first is not None
    assert demo_builder.YEAR_END - first.created_at.date() > timedelta(days=300)
    assert referrals.filter(first_activity_on__isnull=False).count() > 20
    assert set(referrals.values_list("status", flat=True)) >= {"afgerond", "gestopt", "actief"}
    # Every referral starts with "sent" and its history ends at its status.
    starts = ReferralEvent.objects.filter(kind="status", value="verzonden")
    assert starts.values("referral").annotate(n=Count("pk")).count() == referrals.count()
    for r in referrals.order_by("?")[:20]:
        last = r.events.filter(kind="status").order_by("at", "pk").last()
        assert last is not None
        assert last.value == r.status
    # The demo resident has a referral to try the loop with.
    assert referrals.filter(resident__email__startswith="inwoner@", status="verzonden").exists()
