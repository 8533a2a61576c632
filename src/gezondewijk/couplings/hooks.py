"""What the couplings give to the apps below them."""

from gezondewijk import events, hooks
from gezondewijk.couplings import events as webhook_events


def register() -> None:
    # Webhooks are told of the other apps' domain events, never of their model signals.
    hooks.register(events.SUBSCRIBERS, webhook_events.SUBSCRIBER)
