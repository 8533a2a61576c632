"""A referrer hears whether the resident took part only when the resident lets them: not
through the loop's later steps, the resident's answer, what they chose or the Task's status,
on any of the ways a referral is read (page, list, API, FHIR)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gezondewijk.referrals import selectors, services
from gezondewijk.referrals.disclosure import DisclosedReferral
from gezondewijk.referrals.models import Answer, Referral, Status
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory
from tests.referrals.factories import coach, gp, referral

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def taking_part(world: World) -> tuple[Any, Any, Referral]:
    """A GP's referral the resident accepted without feedback; the coach saw them take part
    in the initiative they chose."""
    doctor, receiver = gp(world), coach(world)
    r = referral(world, referrer=doctor, to=receiver)
    services.referral_answer(user=world.resident, referral=r, answer=Answer.ACCEPTED)
    initiative = InitiativeFactory(name="Wandelclub De Stap")
    initiative.wijken.add(world.wijk)
    services.referral_choose(user=world.resident, referral=r, initiative_id=initiative.pk)
    services.referral_took_part(user=receiver, referral=r, on=timezone.localdate())
    r.refresh_from_db()
    assert r.status == Status.ACTIVE
    return doctor, receiver, r


def test_the_api_tells_the_referrer_only_that_the_coach_received_it(
    world: World, taking_part: tuple[Any, Any, Referral]
) -> None:
    doctor, receiver, r = taking_part

    for_gp = _client(doctor).get(f"/api/v1/referrals/{r.pk}").json()
    for_coach = _client(receiver).get(f"/api/v1/referrals/{r.pk}").json()

    assert for_gp["outcome_shared"] is False
    assert for_gp["status"] == Status.RECEIVED
    assert for_gp["answer"] == Answer.PENDING
    assert for_gp["initiative"] is None
    assert for_gp["first_activity_on"] is None
    assert for_gp["updated_at"] < for_coach["updated_at"]  # no trace of the later steps
    assert for_coach["outcome_shared"] is True
    assert for_coach["status"] == Status.ACTIVE
    assert for_coach["initiative"] == r.initiative_id
    listed = {row["id"]: row for row in _client(doctor).get("/api/v1/referrals").json()}
    assert listed[r.pk]["status"] == Status.RECEIVED


def test_the_task_and_request_tell_the_referrer_nothing_of_taking_part(
    world: World, taking_part: tuple[Any, Any, Referral]
) -> None:
    doctor, _receiver, r = taking_part
    client = _client(doctor)

    task = client.get(f"/api/v1/referrals/{r.pk}/fhir/Task").json()
    request = client.get(f"/api/v1/referrals/{r.pk}/fhir/ServiceRequest").json()

    assert task["status"] == "received"
    assert "output" not in task
    assert "Wandelclub De Stap" not in str(request)


def test_the_page_and_the_list_show_the_referrer_no_later_steps(
    world: World, taking_part: tuple[Any, Any, Referral]
) -> None:
    doctor, receiver, r = taking_part

    page = _client(doctor).get(reverse("referrals:detail", args=[r.pk])).content.decode()
    listing = _client(doctor).get(reverse("referrals:home")).content.decode()
    coach_page = _client(receiver).get(reverse("referrals:detail", args=[r.pk])).content.decode()

    assert "data-outcome-withheld" in page
    for told_by_the_steps in ("Wandelclub De Stap", str(Status.ACTIVE.label), "geaccepteerd"):
        assert told_by_the_steps not in page
    assert str(Status.ACTIVE.label) not in listing
    assert "Wandelclub De Stap" in coach_page
    assert "data-outcome-withheld" not in coach_page


def test_with_the_residents_consent_the_referrer_hears_it_all(
    world: World, taking_part: tuple[Any, Any, Referral]
) -> None:
    doctor, _receiver, r = taking_part
    services.referral_answer(
        user=world.resident, referral=r, answer=Answer.ACCEPTED, feedback_participation=True
    )

    for_gp = _client(doctor).get(f"/api/v1/referrals/{r.pk}").json()
    task = _client(doctor).get(f"/api/v1/referrals/{r.pk}/fhir/Task").json()
    page = _client(doctor).get(reverse("referrals:detail", args=[r.pk])).content.decode()

    assert for_gp["outcome_shared"] is True
    assert for_gp["status"] == Status.ACTIVE
    assert for_gp["first_activity_on"] == timezone.localdate().isoformat()
    assert task["status"] == "in-progress"
    assert task["output"][0]["valueBoolean"] is True
    assert "Wandelclub De Stap" in page


def test_a_referral_not_yet_received_reads_as_sent(world: World) -> None:
    doctor = gp(world)
    r = referral(world, referrer=doctor, created_at=timezone.now() - dt.timedelta(days=1))

    for_gp = _client(doctor).get(f"/api/v1/referrals/{r.pk}").json()

    assert for_gp["status"] == Status.SENT


def test_telling_a_list_costs_the_same_queries_for_three_or_fifteen(world: World) -> None:
    doctor, receiver = gp(world), coach(world)
    client = _client(doctor)

    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/referrals").status_code == 200
        return len(captured)

    for _ in range(3):
        services.referral_advance(
            user=receiver,
            referral=referral(world, referrer=doctor, to=receiver),
            status=Status.RECEIVED,
        )
    three = queries_for_the_list()
    for _ in range(12):
        services.referral_advance(
            user=receiver,
            referral=referral(world, referrer=doctor, to=receiver),
            status=Status.RECEIVED,
        )

    assert queries_for_the_list() == three


def test_what_the_referrer_is_told_is_a_frozen_value_that_does_not_hand_out_the_row(
    world: World, taking_part: tuple[Any, Any, Referral]
) -> None:
    *_, r = taking_part
    told = selectors.as_told_to_referrer(referral=r)

    assert isinstance(told, DisclosedReferral)
    with pytest.raises(dataclasses.FrozenInstanceError):
        told.answer = Answer.ACCEPTED  # type: ignore[misc]
    # A template sees what is told; the stored row behind it is out of a template's reach.
    template = "{{ r.get_status_display }}|{{ r.answer }}|{{ r.first_activity_on }}"
    shown = Template(template).render(Context({"r": told}))
    assert shown == f"{Status(Status.RECEIVED).label}|{Answer.PENDING}|None"
    with pytest.raises(TemplateSyntaxError):
        Template("{{ r._referral.answer }}")
    # The row itself is untouched.
    r.refresh_from_db()
    assert (r.status, r.answer) == (Status.ACTIVE, Answer.ACCEPTED)
