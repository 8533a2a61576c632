"""System check: every model that holds a person's data takes part in export and erase."""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import checks

from gezondewijk.privacy import registry


def _points_at_user(model: Any) -> bool:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return any(
        getattr(f, "related_model", None) is user_model and (f.many_to_one or f.one_to_one)
        for f in model._meta.get_fields()
        if f.concrete
    )


def personal_data_is_registered(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    covered = registry.covered_models()
    errors: list[checks.CheckMessage] = []
    for model in apps.get_models():
        if not model.__module__.startswith("gezondewijk."):
            continue
        if _points_at_user(model) and model not in covered:
            errors.append(
                checks.Error(
                    f"{model._meta.label} stores data of a person but no personal-data "
                    "provider covers it.",
                    hint="Register a PersonalDataProvider listing this model in the app's "
                    "hooks.py, so 'export my data' and 'erase my data' include it.",
                    obj=model,
                    id="privacy.E001",
                )
            )
    return errors
