"""Domain events: a service says what happened, and whoever cares hears it after the commit.

As Zulip's `do_*` actions: the service that changes state publishes an event; nobody listens
to model signals. An event is small and frozen — its type and the primary key of the thing
it is about — and a subscriber reads what it needs from the database when it hears it, so it
sees the committed state (an initiative's wijken are set after its row is saved).

    events.publish(events.DomainEvent(INITIATIVE_STARTED, initiative.pk))

`publish` hands the event over on commit of the surrounding transaction
(`transaction.on_commit`): a write that is rolled back publishes nothing; outside a
transaction the event is handed over at once. A bulk write publishes one event per object it
created (`publish_all`, one commit callback for the lot).

Subscribers are registered through the hooks registry by a higher app, in its `hooks.py`:

    hooks.register(events.SUBSCRIBERS, events.Subscriber("webhooks", {...}, handle))

so an app that publishes never learns who listens (the couplings' webhooks do).

Which writes publish (each from its own app's code; the type names are the apps' own):

- `initiative.started` (initiatives): `initiative_create`, and an initiative added in the
  admin.
- `activity.recorded` (initiatives): `activity_record`, and an activity added in the admin.
- `organisation_activity.planned` (plein): every activity the social-map import creates (not
  the ones it updates), and an activity added in the admin.
- `panel_survey.opened` (checks): `panel_survey_open`.
- `indicators.computed` (indicators): a recomputation that finished with new values, from
  the task, the `indicators_compute` command or the demo alike.

Writes that publish nothing: the demo builders' bulk history of initiatives, activities and
activities of organisations (back-dated, fictional data written straight into an empty
database, where nobody subscribes; the checks demo opens its surveys through the service and
so does publish), a restore from a backup and `loaddata` (the data was announced when it was
first written), and updates by the social-map import of activities it already had.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from gezondewijk import hooks


@dataclass(frozen=True)
class DomainEvent:
    """Something that happened: `type` ("<thing>.<what happened>", named by the app that
    owns the thing) and the primary key of the thing."""

    type: str
    id: int


@dataclass(frozen=True)
class Subscriber:
    """Hears the events whose type is in `types`, one at a time, after the commit."""

    name: str
    types: frozenset[str]
    handle: Callable[[DomainEvent], None]


SUBSCRIBERS: hooks.Hook[Subscriber] = hooks.Hook(
    "events.subscribers", key=lambda subscriber: subscriber.name
)


def publish(event: DomainEvent, *, using: str | None = None) -> None:
    """Hand `event` to its subscribers once the surrounding transaction commits."""
    publish_all([event], using=using)


def publish_all(events: Iterable[DomainEvent], *, using: str | None = None) -> None:
    """Hand each of `events` to its subscribers once the surrounding transaction commits
    (for a bulk write: one event per object, one commit callback)."""
    # The subscribers of the moment of publishing hear it; with none, nothing waits for commit.
    subscribers = hooks.registered(SUBSCRIBERS)
    heard = [(e, [s for s in subscribers if e.type in s.types]) for e in events]
    heard = [(e, listeners) for e, listeners in heard if listeners]
    if not heard:
        return

    def deliver() -> None:
        for event, listeners in heard:
            for subscriber in listeners:
                subscriber.handle(event)

    transaction.on_commit(deliver, using=using)
