"""The OpenAPI document tells a client every answer the API can give, each under its own name.

Both were found by the schemathesis fuzz test (tests/test_api_fuzz.py): refusals and invalid
input answered with statuses the document did not list, and two apps' schemas of the same
class name (`StepOut` of the cycle and of the project bank) merged into one, so the document
described the cycle's steps with the project bank's fields.
"""

import json
from collections import defaultdict
from typing import Any

import pydantic
from django.core.wsgi import get_wsgi_application
from django.test import Client
from werkzeug.test import Client as WerkzeugClient

from gezondewijk.api import api
from gezondewijk.permissions.roles import Role
from tests import factories
from tests.conftest import World

CSRF_TOKEN = "f" * 32


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    paths = api.get_openapi_schema()["paths"]
    return [(method, path, op) for path, ops in paths.items() for method, op in ops.items()]


def _resolve(ref: str) -> dict[str, Any]:
    return api.get_openapi_schema()["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def test_every_operation_documents_refusals_and_invalid_input() -> None:
    for method, path, operation in _operations():
        statuses = {int(status) for status in operation["responses"]}
        assert {403, 404, 422} <= statuses, (method, path)
        assert 401 in statuses or not operation.get("security"), (method, path)
        assert 400 in statuses or "requestBody" not in operation, (method, path)


def test_error_answers_have_the_shape_the_handlers_send() -> None:
    responses = api.get_openapi_schema()["paths"]["/api/v1/gemeenten"]["get"]["responses"]
    error = _resolve(responses[403]["content"]["application/json"]["schema"]["$ref"])
    invalid = _resolve(responses[422]["content"]["application/json"]["schema"]["$ref"])
    assert error["properties"]["detail"]["type"] == "string"
    assert invalid["properties"]["detail"]["type"] == "array"


def _api_models() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    pending = list(pydantic.BaseModel.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if model.__module__.startswith("gezondewijk."):
            found[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    return found


def test_no_two_schemas_share_a_name_in_the_document() -> None:
    # The document names each schema by its class name; a second class of that name replaces
    # the first, and one of the two operations is then documented wrongly.
    shared = {name: where for name, where in _api_models().items() if len(where) > 1}
    assert shared == {}


def test_cycle_steps_are_documented_with_their_own_fields() -> None:
    operation = api.get_openapi_schema()["paths"]["/api/v1/cycle/steps"]["get"]
    items = operation["responses"][200]["content"]["application/json"]["schema"]["items"]
    assert {"key", "name", "order"} <= set(_resolve(items["$ref"])["properties"])


def test_a_form_sent_where_a_document_is_expected_is_a_bad_request(
    world: World, wsgi_in_test_transaction: None
) -> None:
    # Through a real WSGI request as a browser sends it (session, CSRF cookie and header): the
    # CSRF check reads the multipart form, after which the import could not read its body.
    session = Client()
    session.force_login(factories.user_with_role(Role.COORDINATOR, world.region))
    browser = WerkzeugClient(get_wsgi_application())
    browser.set_cookie("sessionid", session.cookies["sessionid"].value)
    browser.set_cookie("csrftoken", CSRF_TOKEN)
    response = browser.post(
        "/api/v1/projectbank/import",
        headers={"Content-Type": "multipart/form-data", "X-CSRFToken": CSRF_TOKEN},
    )
    assert response.status_code == 400
    assert json.loads(response.get_data()) == {"detail": "Cannot parse request body"}


def test_every_list_bounds_its_limit_and_offset() -> None:
    # A limit or offset beyond a database integer was a server error (found by fuzzing, on
    # PostgreSQL for the organisations): every paginated list uses the bounded paginator.
    paged = 0
    for method, path, operation in _operations():
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] in {"limit", "offset"}:
                paged += 1
                assert "maximum" in parameter["schema"], (method, path, parameter["name"])
    assert paged >= 2 * 7
