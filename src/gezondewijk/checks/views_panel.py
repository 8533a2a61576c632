"""The neighbourhood panel pages, and the suppressed figures of checks for staff."""

from __future__ import annotations

import uuid
from typing import Any

import polars as pl
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gezondewijk import form_errors
from gezondewijk.checks import access, defaults, engine, selectors, services, themes
from gezondewijk.checks.fhir import FhirError
from gezondewijk.checks.models import PanelInvitation, PanelSurvey, SurveyStatus
from gezondewijk.checks.questionnaire import AnswerError, form_of
from gezondewijk.checks.views import form_context, raw_answers_from
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.permissions.roles import Role
from gezondewijk.places.models import Wijk
from gezondewijk.privacy.suppression import min_cell_size
from gezondewijk.privacy.types import person_of

THEMES = [
    ("beleving", gettext_lazy("Experience of the neighbourhood")),
    ("gezondheid", gettext_lazy("Health")),
    ("veiligheid", gettext_lazy("Safety")),
    ("contact", gettext_lazy("Contact with others")),
]
KINDS = [
    ("", "—"),
    ("scale", gettext_lazy("Scale 0–10")),
    ("yesno", gettext_lazy("Yes / no")),
    ("number", gettext_lazy("Number")),
    ("single", gettext_lazy("One choice")),
    ("multiple", gettext_lazy("Several choices")),
    ("text", gettext_lazy("Free text")),
]
OWN_QUESTIONS = 3
LEVEL_LABELS = {
    "buurt": gettext_lazy("Buurt"),
    "wijk": gettext_lazy("Wijk"),
    "gemeente": gettext_lazy("Gemeente"),
    "region": gettext_lazy("Region"),
}
PERIOD_LABELS = {
    "all": gettext_lazy("All time"),
    "year": gettext_lazy("Per year"),
    "quarter": gettext_lazy("Per quarter"),
}


class SurveyForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    wijk = forms.ModelChoiceField(
        label=gettext_lazy("Wijk"), queryset=Wijk.objects.none(), required=True
    )
    themes = forms.MultipleChoiceField(
        label=gettext_lazy("Question blocks"),
        choices=THEMES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, wijken: QuerySet[Wijk], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = wijken  # type: ignore[attr-defined]
        for n in range(1, OWN_QUESTIONS + 1):
            self.fields[f"q{n}_text"] = forms.CharField(
                label=gettext_lazy("Own question %(n)s") % {"n": n},
                max_length=300,
                required=False,
            )
            self.fields[f"q{n}_kind"] = forms.ChoiceField(
                label=gettext_lazy("Kind of answer"), choices=KINDS, required=False
            )
            self.fields[f"q{n}_choices"] = forms.CharField(
                label=gettext_lazy("Options, separated by commas"),
                max_length=500,
                required=False,
            )

    def questions(self) -> list[dict[str, Any]]:
        found = []
        for n in range(1, OWN_QUESTIONS + 1):
            text = self.cleaned_data.get(f"q{n}_text", "").strip()
            kind = self.cleaned_data.get(f"q{n}_kind", "")
            choices = [c.strip() for c in self.cleaned_data.get(f"q{n}_choices", "").split(",")]
            if text:
                found.append({"text": text, "kind": kind, "choices": [c for c in choices if c]})
        return found

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for n in range(1, OWN_QUESTIONS + 1):
            text = (cleaned.get(f"q{n}_text") or "").strip()
            kind = cleaned.get(f"q{n}_kind")
            has_choices = bool((cleaned.get(f"q{n}_choices") or "").strip(" ,"))
            if text and not kind:
                self.add_error(f"q{n}_kind", _("Choose the kind of answer."))
            if text and kind in {"single", "multiple"} and not has_choices:
                self.add_error(f"q{n}_choices", _("Give the options to choose from."))
        if not cleaned.get("themes") and not any(
            (cleaned.get(f"q{n}_text") or "").strip() for n in range(1, OWN_QUESTIONS + 1)
        ):
            raise forms.ValidationError(_("Choose a question block or write a question."))
        return cleaned


def _managed_survey(request: HttpRequest, survey_id: int) -> PanelSurvey:
    if not access.may_run_panel(request.user):
        raise PermissionDenied
    found = selectors.panel_survey_for(user=request.user, pk=survey_id)
    if found is None:
        raise Http404
    return found


@login_required
def panel_list(request: HttpRequest) -> HttpResponse:
    user = person_of(request)
    is_resident = Role.RESIDENT in policy.roles_of(user)
    manages = access.may_run_panel(user)
    if not is_resident and not manages:
        raise PermissionDenied
    context = {
        "invitations": selectors.invitations_open_for(user=user) if is_resident else [],
        "is_resident": is_resident,
        "manages": manages,
        "surveys": selectors.surveys_for(user=user) if manages else [],
    }
    return render(request, "checks/panel_list.html", context)


@login_required
def panel_create(request: HttpRequest) -> HttpResponse:
    if not access.may_run_panel(request.user):
        raise PermissionDenied
    form = SurveyForm(request.POST or None, wijken=access.survey_wijken(request.user))
    if request.method == "POST" and form.is_valid():
        wijk: Wijk = form.cleaned_data["wijk"]
        resource = defaults.panel_questionnaire(
            slug=uuid.uuid4().hex[:12],
            title=form.cleaned_data["title"],
            themes=form.cleaned_data["themes"],
            questions=form.questions(),
        )
        try:
            survey = services.panel_survey_create(
                created_by=person_of(request),
                region=wijk.gemeente.region,
                wijk=wijk,
                title=form.cleaned_data["title"],
                resource=resource,
            )
        except (ValidationError, FhirError) as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("Survey created. Invite the panel and open it."))
            return redirect("checks:panel_detail", survey_id=survey.pk)
    return render(request, "checks/panel_form.html", {"form": form})


