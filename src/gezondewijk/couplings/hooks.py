"""What the couplings app gives to the apps below it: its admin models, a menu entry, and the
webhooks' subscription to the other apps' domain events."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import events, hooks
from gezondewijk.couplings import events as webhook_events
from gezondewijk.people import auth_backends
from gezondewijk.permissions import policy
from gezondewijk.web import navigation


def _sees_social_map(user: Any) -> bool:
    return policy.allows(user, policy.Permission.VIEW_SOCIAL_MAP)


def register() -> None:
    # The region administrator sets up subscriptions for organisations and reads the log.
    for label in ("couplings.webhooksubscription", "couplings.webhookdelivery"):
        hooks.register(auth_backends.MANAGED_MODELS, label)
    hooks.register(
        navigation.MENU,
        navigation.MenuItem(
            _("Social map"), "couplings:socialmap", order=90, visible=_sees_social_map
        ),
    )
    # Webhooks are told of the other apps' domain events, never of their model signals.
    hooks.register(events.SUBSCRIBERS, webhook_events.SUBSCRIBER)
