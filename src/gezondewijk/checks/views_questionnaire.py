"""The region administrator's page: the questionnaires in use, FHIR export and import."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezondewijk.checks import services
from gezondewijk.checks.fhir import FhirError
from gezondewijk.checks.models import Questionnaire, QuestionnaireKind
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.web import uploads

MAX_UPLOAD = 2 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("FHIR Questionnaire (JSON, R4 or STU3)"))
    kind = forms.ChoiceField(label=gettext_lazy("Used as"), choices=QuestionnaireKind.choices)

    def clean_file(self) -> dict[str, object]:
        upload = self.cleaned_data["file"]
        uploads.check_upload(upload, accepted={"json"}, max_bytes=MAX_UPLOAD)
        try:
            document = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise forms.ValidationError(_("This is not a JSON file.")) from error
        if not isinstance(document, dict):
            raise forms.ValidationError(_("This is not a JSON file."))
        return document


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    if not policy.allows(request.user, Permission.MANAGE_QUESTIONNAIRES):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            stored = services.questionnaire_import(
                actor=request.user,
                resource=form.cleaned_data["file"],
                kind=QuestionnaireKind(form.cleaned_data["kind"]),
            )
        except FhirError as error:
            problems = error.errors
        else:
            messages.success(
                request, _("Questionnaire %(name)s imported.") % {"name": stored.canonical}
            )
            return redirect("checks:questionnaire_list")
    context = {
        "questionnaires": Questionnaire.objects.order_by("url", "-created_at"),
        "form": form,
        "problems": problems,
    }
    return render(
        request, "checks/questionnaire_list.html", context, status=422 if problems else 200
    )
