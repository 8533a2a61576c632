"""The address a request comes from, as log-in rate limiting counts it.

Behind a reverse proxy every request arrives from the proxy's address, so counting
REMOTE_ADDR would lock every resident out together. The proxy appends the address it saw to
X-Forwarded-For; only that right-most entry is trusted, since whatever stands left of it the
client may have written itself. (django-ipware answers no address at all when a client adds
entries of its own, which would let exactly those clients past the count.)
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    if not getattr(settings, "GEZONDEWIJK_BEHIND_PROXY", False):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    return entries[-1] if entries else remote
