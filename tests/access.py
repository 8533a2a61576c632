"""The vocabulary of the permission matrix: callers, expectations, and entries per app.

Each app's tests keep an `access_entries.py` with two dicts, `PAGES` and `ENDPOINTS`, written
with the names below; `tests/test_permission_matrix.py` gathers them all and fails when a page
or endpoint exists that no app's entries cover.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from gezondewijk.people.models import Organisation
from gezondewijk.permissions.roles import Role
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


# -- object level -------------------------------------------------------------------------
# The callers above hold their roles over the whole region, so they say who may use a page or
# endpoint at all. These callers say who may use it on THIS object: each pair holds the same
# role or scopes, the insider where the object lies (its wijk, its person, its organisation),
# the outsider somewhere else.
COORDINATOR_HERE = "coordinator:WK900101"  # the world's coordinator, of world.wijk
COORDINATOR_ELSEWHERE = "coordinator:WK900102"  # a coordinator of world.other_wijk
RESIDENT_SELF = "resident:self"  # the world's resident, whose data it is
RESIDENT_OTHER = "resident:other"  # another resident, living in world.other_buurt
KEY_OWN = "api-key:own-organisation"  # every scope; own_organisation(world), in world.gemeente
KEY_OTHER_ORGANISATION = "api-key:other-organisation"  # every scope; another one, same gemeente
KEY_OTHER_GEMEENTE = "api-key:other-gemeente"  # every scope; an organisation of another gemeente
REGION_ADMIN_HERE = "regiobeheerder:regio-test"  # a region administrator of world.region
REGION_ADMIN_ELSEWHERE = "regiobeheerder:elders"  # a region administrator of another region
OBJECT_CALLERS = [
    COORDINATOR_HERE,
    COORDINATOR_ELSEWHERE,
    REGION_ADMIN_HERE,
    REGION_ADMIN_ELSEWHERE,
    RESIDENT_SELF,
    RESIDENT_OTHER,
    KEY_OWN,
    KEY_OTHER_ORGANISATION,
    KEY_OTHER_GEMEENTE,
]


def own_organisation(world: World) -> Organisation:
    """The organisation whose system calls as KEY_OWN: the owner of keyed objects."""
    organisation, _ = Organisation.objects.get_or_create(
        name="Eigen organisatie", gemeente=world.gemeente
    )
    return organisation


@dataclass(frozen=True)
class ObjectCheck:
    """One object of the world, made by `url`: `insider` gets `ok`, `outsider` gets `refused`.

    The outsider goes first, so a refused write that slipped through would show as a failed
    insider call too. URLs under /api/ get a JSON body, pages form data.
    """

    insider: str
    outsider: str
    ok: int
    refused: int
    url: UrlFor
    method: str = "GET"
    body: BodyFor = no_body


def wijk_page(name: str) -> UrlFor:
    """A page of the world's wijk (WK900101), by URL name."""
    return lambda world: reverse(name, args=[world.wijk.code])
