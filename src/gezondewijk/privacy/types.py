"""The type of a person as the privacy core sees them.

Privacy sits below the people app and must not import it at run time; for the type checker
only, a person is the project's user model (settings.AUTH_USER_MODEL).
"""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

if TYPE_CHECKING:
    from gezondewijk.people.models import User as Person
else:
    Person = Any


def person_of(request: HttpRequest) -> "Person":
    """The logged-in person of a request that passed @login_required."""
    user = request.user
    if not isinstance(user, AbstractBaseUser):
        raise PermissionError("not logged in")
    return user
