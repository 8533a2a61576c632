"""Webhooks follow the domain events of the services, whichever door a write came through:
one webhook per new activity from a social-map import, exactly one from a single save, and
none from a write that was rolled back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from gezondewijk.checks import services as checks
from gezondewijk.checks.models import PanelSurvey, Questionnaire, QuestionnaireKind
from gezondewijk.couplings import webhooks
from gezondewijk.couplings.models import Event, WebhookDelivery, WebhookSubscription
from gezondewijk.initiatives import services as initiatives
from gezondewijk.people import services as people
from gezondewijk.people.models import ApiScope
from gezondewijk.plein.models import OrganisationActivity
from tests import factories
from tests.conftest import World
from tests.couplings.activities import activities_csv, activities_import
from tests.plein.factories import mosque, theme

# Real commits: a webhook is queued when the write's transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_worker(settings: Any) -> None:
    # The deliveries are counted as rows; nothing needs to reach a receiver here.
    settings.GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS = []


def _subscribe(world: World, *events: Event) -> WebhookSubscription:
    return webhooks.subscription_create(
        organisation=factories.OrganisationFactory(gemeente=world.gemeente),
        url="https://partner.example.org/hook",
        events=events,
    )


def _delivered(event: Event) -> list[dict[str, Any]]:
    return [d.payload["data"] for d in WebhookDelivery.objects.filter(event=event).order_by("pk")]


def test_a_social_map_import_through_the_api_sends_one_webhook_per_new_activity(
    world: World,
) -> None:
    _subscribe(world, Event.ACTIVITY_PLANNED)
    organisation, place = mosque(world.buurt)
    _key, raw = people.api_key_create(
        organisation=organisation, name="agenda", scopes=[ApiScope.SOCIALMAP_WRITE]
    )
    client = Client(headers={"X-API-Key": raw})
    url = "/api/v1/couplings/socialmap?table=activiteiten"

    first = activities_csv(organisation, place, "wandelen", "koffie", "taalcafe")
    assert client.post(url, first, content_type="text/csv").status_code == 200

    planned = OrganisationActivity.objects.in_bulk(field_name="code")
    assert [d["id"] for d in _delivered(Event.ACTIVITY_PLANNED)] == [
        f"organisatie-{planned[code].pk}" for code in ("wandelen", "koffie", "taalcafe")
    ]
    assert _delivered(Event.ACTIVITY_PLANNED)[0]["location"]["name"] == place.name

    # The same file again with one more row: only the new activity is news.
    again = activities_csv(organisation, place, "wandelen", "koffie", "taalcafe", "zwemmen")
    assert client.post(url, again, content_type="text/csv").status_code == 200
    assert len(_delivered(Event.ACTIVITY_PLANNED)) == 4
    assert _delivered(Event.ACTIVITY_PLANNED)[-1]["title"] == "Wandelen 4"


def test_an_import_its_caller_rolls_back_sends_nothing(world: World) -> None:
    _subscribe(world, Event.ACTIVITY_PLANNED)
    organisation, place = mosque(world.buurt)

    def import_then_give_up() -> None:
        with transaction.atomic():
            activities_import(organisation, place, "wandelen", "koffie")
            assert OrganisationActivity.objects.count() == 2
            raise RuntimeError("the caller gives up")

    with pytest.raises(RuntimeError, match="gives up"):
        import_then_give_up()

    assert not OrganisationActivity.objects.exists()
    assert not WebhookDelivery.objects.exists()


def test_an_import_inside_a_larger_write_sends_only_after_its_commit(world: World) -> None:
    _subscribe(world, Event.ACTIVITY_PLANNED)
    organisation, place = mosque(world.buurt)

    with transaction.atomic():
        activities_import(organisation, place, "wandelen")
        assert not WebhookDelivery.objects.exists()

    assert len(_delivered(Event.ACTIVITY_PLANNED)) == 1


def test_recording_an_initiative_activity_sends_exactly_one(world: World) -> None:
    _subscribe(world, Event.ACTIVITY_PLANNED, Event.INITIATIVE_STARTED)
    initiative = initiatives.initiative_create(
        lead=world.resident,
        name="Ommetje Oost",
        description="Samen lopen.",
        themes=[theme()],
        wijken=[world.wijk],
    )
    activity = initiatives.activity_record(
        actor=world.resident,
        initiative=initiative,
        title="Eerste ommetje",
        date=dt.date(2026, 3, 5),
        participants=12,
    )
    assert [d["id"] for d in _delivered(Event.INITIATIVE_STARTED)] == [initiative.pk]
    assert _delivered(Event.ACTIVITY_PLANNED) == [
        {
            "id": f"initiatief-{activity.pk}",
            "title": "Eerste ommetje",
            "organiser": {"kind": "initiative", "id": initiative.pk},
            "starts": "2026-03-05",
            "all_day": True,
            "location": None,
        }
    ]


def test_an_activity_added_in_the_admin_sends_exactly_one(world: World) -> None:
    _subscribe(world, Event.ACTIVITY_PLANNED)
    organisation, place = mosque(world.buurt)
    client = Client()
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    form = {
        "code": "al-fath-koffie",
        "organisation": organisation.pk,
        "title": "Koffie",
        "description": "",
        "location": place.pk,
        "starts_at_0": "2026-03-05",
        "starts_at_1": "10:00",
        "ends_at_0": "2026-03-05",
        "ends_at_1": "12:00",
    }
    added = client.post(reverse("admin:plein_organisationactivity_add"), form)
    assert added.status_code == 302
    activity = OrganisationActivity.objects.get()
    assert [d["id"] for d in _delivered(Event.ACTIVITY_PLANNED)] == [f"organisatie-{activity.pk}"]

    # Changing it is not a new plan.
    changed = client.post(
        reverse("admin:plein_organisationactivity_change", args=[activity.pk]),
        {**form, "title": "Koffie en thee"},
    )
    assert changed.status_code == 302
    assert len(_delivered(Event.ACTIVITY_PLANNED)) == 1


def test_opening_a_survey_sends_one_and_closing_it_none(world: World) -> None:
    _subscribe(world, Event.SURVEY_OPENED)
    survey = PanelSurvey.objects.create(
        questionnaire=Questionnaire.objects.create(
            url="urn:test:panel",
            version="1",
            title="Buurtpanel",
            kind=QuestionnaireKind.PANEL,
            resource={"resourceType": "Questionnaire", "status": "active", "item": []},
        ),
        region=world.region,
        wijk=world.wijk,
        title="Hoe gaat het?",
    )
    assert not WebhookDelivery.objects.exists()  # a survey in preparation is not news

    checks.panel_survey_open(actor=world.coordinator, survey=survey)
    checks.panel_survey_close(actor=world.coordinator, survey=survey)

    assert [d["id"] for d in _delivered(Event.SURVEY_OPENED)] == [survey.pk]


def test_a_recomputation_from_the_command_line_sends_an_update(world: World) -> None:
    _subscribe(world, Event.INDICATORS_UPDATED)
    call_command("indicators_compute", verbosity=0)
    (update,) = _delivered(Event.INDICATORS_UPDATED)
    assert update["run"] is not None
