"""Log-in rate limiting: django-axes in front of the password check."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class RateLimitBackend(AxesStandaloneBackend):
    """Refuses a log-in while its username and address are locked out.

    A log-in from the web (the log-in page, the admin's) always comes with its request and is
    counted. `authenticate()` without a request (the shell, the test client's `login()`) has no
    address to count and cannot be guessed at from outside, so it passes to the password check
    instead of failing as plain django-axes does."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
