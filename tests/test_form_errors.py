"""The pages' one helper: a service's refusal on the form, or as messages, never as a repr."""

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from gezondewijk import form_errors
from gezondewijk.checks.fhir import FhirError


class PlanForm(forms.Form):
    title = forms.CharField()
    budget = forms.DecimalField()
    bestand = forms.FileField(required=False)


def _form() -> PlanForm:
    form = PlanForm({"title": "Wandelen", "budget": "10"})
    assert form.is_valid()
    return form


def test_a_field_error_lands_on_its_field() -> None:
    form = _form()
    form_errors.add_to_form(form, ValidationError({"title": "Bestaat al."}))
    assert form.errors == {"title": ["Bestaat al."]}
    assert form.non_field_errors() == []


def test_an_error_without_a_field_lands_on_the_form() -> None:
    form = _form()
    form_errors.add_to_form(form, ValidationError("De aanvraag is al gesloten."))
    assert form.non_field_errors() == ["De aanvraag is al gesloten."]
    assert set(form.errors) == {"__all__"}


def test_a_field_the_form_does_not_show_lands_on_the_form_as_text() -> None:
    form = _form()
    error = ValidationError(
        {"wijk": "Kies een wijk.", "__all__": ["Begin na einde."], "title": ["Te kort."]}
    )
    form_errors.add_to_form(form, error)
    assert form.non_field_errors() == ["Kies een wijk.", "Begin na einde."]
    assert form.errors["title"] == ["Te kort."]
    rendered = str(form.non_field_errors()) + str(form.errors)
    # No dict or list repr reaches the page.
    assert "{" not in rendered
    assert "[" not in rendered


def test_params_are_filled_in() -> None:
    form = _form()
    error = ValidationError("Hoogstens %(n)s.", params={"n": 3}, code="max")
    form_errors.add_to_form(form, ValidationError({"budget": error}))
    assert form.errors["budget"] == ["Hoogstens 3."]
    assert form.errors.as_data()["budget"][0].code == "max"


def test_a_renamed_field_and_an_upload_form() -> None:
    form = _form()
    form_errors.add_to_form(
        form, ValidationError({"budget_lines": "Te duur."}), renamed={"budget_lines": "budget"}
    )
    assert form.errors == {"budget": ["Te duur."]}
    upload = _form()
    form_errors.add_to_form(upload, ValidationError("Geen CSV."), unnamed_to="bestand")
    assert upload.errors == {"bestand": ["Geen CSV."]}


def test_an_input_error_shows_its_messages_on_the_form() -> None:
    form = _form()
    error = FhirError([{"path": "Questionnaire.title", "msg": "Geef een titel."}])
    form_errors.add_to_form(form, error)
    assert form.non_field_errors() == ["Geef een titel."]


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (ValidationError("Al beantwoord."), ["Al beantwoord."]),
        (ValidationError(["Een.", "Twee."]), ["Een.", "Twee."]),
        (
            ValidationError({"lead": "Geen lid.", "status": ["Afgesloten."]}),
            ["Geen lid.", "Afgesloten."],
        ),
    ],
)
def test_a_page_without_a_form_shows_each_message(error: ValidationError, shown: Any) -> None:
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    form_errors.to_messages(request, error)
    assert [str(m) for m in get_messages(request)] == shown
