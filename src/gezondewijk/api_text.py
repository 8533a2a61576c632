"""Text with a NUL character is refused at the API's door.

PostgreSQL cannot store or even compare text holding NUL (0x00); a query with one fails with
a database error instead of a clear answer (the fuzz test found it). So a NUL in a query
string or a path of the API is invalid input (422, naming where), and a JSON body holding one
is a body the API cannot read (400, as for malformed JSON).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.datastructures import MultiValueDict
from ninja.errors import ValidationError
from ninja.parser import Parser

NUL = "\x00"
MESSAGE = "Text may not contain NUL (0x00) characters."


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _refusal(where: str) -> list[dict[str, Any]]:
    return [{"loc": [where], "msg": MESSAGE, "type": "value_error"}]


class TextParser(Parser):
    """The default JSON parser, refusing NUL characters in bodies and query strings."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = super().parse_body(request)
        if _has_nul(data):
            raise ValidationError(_refusal("body"))
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> Any:
        if any(_has_nul(k) or _has_nul(data.getlist(k)) for k in data):
            raise ValidationError(_refusal("query"))
        return super().parse_querydict(data, list_fields, request)


class RefuseNulInApiPaths:
    """Middleware: an API path with NUL never reaches a view (path parameters are not
    parsed by the parser)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and NUL in request.path:
            return JsonResponse({"detail": _refusal("path")}, status=422)
        return self.get_response(request)
