from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    """The regional prevention fund, the health policy calculator and outcome contracts."""

    name = "gezondewijk.finance"
    verbose_name = _("Prevention fund")

    def ready(self) -> None:
        from gezondewijk.finance import hooks

        hooks.register()
