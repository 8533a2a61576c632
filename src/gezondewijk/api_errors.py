"""The error answers every API operation may give, written into the OpenAPI document.

The exception handlers in `api.py` answer refused, missing and invalid requests in two
shapes: `{"detail": "…"}` and, for invalid input, `{"detail": [{"loc", "msg", "type"}]}`.
Endpoints declare only their success answers; this module adds the errors to each operation
so a client (and the schemathesis fuzz test) knows every status the API can send.
"""

from typing import Any

from ninja import NinjaAPI, Schema
from ninja.openapi.schema import OpenAPISchema


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
