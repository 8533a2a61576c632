"""The pages' one way to show a service's refusal: on the form, or as messages.

A service raises Django's ValidationError, naming fields where they apply, or an InputError
whose problems carry a path. On a page with a form each field's errors land on that field of
the form and the rest (field-less errors, fields the form does not show) on the form itself;
a page without a form shows them as messages. Always the message text, never a repr.

This module sits below every app: it imports only Django and `gezondewijk.errors`.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest

from gezondewijk.errors import InputError, by_field, text_of


def texts(error: ValidationError | InputError) -> list[str]:
    """Every message of the error as the user reads it."""
    if isinstance(error, InputError):
        return [p.msg for p in error.located]
    return [text_of(single) for _, single in by_field(error)]


def add_to_form(
    form: BaseForm,
    error: ValidationError | InputError,
    *,
    renamed: Mapping[str, str] | None = None,
    unnamed_to: str | None = None,
) -> None:
    """Put the error on the form: a field's errors on that field, the rest on the form.

    `renamed` maps a service's field name to the form's where they differ (the service's
    `budget_lines` is the form's `budget`); `unnamed_to` names the form's field for errors
    without a field, where one field is what the whole form is about (an upload's file).
    """
    names = renamed or {}
    if isinstance(error, InputError):
        for text in texts(error):
            form.add_error(unnamed_to, text)
        return
    for field, single in by_field(error):
        target = names.get(field, field) if field is not None else unnamed_to
        form.add_error(target if target in form.fields else None, single)


def to_messages(request: HttpRequest, error: ValidationError | InputError) -> None:
    """Show the error on the next page as messages, one for each problem."""
    for text in texts(error):
        messages.error(request, text)
