"""Domain events: handed to the subscribers that want them, and only after the commit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from gezondewijk import events, hooks
from gezondewijk.places.models import Region

# Real commits: the point is what happens when the transaction ends.
pytestmark = pytest.mark.django_db(transaction=True)

STARTED = events.DomainEvent("thing.started", 1)
STOPPED = events.DomainEvent("thing.stopped", 1)


class Boom(Exception):
    pass


@pytest.fixture
def heard() -> Iterator[list[events.DomainEvent]]:
    received: list[events.DomainEvent] = []
    subscriber = events.Subscriber("tests.listener", frozenset({"thing.started"}), received.append)
    with hooks.register_temporarily(events.SUBSCRIBERS, subscriber):
        yield received


def test_outside_a_transaction_an_event_is_heard_at_once(heard: list[events.DomainEvent]) -> None:
    events.publish(STARTED)
    assert heard == [STARTED]


def test_inside_a_transaction_an_event_is_heard_only_after_the_commit(
    heard: list[events.DomainEvent],
) -> None:
    with transaction.atomic():
        Region.objects.create(name="Regio Oost", slug="regio-oost")
        events.publish(STARTED)
        assert heard == []
        with transaction.atomic():  # a savepoint that holds is not yet a commit either
            events.publish(events.DomainEvent("thing.started", 2))
        assert heard == []
    assert [e.id for e in heard] == [1, 2]


def test_a_rolled_back_write_publishes_nothing(heard: list[events.DomainEvent]) -> None:
    def write() -> None:
        with transaction.atomic():
            Region.objects.create(name="Regio Oost", slug="regio-oost")
            events.publish(STARTED)
            raise Boom

    with pytest.raises(Boom):
        write()
    assert heard == []
    assert not Region.objects.exists()


def test_a_rolled_back_savepoint_takes_only_its_own_events(
    heard: list[events.DomainEvent],
) -> None:
    def inner_write() -> None:
        with transaction.atomic():
            events.publish(events.DomainEvent("thing.started", 2))
            raise Boom

    with transaction.atomic():
        events.publish(STARTED)
        with pytest.raises(Boom):
            inner_write()
    assert heard == [STARTED]


def test_a_bulk_write_publishes_one_event_per_object(heard: list[events.DomainEvent]) -> None:
    with transaction.atomic():
        events.publish_all(events.DomainEvent("thing.started", pk) for pk in (4, 5, 6))
    assert [e.id for e in heard] == [4, 5, 6]


def test_a_subscriber_hears_only_the_types_it_asked_for(heard: list[events.DomainEvent]) -> None:
    both: list[events.DomainEvent] = []
    other = events.Subscriber(
        "tests.both", frozenset({"thing.started", "thing.stopped"}), both.append
    )
    with hooks.register_temporarily(events.SUBSCRIBERS, other):
        events.publish_all([STARTED, STOPPED])
    assert heard == [STARTED]
    assert both == [STARTED, STOPPED]


def test_without_a_subscriber_an_event_is_dropped() -> None:
    # Nobody listens to this type: publishing neither fails nor waits for a commit.
    with transaction.atomic():
        events.publish(events.DomainEvent("nobody.listens", 1))
        assert transaction.get_connection().run_on_commit == []
