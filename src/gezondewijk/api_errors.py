"""The API's one error boundary: the exception handlers, and the error answers they give
written into the OpenAPI document.

Refused, missing and invalid requests are answered in two shapes: `{"detail": "…"}` and, for
invalid input, `{"detail": [{"loc", "msg", "type"}]}`. Endpoints let the domain's errors
propagate (Django's ValidationError with or without fields, an `InputError` naming its paths,
PermissionDenied, DoesNotExist/Http404); `install` registers the one translation of each.
Endpoints declare only their success answers; this module adds the errors to each operation
so a client (and the schemathesis fuzz test) knows every status the API can send.
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, RawPostDataException
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema

from gezondewijk.errors import InputError, Problem, problems_of


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]


_REF = "#/components/schemas/{}"
# Status → (description, schema name); 401 only where an operation asks for authentication,
# 400 only where it reads a body. The descriptions are for developers reading the document,
# like the `detail` texts.
_ERRORS: dict[int, tuple[str, str]] = {
    400: ("The body cannot be parsed (malformed JSON or multipart).", "ErrorOut"),
    401: ("Authentication required: an API key or a session.", "ErrorOut"),
    403: ("The caller may not do this, or the key lacks the scope.", "ErrorOut"),
    404: ("Not found, or not visible to this caller.", "ErrorOut"),
    422: ("Invalid input; each error names its field by path.", "ValidationErrorOut"),
}


def _content(name: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": _REF.format(name)}}}


def document_errors(schema: OpenAPISchema) -> OpenAPISchema:
    """Add the shared error answers to every operation that does not declare them itself."""
    schemas = schema["components"].setdefault("schemas", {})
    for model in (ErrorOut, ValidationErrorOut):
        definition = model.model_json_schema(ref_template=_REF.format("{model}"))
        schemas.update(definition.pop("$defs", {}))
        schemas[model.__name__] = definition
    for operations in schema["paths"].values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, (description, name) in _ERRORS.items():
                if status == 401 and not operation.get("security"):
                    continue
                if status == 400 and "requestBody" not in operation:
                    continue
                if status not in responses and str(status) not in responses:
                    responses[status] = {"description": description, "content": _content(name)}
    return schema


class DocumentedErrorsAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document lists the error answers of every operation."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        return document_errors(
            super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        )


# -- the handlers ---------------------------------------------------------------------------
# The `detail` texts are for developers and stay in English, like Ninja's own.
UNAUTHENTICATED = "Authentication required: an API key or a session."
NOT_FOUND = "Not found."
FORBIDDEN = "You may not do this."
UNPARSEABLE = "Cannot parse request body"


def problems_answer(problems: list[Problem]) -> dict[str, Any]:
    """The 422 body: each problem in the one shape."""
    return {"detail": [{"loc": list(p.loc), "msg": p.msg, "type": p.type} for p in problems]}


def install(api: NinjaAPI) -> None:
    """Register the one translation of every error an endpoint may let through."""

    def answer(request: HttpRequest, body: dict[str, Any], status: int) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, {"detail": UNAUTHENTICATED}, 401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return answer(request, {"detail": str(exc)}, exc.status_code)

    @api.exception_handler(NinjaValidationError)
    def schema_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        # Ninja's own: each error names its field by path, e.g. ["body", "payload", "latitude"].
        problems = [
            Problem(tuple(e.get("loc", ())), e.get("msg", ""), e.get("type", ""))
            for e in exc.errors
        ]
        return answer(request, problems_answer(problems), 422)

    @api.exception_handler(DjangoValidationError)
    def domain_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return answer(request, problems_answer(problems_of(exc)), 422)

    @api.exception_handler(InputError)
    def input_invalid(request: HttpRequest, exc: InputError) -> HttpResponse:
        return answer(request, problems_answer(exc.located), 422)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return answer(request, {"detail": str(exc) or FORBIDDEN}, 403)

    @api.exception_handler(ObjectDoesNotExist)
    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Never the model's name or the lookup: "missing" and "not yours" look the same.
        return answer(request, {"detail": NOT_FOUND}, 404)

    @api.exception_handler(MultiPartParserError)
    @api.exception_handler(RawPostDataException)
    def unparseable(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A multipart body without a boundary or cut off, or a form sent where the operation
        # reads a document (the CSRF check of a session has read the form, so the body is
        # gone): the client's error, not ours.
        return answer(request, {"detail": UNPARSEABLE}, 400)
