"""The API's one error boundary: every error a service may raise gets one answer, in one shape.

First the boundary itself, with every form of error; then every write operation of the API,
found from the API's routers, with the service it calls refusing with a field-less
ValidationError: the answer is 422 in the documented shape, never a 500.
"""

import inspect
import json
import re
from collections.abc import Callable
from types import FunctionType, ModuleType
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client, RequestFactory

from gezondewijk.api import api
from gezondewijk.api_errors import ErrorOut, ValidationErrorOut
from gezondewijk.checks.fhir import FhirError
from gezondewijk.checks.questionnaire import AnswerError
from gezondewijk.couplings.socialmap_format import FormatError
from gezondewijk.couplings.socialmap_format import Problem as SocialMapProblem
from gezondewijk.errors import query_error, unknown
from gezondewijk.network.models import TargetType, Tie
from gezondewijk.people.models import Organisation
from gezondewijk.projectbank.exchange import ExchangeError
from gezondewijk.referrals import selectors as referral_selectors
from tests.conftest import World
from tests.factories import ResidentProfileFactory
from tests.finance.factories import apply, fund_for
from tests.referrals.factories import coach as referrals_coach
from tests.referrals.factories import gp, referral
from tests.test_permission_matrix import (  # noqa: F401
    CALLERS,
    ENDPOINTS,
    OBJECTS,
    _object_client,
    client_for,
)

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _answer(error: Exception) -> tuple[int, Any]:
    response = api.on_exception(RequestFactory().post("/api/v1/x"), error)
    return response.status_code, json.loads(response.content)


def _invalid(error: Exception) -> list[dict[str, Any]]:
    status, body = _answer(error)
    assert status == 422, body
    ValidationErrorOut.model_validate(body)  # the documented shape, nothing more or less
    assert all(set(e) == {"loc", "msg", "type"} for e in body["detail"])
    detail: list[dict[str, Any]] = body["detail"]
    return detail


# -- the boundary -------------------------------------------------------------------------


def test_field_errors_name_their_field_in_the_body() -> None:
    detail = _invalid(ValidationError({"name": ["Te lang.", "Al in gebruik."], "kind": "Kies."}))
    assert detail == [
        {"loc": ["body", "payload", "name"], "msg": "Te lang.", "type": "invalid"},
        {"loc": ["body", "payload", "name"], "msg": "Al in gebruik.", "type": "invalid"},
        {"loc": ["body", "payload", "kind"], "msg": "Kies.", "type": "invalid"},
    ]


def test_an_error_without_a_field_points_at_the_body() -> None:
    assert _invalid(ValidationError("De enquête is al gesloten.")) == [
        {"loc": ["body"], "msg": "De enquête is al gesloten.", "type": "invalid"}
    ]


def test_a_list_of_errors_gives_one_entry_each() -> None:
    detail = _invalid(ValidationError(["Eerste.", ValidationError("Tweede.", code="late")]))
    assert [(e["loc"], e["msg"], e["type"]) for e in detail] == [
        (["body"], "Eerste.", "invalid"),
        (["body"], "Tweede.", "late"),
    ]


def test_params_are_filled_in_and_the_code_is_the_type() -> None:
    error = ValidationError("Hoogstens %(n)s deelnemers.", code="max_value", params={"n": 12})
    assert _invalid(ValidationError({"participants": error})) == [
        {
            "loc": ["body", "payload", "participants"],
            "msg": "Hoogstens 12 deelnemers.",
            "type": "max_value",
        }
    ]
    assert _invalid(error)[0]["msg"] == "Hoogstens 12 deelnemers."


def test_errors_for_the_whole_object_count_as_field_less() -> None:
    detail = _invalid(ValidationError({"__all__": ["Begin na einde."], "end": ["Te vroeg."]}))
    assert [e["loc"] for e in detail] == [["body"], ["body", "payload", "end"]]


def test_an_unknown_reference_is_a_field_error_of_its_own_kind() -> None:
    assert _invalid(unknown("buurt", "Unknown buurt.")) == [
        {"loc": ["body", "payload", "buurt"], "msg": "Unknown buurt.", "type": "unknown"}
    ]


def test_a_fhir_error_names_its_fhir_path() -> None:
    error = FhirError([{"path": "Questionnaire.item[0].type", "msg": "Onbekend type."}])
    assert _invalid(error) == [
        {
            "loc": ["body", "Questionnaire", "item[0]", "type"],
            "msg": "Onbekend type.",
            "type": "fhir",
        }
    ]


