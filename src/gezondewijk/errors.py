"""Errors about input that say where in the input each problem lies.

Services refuse a write with Django's `ValidationError` (naming fields where they apply) or
`PermissionDenied`. Input that is a document rather than a form's fields (a FHIR resource,
the answers to a questionnaire, an exchange file, a query parameter) is refused with an
`InputError` whose problems carry their path in the request. The API's one boundary
(`gezondewijk.api_errors`) and the pages' one helper (`gezondewijk.form_errors`) read both;
no endpoint or view builds a path itself.

This module sits below every app: it imports only Django.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

Loc = tuple[str | int, ...]

# Where the fields of a request's body sit: every write operation of the API names its body
# parameter `payload`, so a field `name` is reported at ("body", "payload", "name"), the path
# Django Ninja gives its own validation errors.
BODY: Loc = ("body", "payload")
# The body as a whole, for an error about no field in particular.
WHOLE_BODY: Loc = ("body",)


@dataclass(frozen=True)
class Problem:
    """One problem: where it lies, what is wrong, and its kind (e.g. "invalid", "unknown")."""

    loc: Loc
    msg: str
    type: str = "invalid"


class InputError(ValueError):
    """Input that does not fit; each of its `located` problems names its path in the request.

    A subclass may keep its problems in its own words as well (a FHIR path, a line of a file).
    """

    def __init__(self, located: Sequence[Problem], text: str | None = None) -> None:
        super().__init__(text if text is not None else "; ".join(p.msg for p in located))
        self.located = list(located)


def query_error(parameter: str, msg: str, kind: str = "invalid") -> InputError:
    """A query parameter whose value the endpoint cannot use."""
    return InputError([Problem(("query", parameter), msg, kind)])


def by_field(error: ValidationError) -> Iterator[tuple[str | None, ValidationError]]:
    """Each single error of a Django ValidationError with its field, None for none.

    Handles every form a service may raise: a dict of fields, a list, a plain message, with
    or without params (errors under NON_FIELD_ERRORS count as field-less).
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for single in errors:
                yield (None if field == NON_FIELD_ERRORS else field), single
    else:
        for single in error.error_list:
            yield None, single


def text_of(single: ValidationError) -> str:
    """The message of one error as the user reads it: params filled in, never a repr."""
    return " ".join(single.messages)


def problems_of(error: ValidationError) -> list[Problem]:
    """A Django ValidationError as problems in the request: a field's at BODY + field, a
    field-less one at the whole body; its code (if any) is the kind."""
    return [
        Problem(
            (*BODY, field) if field is not None else WHOLE_BODY,
            text_of(single),
            single.code or "invalid",
        )
        for field, single in by_field(error)
    ]


def unknown(field: str, msg: str) -> ValidationError:
    """The error for a field that names something that does not exist (for this caller)."""
    return ValidationError({field: ValidationError(msg, code="unknown")})
