from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _sees_social_map(user: Any) -> bool:
    from gezondewijk.people import policy

    return policy.allows(user, policy.Permission.VIEW_SOCIAL_MAP)


class CouplingsConfig(AppConfig):
    """Couplings with the region's other systems: webhooks and the social-map exchange."""

    name = "gezondewijk.couplings"
    verbose_name = _("Couplings")

    def ready(self) -> None:
        from gezondewijk.couplings import hooks
        from gezondewijk.people import auth_backends
        from gezondewijk.web import navigation

        hooks.register()
        # The region administrator sets up subscriptions for organisations and reads the log.
        auth_backends.register_managed("couplings.webhooksubscription", "couplings.webhookdelivery")
        navigation.register(
            navigation.MenuItem(
                _("Social map"), "couplings:socialmap", order=90, visible=_sees_social_map
            )
        )