@login_required
def panel_detail(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = _managed_survey(request, survey_id)
    rate = selectors.survey_rate(survey=survey)
    frame = selectors.survey_frame(survey=survey)
    results = engine.area_means(frame, level="buurt")
    overall = engine.area_means(frame, level="wijk" if survey.wijk_id else "region")
    items = {i.link_id: i.text for i in form_of(survey.questionnaire.resource).items}
    buurten = selectors.area_names("buurt")
    context = {
        "survey": survey,
        "rate": [{**row, "name": buurten.get(row["buurt"], "")} for row in rate.to_dicts()],
        "invited": PanelInvitation.objects.filter(survey=survey).count(),
        "answered": survey.responses.count(),
        "results": [
            {
                **row,
                "question": _question_label(items, row["key"]),
                "name": buurten.get(row["buurt"]),
            }
            for row in results.to_dicts()
        ],
        "overall": [
            {**row, "question": _question_label(items, row["key"])} for row in overall.to_dicts()
        ],
        "k": min_cell_size(),
        "free_text": [
            {
                "question": item.text,
                "themes": themes.theme_counts(texts).to_dicts(),
                "terms": themes.frequent_terms(texts).to_dicts(),
            }
            for item in form_of(survey.questionnaire.resource).items
            if item.kind == "text"
            for texts in [selectors.survey_texts(survey=survey, link_id=item.link_id)]
        ],
    }
    return render(request, "checks/panel_detail.html", context)


def _question_label(items: dict[str, str], key: str) -> str:
    link_id, _eq, option = key.partition("=")
    text = items.get(link_id, link_id)
    return f"{text} — {option}" if option else text


@login_required
@require_POST
def panel_action(request: HttpRequest, survey_id: int, action: str) -> HttpResponse:
    survey = _managed_survey(request, survey_id)
    try:
        if action == "open":
            services.panel_survey_open(actor=request.user, survey=survey)
            messages.success(request, _("The survey is open."))
        elif action == "close":
            services.panel_survey_close(actor=request.user, survey=survey)
            messages.success(request, _("The survey is closed."))
        elif action == "invite":
            n = services.panel_invite(actor=request.user, survey=survey)
            messages.success(request, _("%(n)s panel members invited.") % {"n": n})
        elif action == "remind":
            n = services.panel_remind(actor=request.user, survey=survey)
            messages.success(request, _("A reminder goes to %(n)s panel members.") % {"n": n})
        else:
            raise Http404
    except ValidationError as error:
        form_errors.to_messages(request, error)
    return redirect("checks:panel_detail", survey_id=survey.pk)


@login_required
def panel_answer(request: HttpRequest, survey_id: int) -> HttpResponse:
    user = person_of(request)
    invitation = (
        PanelInvitation.objects.filter(survey_id=survey_id, user=user)
        .select_related("survey__questionnaire")
        .first()
    )
    if invitation is None or invitation.survey.status != SurveyStatus.OPEN:
        raise Http404
    survey = invitation.survey
    form = form_of(survey.questionnaire.resource)
    raw: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        raw = raw_answers_from(form, request.POST)
        try:
            services.response_submit(
                user=user, questionnaire=survey.questionnaire, raw_answers=raw, survey=survey
            )
        except AnswerError as error:
            errors = error.errors
        except ValidationError as error:
            form_errors.to_messages(request, error)
            return redirect("checks:panel_list")
        else:
            messages.success(request, _("Thank you for answering."))
            return redirect("checks:panel_list")
    context = {"survey": survey, **form_context(form, raw, errors)}
    return render(request, "checks/panel_answer.html", context, status=422 if errors else 200)


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    if not policy.allows(request.user, Permission.VIEW_CHECK_FIGURES):
        raise PermissionDenied
    level = request.GET.get("level", "wijk")
    period = request.GET.get("period", "year")
    if level not in engine.LEVELS:
        level = "wijk"
    if period not in engine.PERIODS:
        period = "year"
    frame = selectors.health_check_frame()
    means = engine.area_means(frame, level=level, period=period)
    rows: list[dict[str, Any]] = []
    if len(means):
        index = [level, "period"]
        counts = means.group_by(index).agg(pl.col("n").max())
        wide = means.pivot(on="key", index=index, values="mean").join(counts, on=index)
        names = selectors.area_names(level)
        rows = [
            {
                "cells": [
                    f"{names.get(r[level], '')} ({r[level]})",
                    r["period"],
                    r["n"],
                    *(r.get(c) for c in defaults.DIMENSIONS),
                ]
            }
            for r in wide.sort(index).to_dicts()
        ]
    context = {
        "level": level,
        "period": period,
        "levels": LEVEL_LABELS.items(),
        "periods": PERIOD_LABELS.items(),
        "level_label": LEVEL_LABELS[level],
        "dimensions": defaults.DIMENSIONS,
        "rows": rows,
    }
    return render(request, "checks/figures.html", context)
