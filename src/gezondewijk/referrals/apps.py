from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    """Welzijn op recept: professionals refer residents to a coach, initiative or activity."""

    name = "gezondewijk.referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from gezondewijk.referrals import hooks

        hooks.register()
