"""One grant application, the same rules at the page and at the API.

Staff and the people of the initiative read it; anyone else is told it does not exist. Only
the fund committee decides, and never someone who is part of the applying initiative.
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gezondewijk.finance.models import Application, ApplicationStatus
from tests.conftest import World
from tests.doors import Door, Outcome, caller, client_for
from tests.finance.factories import Fund, apply, fund_for
from tests.network.factories import resident

ALLOWED, FORBIDDEN, NOT_FOUND = Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.NOT_FOUND


def _who(world: World, fund: Fund, who: str) -> Any:
    if who == "committee member":
        return fund.reviewer
    if who == "lead":
        return fund.lead
    if who == "other resident":
        return resident(world.buurt)
    return caller(world, who)


def _review_page(client: Client, application: Application) -> Any:
    url = reverse("finance:application_review", args=[application.pk])
    return client.post(url, {"decision": "approve", "reasons": ""})


def _review_api(client: Client, application: Application) -> Any:
    url = f"/api/v1/finance/applications/{application.pk}/review"
    return client.post(url, {"decision": "approve"}, content_type="application/json")


REVIEW_DOORS = [
    Door("page", _review_page, {ALLOWED: 302, FORBIDDEN: 403, NOT_FOUND: 404}),
    Door("api", _review_api, {ALLOWED: 200, FORBIDDEN: 403, NOT_FOUND: 404}),
]


@pytest.mark.parametrize("door", REVIEW_DOORS, ids=str)
@pytest.mark.parametrize(
    ("who", "outcome"),
    [
        ("committee member", ALLOWED),
        ("lead", FORBIDDEN),  # reads their own application, never decides on it
        ("coordinator here", FORBIDDEN),  # staff read it, but are not on the committee
        ("researcher", FORBIDDEN),
        ("other resident", NOT_FOUND),  # not theirs: it does not exist for them
    ],
)
def test_deciding_on_an_application_follows_the_same_rule_at_both_doors(
    world: World, door: Door, who: str, outcome: Outcome
) -> None:
    fund = fund_for(world.wijk)
    application = apply(fund)
    reply = door.call(client_for(_who(world, fund, who)), application)
    assert reply.status_code == door.statuses[outcome]
    application.refresh_from_db()
    assert (application.status == ApplicationStatus.APPROVED) == (outcome is ALLOWED)
