"""The type of a person as the privacy core sees them.

Privacy sits below the people app and must not import it, not even for the type checker
(the layer contract in `make lint` counts type-only imports too): a person is the project's
user model, settings.AUTH_USER_MODEL, which privacy knows only by that setting.
"""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

Person = Any


def person_of(request: HttpRequest) -> "Person":
    """The logged-in person of a request that passed @login_required."""
    user = request.user
    if not isinstance(user, AbstractBaseUser):
        raise PermissionError("not logged in")
    return user
