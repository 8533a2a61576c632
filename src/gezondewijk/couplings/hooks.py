"""What the couplings app gives to the apps below it: its admin models and a menu entry."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gezondewijk import hooks
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
