"""Pages of the project bank: search and browse, one intervention, its draaiboek, exchange."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gezondewijk import form_errors
from gezondewijk.people.models import Organisation
from gezondewijk.permissions import policy
from gezondewijk.permissions.api_auth import Caller
from gezondewijk.permissions.policy import Permission
from gezondewijk.projectbank import access, forms, selectors, services
from gezondewijk.projectbank import exchange as bank_exchange
from gezondewijk.projectbank.access import Action
from gezondewijk.projectbank.models import Intervention, Playbook, PlaybookStep
from gezondewijk.projectbank.package import playbook_package
from gezondewijk.projectbank.pdf import playbook_pdf as render_pdf


def _require(request: HttpRequest, permission: Permission) -> Caller:
    if not policy.allows(request.user, permission):
        raise PermissionDenied
    return Caller(user=request.user)


def _intervention(request: HttpRequest, uid: Any, action: Action = Action.VIEW) -> Intervention:
    found = selectors.intervention_for(actor=request.user, uid=uid, action=action)
    if found is None:
        raise Http404
    return found


def _endorse_choices(request: HttpRequest) -> list[tuple[int, str]]:
    if not access.may_endorse(request.user):
        return []
    candidates = Organisation.objects.filter(type__in=services.ENDORSING_TYPES).order_by("name")
    return [(o.pk, o.name) for o in candidates if access.may_endorse_for(request.user, o)]


@login_required
def intervention_list(request: HttpRequest) -> HttpResponse:
    _require(request, Permission.VIEW_PROJECTBANK)
    form = forms.SearchForm(request.GET or None)
    filters = selectors.Filters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.Filters(
            query=data["q"],
            themes=tuple(data["theme"]),
            settings=tuple(data["setting"]),
            recognition=tuple(data["recognition"]),
        )
    found = selectors.interventions_found(filters=filters)
    page = Paginator(found.results, 20).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "facets": found.facets,
        "querystring": query_without_page.urlencode(),
        "may_edit": policy.allows(request.user, Permission.EDIT_INTERVENTIONS),
        "may_exchange": policy.allows(request.user, Permission.EXPORT_PROJECTBANK),
    }
    return render(request, "projectbank/intervention_list.html", context)


@login_required
def intervention_detail(request: HttpRequest, uid: Any) -> HttpResponse:
    intervention = _intervention(request, uid)
    endorse_choices = _endorse_choices(request)
    context = {
        "intervention": intervention,
        "playbook": selectors.playbook_for(intervention=intervention),
        "summary": selectors.experience_summary(intervention=intervention),
        "similar": selectors.similar_interventions(intervention=intervention),
        "may_edit": access.may_edit(request.user),
        "may_report": access.may_report(request.user),
        "endorse_form": forms.EndorseForm(organisations=endorse_choices)
        if endorse_choices
        else None,
    }
    return render(request, "projectbank/intervention_detail.html", context)


def _intervention_form(request: HttpRequest, intervention: Intervention | None) -> HttpResponse:
    actor = _require(request, Permission.EDIT_INTERVENTIONS)
    form = forms.InterventionForm(request.POST or None, instance=intervention)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        fields = {k: data.pop(k) for k in ("themes", "settings", "evidence")}
        try:
            if intervention is None:
                saved = services.intervention_create(actor=actor, **fields, **data)
                messages.success(request, _("Intervention added."))
            else:
                saved = services.intervention_update(
                    actor=actor, intervention=intervention, **fields, **data
                )
                messages.success(request, _("Intervention saved."))
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            return redirect("projectbank:intervention_detail", uid=saved.uid)
    return render(
        request,
        "projectbank/intervention_form.html",
        {"form": form, "intervention": intervention},
    )


@login_required
def intervention_create(request: HttpRequest) -> HttpResponse:
    return _intervention_form(request, None)


@login_required
def intervention_edit(request: HttpRequest, uid: Any) -> HttpResponse:
    return _intervention_form(request, _intervention(request, uid, Action.EDIT))


@login_required
@require_POST
def intervention_endorse(request: HttpRequest, uid: Any) -> HttpResponse:
    intervention = _intervention(request, uid, Action.ENDORSE)
    actor = Caller(user=request.user)
    form = forms.EndorseForm(request.POST, organisations=_endorse_choices(request))
    if not form.is_valid():
        messages.error(request, _("Choose the organisation on whose behalf you select this."))
    else:
        organisation = Organisation.objects.get(pk=form.cleaned_data["organisation"])
        try:
            services.intervention_endorse(
                actor=actor, intervention=intervention, organisation=organisation
            )
            messages.success(request, _("Selected by %(name)s.") % {"name": organisation.name})
        except ValidationError as error:
            form_errors.to_messages(request, error)
    return redirect("projectbank:intervention_detail", uid=intervention.uid)


@login_required
def experience_create(request: HttpRequest, uid: Any) -> HttpResponse:
    intervention = _intervention(request, uid, Action.REPORT)
    actor = Caller(user=request.user)
    form = forms.ExperienceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.experience_report_create(
                actor=actor, intervention=intervention, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("Thank you for sharing your experience."))
            return redirect("projectbank:intervention_detail", uid=intervention.uid)
    return render(
        request, "projectbank/experience_form.html", {"form": form, "intervention": intervention}
    )


# -- experiences with the steps of the cycle ------------------------------------------------


@login_required
def cycle_experiences(request: HttpRequest) -> HttpResponse:
    _require(request, Permission.VIEW_PROJECTBANK)
    context = {"steps": selectors.cycle_steps_with_experiences()}
    return render(request, "projectbank/cycle_experiences.html", context)


@login_required
def step_experiences(request: HttpRequest, key: str) -> HttpResponse:
    step = selectors.cycle_step_for(actor=request.user, key=key)
    if step is None:
        raise Http404
    may_report = access.may_report(request.user)
    form = forms.ExperienceForm(request.POST or None, step_fixed=True)
    status = 200
    if request.method == "POST":
        actor = _require(request, Permission.REPORT_EXPERIENCES)
        if form.is_valid():
            try:
                services.experience_report_create(actor=actor, cycle_step=step, **form.cleaned_data)
            except ValidationError as error:
                form_errors.add_to_form(form, error)
            else:
                messages.success(request, _("Thank you for sharing your experience."))
                return redirect("projectbank:step_experiences", key=step.key)
        status = 400
    context = {
        "step": step,
        "reports": selectors.step_experiences(step=step),
        "form": form if may_report else None,
    }
    return render(request, "projectbank/step_experiences.html", context, status=status)


# -- the draaiboek ---------------------------------------------------------------------------


def _playbook_page(
    request: HttpRequest, intervention: Intervention, status: int = 200, **bound: Form
) -> HttpResponse:
    playbook = selectors.playbook_for(intervention=intervention)
    steps = [(s.pk, f"{s.position}. {s.title}") for s in playbook.steps.all()] if playbook else []
    context: dict[str, Any] = {
        "intervention": intervention,
        "playbook": playbook,
        "may_edit": access.may_edit(request.user),
        "step_form": bound.get("step_form") or forms.StepForm(),
        "budget_form": bound.get("budget_form") or forms.BudgetLineForm(),
        "material_form": bound.get("material_form") or forms.MaterialForm(steps=steps),
    }
    if playbook:
        context["total_weeks"] = sum(s.duration_weeks for s in playbook.steps.all())
        context["total_budget"] = sum(b.amount for b in playbook.budget_lines.all())
    return render(request, "projectbank/playbook_detail.html", context, status=status)


@login_required
def playbook_detail(request: HttpRequest, uid: Any) -> HttpResponse:
    return _playbook_page(request, _intervention(request, uid))


def _to_edit(request: HttpRequest, uid: Any) -> tuple[Caller, Intervention]:
    return Caller(user=request.user), _intervention(request, uid, Action.EDIT)


@login_required
@require_POST
def step_add(request: HttpRequest, uid: Any) -> HttpResponse:
    actor, intervention = _to_edit(request, uid)
    form = forms.StepForm(request.POST)
    if form.is_valid():
        try:
            playbook = services.playbook_of(actor=actor, intervention=intervention)
            services.playbook_step_add(actor=actor, playbook=playbook, **form.cleaned_data)
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("Step added."))
            return redirect("projectbank:playbook_detail", uid=intervention.uid)
    return _playbook_page(request, intervention, status=400, step_form=form)


def _step(request: HttpRequest, uid: Any, step_id: int) -> tuple[Caller, PlaybookStep]:
    step = selectors.playbook_step_for(actor=request.user, uid=uid, step_id=step_id)
    if step is None:
        raise Http404
    return Caller(user=request.user), step


@login_required
@require_POST
def step_move(request: HttpRequest, uid: Any, step_id: int) -> HttpResponse:
    actor, step = _step(request, uid, step_id)
    try:
        position = int(request.POST.get("position", ""))
    except ValueError:
        messages.error(request, _("Give the new position as a number."))
    else:
        services.playbook_step_move(actor=actor, step=step, position=position)
    return redirect("projectbank:playbook_detail", uid=step.playbook.intervention.uid)


@login_required
@require_POST
def step_delete(request: HttpRequest, uid: Any, step_id: int) -> HttpResponse:
    actor, step = _step(request, uid, step_id)
    intervention = step.playbook.intervention
    services.playbook_step_delete(actor=actor, step=step)
    messages.success(request, _("Step removed."))
    return redirect("projectbank:playbook_detail", uid=intervention.uid)


@login_required
@require_POST
def budget_add(request: HttpRequest, uid: Any) -> HttpResponse:
    actor, intervention = _to_edit(request, uid)
    form = forms.BudgetLineForm(request.POST)
    if form.is_valid():
        try:
            playbook = services.playbook_of(actor=actor, intervention=intervention)
            services.budget_line_add(actor=actor, playbook=playbook, **form.cleaned_data)
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("Budget line added."))
            return redirect("projectbank:playbook_detail", uid=intervention.uid)
    return _playbook_page(request, intervention, status=400, budget_form=form)


@login_required
@require_POST
def material_add(request: HttpRequest, uid: Any) -> HttpResponse:
    actor, intervention = _to_edit(request, uid)
    existing = selectors.playbook_for(intervention=intervention)
    steps = [(s.pk, s.title) for s in existing.steps.all()] if existing else []
    form = forms.MaterialForm(request.POST, request.FILES, steps=steps)
    if form.is_valid():
        playbook = services.playbook_of(actor=actor, intervention=intervention)
        step_id = form.cleaned_data["step"]
        try:
            services.material_upload(
                actor=actor,
                playbook=playbook,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                step=playbook.steps.filter(pk=step_id).first() if step_id else None,
            )
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("Material added."))
            return redirect("projectbank:playbook_detail", uid=intervention.uid)
    return _playbook_page(request, intervention, status=400, material_form=form)


def _existing_playbook(request: HttpRequest, uid: Any) -> tuple[Intervention, Playbook]:
    found = selectors.intervention_playbook_for(actor=request.user, uid=uid)
    if found is None:
        raise Http404
    return found


@login_required
def playbook_pdf(request: HttpRequest, uid: Any) -> HttpResponse:
    intervention, playbook = _existing_playbook(request, uid)
    response = HttpResponse(render_pdf(intervention, playbook), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="draaiboek-{intervention.uid}.pdf"'
    return response


@login_required
def playbook_json(request: HttpRequest, uid: Any) -> HttpResponse:
    intervention, playbook = _existing_playbook(request, uid)
    body = {
        "intervention": str(intervention.uid),
        "title": intervention.title,
        **bank_exchange.playbook_out(playbook).model_dump(mode="json"),
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="draaiboek-{intervention.uid}.json"'
    return response


@login_required
def playbook_zip(request: HttpRequest, uid: Any) -> HttpResponse:
    intervention, playbook = _existing_playbook(request, uid)
    response = HttpResponse(
        playbook_package(intervention, playbook), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="draaiboek-{intervention.uid}.zip"'
    return response


@login_required
def material_download(request: HttpRequest, pk: int) -> FileResponse:
    material = selectors.material_for(actor=request.user, pk=pk)
    if material is None:
        raise Http404
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=material.filename)


# -- exchange between banks -------------------------------------------------------------------


@login_required
def exchange(request: HttpRequest) -> HttpResponse:
    _require(request, Permission.EXPORT_PROJECTBANK)
    may_import = policy.allows(request.user, Permission.IMPORT_PROJECTBANK)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST":
        if not may_import:
            raise PermissionDenied
        if form.is_valid():
            try:
                result = bank_exchange.bank_import(form.cleaned_data["file"].read())
            except bank_exchange.ExchangeError as error:
                for problem in error.problems:
                    form.add_error("file", problem)
                status = 400
        else:
            status = 400
    context = {
        "form": form,
        "may_import": may_import,
        "result": result,
        "bank": bank_exchange.this_bank(),
    }
    return render(request, "projectbank/exchange.html", context, status=status)


@login_required
def exchange_export(request: HttpRequest) -> HttpResponse:
    _require(request, Permission.EXPORT_PROJECTBANK)
    body = json.dumps(bank_exchange.bank_export(), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="projectenbank.json"'
    return response