def test_answers_that_do_not_fit_name_their_link_id() -> None:
    detail = _invalid(AnswerError({"meedoen.1": "Kies een antwoord."}))
    assert detail[0]["loc"] == ["body", "payload", "answers", "meedoen.1"]
    assert detail[0]["msg"] == "Kies een antwoord."


def test_files_name_record_or_table_line_and_column() -> None:
    assert _invalid(ExchangeError(["interventions: identifier appears twice: x"]))[0]["loc"] == [
        "body",
        "interventions",
    ]
    problem = SocialMapProblem("organisaties", 2, "type", "onbekend type")
    assert _invalid(FormatError([problem]))[0] == {
        "loc": ["body", "organisaties", 2, "type"],
        "msg": str(problem),
        "type": "invalid",
    }


def test_a_query_parameter_is_named_in_the_query() -> None:
    assert _invalid(query_error("level", "Kies wijk of buurt."))[0]["loc"] == ["query", "level"]


@pytest.mark.parametrize(
    ("error", "status", "detail"),
    [
        (PermissionDenied(), 403, "You may not do this."),
        (
            PermissionDenied("Only the coach moves the referral on."),
            403,
            "Only the coach moves the referral on.",
        ),
        (
            Organisation.DoesNotExist("Organisation matching query does not exist."),
            404,
            "Not found.",
        ),
        (Http404("No Wijk matches the given query."), 404, "Not found."),
    ],
)
def test_refused_and_missing_answer_with_a_detail_text(
    error: Exception, status: int, detail: str
) -> None:
    answered, body = _answer(error)
    assert (answered, body) == (status, {"detail": detail})
    ErrorOut.model_validate(body)


def test_an_unexpected_error_is_not_swallowed() -> None:
    # Only the domain's errors are translated; a bug stays a bug (a 500 with its trace).
    with pytest.raises(ZeroDivisionError):
        _answer(ZeroDivisionError())


# -- every write operation ----------------------------------------------------------------


def _operations() -> dict[tuple[str, str], Any]:
    """Every operation of the API by method and path, read from its routers."""
    found = {}
    for router_prefix, router in api._routers:
        for route_path, path_view in router.path_operations.items():
            parts = (p.strip("/") for p in (router_prefix, route_path))
            route = "/api/v1/" + "/".join(p for p in parts if p)
            for operation in path_view.operations:
                for method in operation.methods:
                    found[(method.upper(), route.rstrip("/"))] = operation
    return found


OPERATIONS = _operations()
WRITE_OPERATIONS = sorted(key for key in OPERATIONS if key[0] in WRITES)

# Modules an endpoint reads with, never writes with: their functions are not services.
READ_SIDE = ("selectors", "models", "policy", "api_auth", "api_errors", "errors", "access")


def _services_called_by(view: Callable[..., Any]) -> list[tuple[ModuleType, str]]:
    """The functions of the project's write-side modules that an endpoint calls by name, as
    `module.function` (services.tie_create, assignments.assignment_post, fhir.import_task)."""
    function = inspect.unwrap(view)
    code = function.__code__
    names = set(code.co_names)
    found = []
    for name in code.co_names:
        module = function.__globals__.get(name)
        if not isinstance(module, ModuleType) or not module.__name__.startswith("gezondewijk."):
            continue
        if module.__name__.rsplit(".", 1)[-1] in READ_SIDE:
            continue
        for attribute in sorted(names):
            target = getattr(module, attribute, None)
            if isinstance(target, FunctionType) and target.__module__ == module.__name__:
                found.append((module, attribute))
    return found


def _ok(status: int) -> bool:
    return 200 <= status < 300


def _past_the_door(status: int) -> bool:
    # Refused as invalid or conflicting: let in, and past the lookups of the objects.
    return status in (409, 422)


def _call_that_succeeds(
    method: str, path: str, world: World, make_client: Callable[[str], Client]
) -> tuple[Client, str, dict[str, Any]]:
    """A client, URL and body with which the permission matrix calls this operation and
    gets in: a caller let through everywhere (succeeding, or else refused as invalid), or the
    insider of an object check, or a recipe of this module."""
    if (method, path) in RECIPES:
        return RECIPES[(method, path)](world)
    endpoint = ENDPOINTS[(method, path)]
    for let_in in (_ok, _past_the_door):
        caller = next((c for c in CALLERS if let_in(endpoint.expect.status_for(c))), None)
        if caller is not None:
            client = make_client(caller)  # first: the URL may name what this caller sees
            url = endpoint.url(world) if endpoint.url else path
            return client, url, endpoint.body(world)
    template = re.compile("^" + re.sub(r"\\{\w+\\}", "[^/]+", re.escape(path)) + "$")
    for check in OBJECTS.values():
        if check.method == method and _ok(check.ok):
            url = check.url(world)
            if template.match(url):
                return _object_client(check.insider, world), url, check.body(world)
    raise AssertionError(f"{method} {path}: no caller of the permission matrix gets in")


