"""Who is calling the API: a logged-in person (session) or an organisation's system (API key).

Both end up as a `Caller`, so endpoints ask one question, `caller.allows(permission, target)`,
and the policy module answers it. The keys themselves are the people app's records: it
registers how a raw key is looked up with the `API_KEY_LOOKUP` hook, so this module (and the
HTTP parts of the lowest apps that use it) never import an app above them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyHeader, HttpBearer, SessionAuth

from gezondewijk import hooks
from gezondewijk.permissions import policy

# A raw key as sent by a client → its live (not revoked) key record, or None.
KeyLookup = Callable[[str], policy.Key | None]
API_KEY_LOOKUP: hooks.Hook[KeyLookup] = hooks.Hook("permissions.api_key_lookup")


@dataclass(frozen=True)
class Caller:
    user: Any = None
    key: policy.Key | None = None

    def allows(self, permission: policy.Permission, target: policy.Area | None = None) -> bool:
        if self.key is not None:
            return policy.key_allows(self.key, permission, target)
        return policy.allows(self.user, permission, target)


def actor_allows(actor: Any, permission: policy.Permission, target: Any = None) -> bool:
    """Whether a service's actor holds `permission`: a person (a user), or a `Caller` when a
    service may be called by an organisation's system too."""
    if isinstance(actor, Caller):
        return actor.allows(permission, target)
    return policy.allows(actor, permission, target)


def _caller_for_key(raw: str | None) -> Caller | None:
    if not raw:
        return None
    for lookup in hooks.registered(API_KEY_LOOKUP):
        key = lookup(raw)
        if key is not None:
            return Caller(key=key)
    return None


class KeyHeader(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        return _caller_for_key(key)


class KeyBearer(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        return _caller_for_key(token)


class Session(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        user = super().authenticate(request, key)
        return Caller(user=user) if user else None


AUTH = [KeyHeader(), KeyBearer(), Session()]


def caller_of(request: HttpRequest) -> Caller:
    caller = getattr(request, "auth", None)
    if not isinstance(caller, Caller):  # pragma: no cover - ninja guarantees auth ran
        raise HttpError(401, "Not authenticated")
    return caller


def require(request: HttpRequest, permission: policy.Permission, target: Any = None) -> Caller:
    """The caller, if allowed; otherwise 403 (for things everyone may know exist)."""
    caller = caller_of(request)
    if not caller.allows(permission, target):
        raise HttpError(403, "You may not do this.")
    return caller
