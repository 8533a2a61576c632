"""The vocabulary of the permission matrix: callers, expectations, and entries per app.

Each app's tests keep an `access_entries.py` with two dicts, `PAGES` and `ENDPOINTS`, written
with the names below; `tests/test_permission_matrix.py` gathers them all and fails when a page
or endpoint exists that no app's entries cover.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gezondewijk.people.models import Role
from tests.conftest import World

ANONYMOUS = "anonymous"
KEY_ALL_SCOPES = "api-key:all-scopes"
KEY_NO_SCOPES = "api-key:no-scopes"
ROLES = [r.value for r in Role]
PEOPLE = [ANONYMOUS, *ROLES]
CALLERS = [*PEOPLE, KEY_ALL_SCOPES, KEY_NO_SCOPES]

LOGGED_IN = 200
REDIRECT_TO_LOGIN = 302
MANAGERS = [Role.COORDINATOR.value, Role.REGION_ADMIN.value]


@dataclass(frozen=True)
class Expect:
    """Expected status per caller; `default` for callers not named."""

    default: int
    by_caller: tuple[tuple[str, int], ...] = ()

    def status_for(self, caller: str) -> int:
        return dict(self.by_caller).get(caller, self.default)


def only(allowed: list[str], ok: int, denied: int, anon: int) -> Expect:
    """`ok` for the roles in `allowed`, `anon` for a visitor, `denied` for everyone else."""
    return Expect(denied, ((ANONYMOUS, anon), *((r, ok) for r in allowed)))


# Pages for logged-in people: a visitor is sent to the log-in page.
LOGGED_IN_PAGE = Expect(LOGGED_IN, ((ANONYMOUS, REDIRECT_TO_LOGIN),))
# API reads: a visitor must authenticate, a key without the scope is refused.
API_READ = Expect(200, ((ANONYMOUS, 401), (KEY_NO_SCOPES, 403)))

UrlFor = Callable[[World], str]
BodyFor = Callable[[World], dict[str, Any]]


def no_body(world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Page:
    """A named page: how to call it for the world fixture and what each caller gets."""

    expect: Expect
    method: str = "GET"
    url: UrlFor | None = None  # None: reverse(name) without arguments
    body: BodyFor = no_body


@dataclass(frozen=True)
class Endpoint:
    """An API operation by method and OpenAPI path; `url` fills in the path's parameters."""

    expect: Expect
    url: UrlFor | None = None  # None: the path as it stands
    body: BodyFor = field(default=no_body)
