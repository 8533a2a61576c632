"""The resident's health check pages: fill in, see the spider web, decide on consent."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gezondewijk import form_errors
from gezondewijk.checks import exchange, selectors, services
from gezondewijk.checks.defaults import DIMENSIONS
from gezondewijk.checks.fhir import FHIR_JSON
from gezondewijk.checks.models import PgoLink
from gezondewijk.checks.questionnaire import AnswerError, Form, Item, form_of
from gezondewijk.people.models import ResidentProfile, User
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.privacy import selectors as privacy_selectors
from gezondewijk.privacy import services as privacy_services
from gezondewijk.privacy.models import Purpose
from gezondewijk.privacy.types import person_of

# What a resident decides about their answers, and what each choice means for them.
CHECK_PURPOSES: list[tuple[Purpose, Any]] = [
    (
        Purpose.NEIGHBOURHOOD_AGGREGATES,
        gettext_lazy(
            "My health check counts, without my name, in the figures of my neighbourhood "
            "(only in groups of at least 10 residents)."
        ),
    ),
    (
        Purpose.PANEL,
        gettext_lazy("I join the neighbourhood panel and may be invited to surveys."),
    ),
    (
        Purpose.RESEARCH,
        gettext_lazy("My answers may be used, without my name, in research by the region."),
    ),
]


def resident_of(request: HttpRequest) -> User:
    user = person_of(request)
    if not policy.allows(user, Permission.KEEP_HEALTH_CHECK):
        raise PermissionDenied
    return user


def raw_answers_from(form: Form, data: Any) -> dict[str, list[str]]:
    """The posted answers per linkId, for the items the form asks."""
    return {i.link_id: data.getlist(i.link_id) for i in form.items if data.getlist(i.link_id)}


def form_context(form: Form, raw: dict[str, list[str]], errors: dict[str, str]) -> dict[str, Any]:
    def view(item: Item) -> dict[str, Any]:
        return {
            "item": item,
            "given": [str(v) for v in raw.get(item.link_id, [])],
            "error": errors.get(item.link_id, ""),
            "scale": range(11),
            "conditions": json.dumps(
                {
                    "any": item.enable_any,
                    "when": [
                        {"q": c.question, "op": c.operator, "a": c.answer} for c in item.enable_when
                    ],
                }
            ),
            "depends_on": [form.item(c.question) for c in item.enable_when],
        }

    return {"form": form, "items": [view(i) for i in form.items], "errors": errors}


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = resident_of(request)
    history = selectors.score_history(user=user)
    labels = list(DIMENSIONS.values())
    recent = history[-3:]
    datasets: list[dict[str, Any]] = [
        {"label": f"{h['authored']:%d-%m-%Y}", "data": h["scores"]} for h in recent
    ]
    chart = {"labels": labels, "datasets": datasets}
    profile = ResidentProfile.objects.filter(user=user).select_related("buurt").first()
    neighbourhood = selectors.buurt_scores(buurt=profile.buurt) if profile and history else None
    if neighbourhood is not None:
        datasets.insert(
            0,
            {
                "label": _("Average of my buurt (%(n)s residents)") % {"n": neighbourhood[1]},
                "data": neighbourhood[0],
                "buurt": True,
            },
        )
    active = {c.purpose for c in privacy_selectors.consents_of(user=user) if c.is_active}
    context = {
        "neighbourhood": neighbourhood,
        "history": list(reversed(history)),
        "labels": labels,
        "latest": history[-1] if history else None,
        "chart": chart,
        "purposes": [(p.value, text, p.value in active) for p, text in CHECK_PURPOSES],
        "links": PgoLink.objects.filter(user=user, revoked_at__isnull=True),
    }
    return render(request, "checks/overview.html", context)


@login_required
def fill_in(request: HttpRequest) -> HttpResponse:
    resident_of(request)
    questionnaire = services.health_check_ensure()
    form = form_of(questionnaire.resource)
    raw: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        raw = raw_answers_from(form, request.POST)
        try:
            services.response_submit(
                user=person_of(request), questionnaire=questionnaire, raw_answers=raw
            )
        except AnswerError as error:
            errors = error.errors
        except ValidationError as error:
            form_errors.to_messages(request, error)
        else:
            messages.success(request, _("Thank you. Your health check has been saved."))
            return redirect("checks:overview")
    context = {"questionnaire": questionnaire, **form_context(form, raw, errors)}
    return render(request, "checks/fill_in.html", context, status=422 if errors else 200)


@login_required
@require_POST
def consent(request: HttpRequest) -> HttpResponse:
    user = resident_of(request)
    purpose = request.POST.get("purpose", "")
    if purpose not in {p.value for p, _text in CHECK_PURPOSES}:
        messages.error(request, _("Unknown purpose."))
    elif request.POST.get("granted") == "1":
        privacy_services.consent_grant(user=user, purpose=Purpose(purpose))
        messages.success(request, _("Consent given."))
    else:
        privacy_services.consent_withdraw(user=user, purpose=Purpose(purpose))
        messages.success(request, _("Consent withdrawn. Your answers no longer count."))
    return redirect("checks:overview")


@login_required
@require_POST
def link_create(request: HttpRequest) -> HttpResponse:
    services.pgo_link_create(user=resident_of(request))
    messages.success(request, _("Link code made. Enter it in your personal health environment."))
    return redirect("checks:overview")


@login_required
@require_POST
def link_revoke(request: HttpRequest, link_id: int) -> HttpResponse:
    if services.pgo_link_revoke(user=resident_of(request), link_id=link_id):
        messages.success(request, _("Link revoked: nothing more comes in through it."))
    return redirect("checks:overview")


@login_required
@require_POST
def response_delete(request: HttpRequest, response_id: int) -> HttpResponse:
    user = resident_of(request)
    found = selectors.own_response(user=user, response_id=response_id)
    if found is None:
        raise Http404
    services.response_delete(user=user, response=found)
    messages.success(request, _("The check has been deleted."))
    return redirect("checks:overview")


@login_required
def export_fhir(request: HttpRequest) -> HttpResponse:
    user = resident_of(request)
    bundle = exchange.bundle_for(user=user)
    response = HttpResponse(json.dumps(bundle, indent=2, ensure_ascii=False), FHIR_JSON)
    response["Content-Disposition"] = 'attachment; filename="mijn-checks.fhir.json"'
    return response
