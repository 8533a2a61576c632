"""Schemathesis fuzzes every operation of the OpenAPI document with several callers.

The generated requests of an operation go out in turn from each caller: an organisation's key
with every scope, one with none, a logged-in coordinator and a logged-in resident (session
cookie and CSRF token, as a browser sends them). Whatever the input, the API answers without a
server error, with a status code the document declares and a body that matches the schema
declared for it. Writes made by fuzzed requests live in the test's transaction and are rolled
back with it. The run ends with its counts as `fuzz_<name>: <value>` lines.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import cycle

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gezondewijk.people import services as people_services
from gezondewijk.people.models import ApiScope, User
from tests import factories
from tests.conftest import World

# Small enough that the whole module runs in a few minutes on a 2-core machine; the coverage
# phase adds its boundary cases (empty, too long, wrong type) on top of these.
MAX_EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Any 32 letters and digits form a valid CSRF secret; the browser sends it as cookie and header.
CSRF_TOKEN = "f" * 32

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
schema.config.generation.update(max_examples=MAX_EXAMPLES)


@dataclass(frozen=True)
class Caller:
    name: str
    headers: dict[str, str]
    cookies: dict[str, str]


def _key(world: World, scopes: list[ApiScope]) -> dict[str, str]:
    organisation = factories.OrganisationFactory(gemeente=world.gemeente)
    _, raw = people_services.api_key_create(organisation=organisation, name="fuzz", scopes=scopes)
    return {"X-API-Key": raw}


def _session(user: User) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_TOKEN}


@pytest.fixture
def callers(world: World, wsgi_in_test_transaction: None) -> Iterator[Caller]:
    """The callers in turn: one per generated request keeps the run within a few minutes."""
    factories.StrategicLocationFactory(buurt=world.buurt)
    return cycle(
        [
            Caller("key with every scope", _key(world, list(ApiScope)), {}),
            Caller("key without scopes", _key(world, []), {}),
            Caller("coordinator", {"X-CSRFToken": CSRF_TOKEN}, _session(world.coordinator)),
            Caller("resident", {"X-CSRFToken": CSRF_TOKEN}, _session(world.resident)),
        ]
    )


# What the run did, printed at its end as `name: value` lines.
SENT: Counter[str] = Counter()
OPERATIONS: set[str] = set()


@pytest.fixture(scope="module", autouse=True)
def _report(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if not SENT:
        return
    lines = [f"fuzz_operations: {len(OPERATIONS)}"]
    lines += [f"fuzz_{name}: {value}" for name, value in sorted(SENT.items())]
    # Past the output capture of the last test's teardown, so the lines show in every run.
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n" + "\n".join(lines))


@pytest.mark.slow
@schema.parametrize()
# No shrinking: a failure is reported as found (with its curl line), which keeps a failing run
# as short as a passing one.
@settings(
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
def test_api_holds_to_its_schema_for_every_caller(
    case: schemathesis.Case, callers: Iterator[Caller]
) -> None:
    caller = next(callers)
    response = case.call(headers=caller.headers, cookies=caller.cookies)
    SENT["requests"] += 1
    SENT[f"requests_{caller.name.replace(' ', '_')}"] += 1
    SENT[f"status_{response.status_code // 100}xx"] += 1
    OPERATIONS.add(case.operation.label)
    case.validate_response(response, checks=CHECKS, headers=caller.headers)
