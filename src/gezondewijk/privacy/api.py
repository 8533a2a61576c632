"""API for a person's own data: only ever the caller's, never someone else's."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from gezondewijk.permissions.api_auth import caller_of
from gezondewijk.privacy import services

router = Router(tags=["my data"])


@router.get("/export", response=dict[str, Any])
def my_data_export(request: HttpRequest) -> dict[str, Any]:
    """Everything the platform holds about the logged-in person (same as the JSON download)."""
    caller = caller_of(request)
    if caller.user is None:
        # An organisation's key acts for a system, not for a person: it has no data of its own.
        raise HttpError(403, "Only a logged-in person can export their own data.")
    return services.personal_data_export(user=caller.user)
