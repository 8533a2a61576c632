"""Django's model permissions (used by the admin) answered by the policy module.

Region administrators manage the region's set-up: areas, locations, organisations, roles and
API keys. The access log they may read but never change. Residents' profiles are not in the
admin at all: a resident's data is theirs.
"""

from typing import Any

from django.contrib.auth.backends import BaseBackend

from gezondewijk import hooks
from gezondewijk.people.access import may_use_admin

MANAGED_BY_REGION_ADMIN = {
    "places.region",
    "places.gemeente",
    "places.wijk",
    "places.buurt",
    "places.strategiclocation",
    "people.organisation",
    "people.user",
    "people.rolegrant",
    "people.apikey",
}
READ_ONLY_FOR_REGION_ADMIN = {"privacy.accesslog"}

# More models region administrators manage ("app.model"): apps above people register theirs in
# their `hooks.py`, so this module never learns their names.
MANAGED_MODELS: hooks.Hook[str] = hooks.Hook("people.admin_managed_models", key=lambda label: label)


def _managed() -> set[str]:
    return MANAGED_BY_REGION_ADMIN | set(hooks.registered(MANAGED_MODELS))


def _model_of(perm: str) -> tuple[str, str]:
    app_label, codename = perm.split(".", 1)
    action, _, model = codename.partition("_")
    return action, f"{app_label}.{model}"


class PolicyBackend(BaseBackend):
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if not may_use_admin(user_obj):
            return False
        action, model = _model_of(perm)
        if model in _managed():
            return True
        return model in READ_ONLY_FOR_REGION_ADMIN and action == "view"

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        labels = {label.split(".")[0] for label in _managed() | READ_ONLY_FOR_REGION_ADMIN}
        return app_label in labels and may_use_admin(user_obj)