def test_every_write_operation_of_the_api_is_driven_below() -> None:
    documented = {
        (m.upper(), p) for p, ops in api.get_openapi_schema()["paths"].items() for m in ops
    }
    assert {k for k in documented if k[0] in WRITES} == set(WRITE_OPERATIONS)
    assert len(WRITE_OPERATIONS) > 40
    for key in WRITE_OPERATIONS:
        assert key in ENDPOINTS, f"{key}: no entry in the permission matrix to call it with"
        service_free = key in WITHOUT_SERVICE
        assert bool(_services_called_by(OPERATIONS[key].view_func)) != service_free, key


# Operations that change nothing through a service, with the reason.
WITHOUT_SERVICE: dict[tuple[str, str], str] = {
    ("DELETE", "/api/v1/couplings/webhooks/{pk}"): "deletes the key's own subscription row",
}

Call = tuple[Client, str, dict[str, Any]]


# Operations that no caller of the permission matrix gets into (it only checks who is kept
# out): how to call each as the one who may.
def _logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _review(world: World) -> Call:
    fund = fund_for(world.wijk)
    url = f"/api/v1/finance/applications/{apply(fund).pk}/review"
    return _logged_in(fund.reviewer), url, {"decision": "approve", "approved_amount": "900.00"}


def _confirm(world: World) -> Call:
    # A tie another resident recorded to the world's resident, who confirms it.
    other = ResidentProfileFactory(buurt=world.other_buurt).user
    tie = Tie.objects.create(
        owner=other, target_type=TargetType.RESIDENT, resident=world.resident, kind="buren"
    )
    return _logged_in(world.resident), f"/api/v1/network/ties/{tie.pk}/confirm", {}


def _refer(world: World) -> Call:
    code = referral_selectors.code_of(user=world.resident).code
    body = {"code": code, "reason": "bewegen", "resident_consented": True}
    return _logged_in(gp(world)), "/api/v1/referrals", body


def _task(world: World) -> Call:
    coach = referrals_coach(world)
    body = {
        "resourceType": "Task",
        "status": "accepted",
        "intent": "order",
        "basedOn": [{"reference": f"ServiceRequest/verwijzing-{referral(world, to=coach).pk}"}],
    }
    return _logged_in(coach), "/api/v1/referrals/fhir/Task", body


def _advance(world: World) -> Call:
    coach = referrals_coach(world)
    url = f"/api/v1/referrals/{referral(world, to=coach).pk}/status"
    return _logged_in(coach), url, {"status": "intake"}


RECIPES: dict[tuple[str, str], Callable[[World], Call]] = {
    ("POST", "/api/v1/finance/applications/{application_id}/review"): _review,
    ("POST", "/api/v1/network/ties/{tie_id}/confirm"): _confirm,
    ("POST", "/api/v1/referrals"): _refer,
    ("POST", "/api/v1/referrals/fhir/Task"): _task,
    ("POST", "/api/v1/referrals/{referral_id}/status"): _advance,
}


@pytest.mark.parametrize(
    ("method", "path"), [op for op in WRITE_OPERATIONS if op not in WITHOUT_SERVICE]
)
def test_a_service_refusing_without_a_field_gives_422_not_500(
    method: str,
    path: str,
    world: World,
    client_for: Callable[[str], Client],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client, url, body = _call_that_succeeds(method, path, world, client_for)
    refused: list[str] = []

    def refusing(name: str) -> Callable[..., Any]:
        def service(*args: Any, **kwargs: Any) -> Any:
            refused.append(name)
            raise ValidationError("Dat kan nu niet.")

        return service

    for module, name in _services_called_by(OPERATIONS[(method, path)].view_func):
        monkeypatch.setattr(module, name, refusing(f"{module.__name__}.{name}"))
    response = client.generic(method, url, data=json.dumps(body), content_type="application/json")
    assert refused, (method, path, "no service was reached", response.status_code)
    documented = OPERATIONS[(method, path)].response_models
    if response.status_code == 409 and 409 in documented:
        # A refusal of this operation means its object is in the wrong state: the documented
        # conflict, {"detail": "..."}.
        assert response.json() == {"detail": "Dat kan nu niet."}
        return
    assert response.status_code == 422, (method, path, refused, response.content[:300])
    assert response.json() == {
        "detail": [{"loc": ["body"], "msg": "Dat kan nu niet.", "type": "invalid"}]
    }
