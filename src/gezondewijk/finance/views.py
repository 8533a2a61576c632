"""Pages of the prevention fund: the public transparency page and its CSV, applications with
review, tranches, receipts and closing."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gezondewijk import form_errors
from gezondewijk.finance import access, forms, ledger, selectors, services
from gezondewijk.finance.models import Application, ApplicationStatus
from gezondewijk.initiatives.models import Initiative
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.places.models import Region


def _region(request: HttpRequest) -> Region | None:
    regions = selectors.regions_with_fund()
    slug = request.GET.get("regio")
    if slug:
        return get_object_or_404(regions, slug=slug)
    return regions.order_by("name").first()


def transparency(request: HttpRequest) -> HttpResponse:
    """Open to everyone, logged in or not: where the fund's money came from and went."""
    region = _region(request)
    context: dict[str, Any] = {
        "regions": selectors.regions_with_fund().order_by("name"),
        "figures": selectors.transparency(region=region) if region else None,
    }
    return render(request, "finance/transparency.html", context)


def transparency_csv(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    slug = region.slug if region else "geen"
    response["Content-Disposition"] = f'attachment; filename="preventiefonds-{slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(selectors.CSV_COLUMNS)
    if region is not None:
        frame = selectors.flows(region=region)
        writer.writerows(frame.iter_rows())
    return response


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    mine = Initiative.objects.filter(lead_id=request.user.pk).order_by("name")
    return render(
        request,
        "finance/application_list.html",
        {
            "applications": selectors.applications_for(user=request.user),
            "initiatives": [i for i in mine if access.may_apply(request.user, i)],
        },
    )


@login_required
def application_new(request: HttpRequest, initiative_pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=initiative_pk)
    if not access.may_apply(request.user, initiative):
        raise PermissionDenied
    form = forms.ApplicationForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_submit(
                actor=request.user,
                initiative=initiative,
                wijk=data["wijk"],
                theme=data["theme"],
                intervention=data["intervention"],
                amount=data["amount"],
                expected_result=data["expected_result"],
                budget_lines=data["budget"],
            )
        except ValidationError as error:
            form_errors.add_to_form(form, error, renamed={"budget_lines": "budget"})
        else:
            messages.success(request, _("Your application has been sent to the fund committee."))
            return redirect("finance:application_detail", pk=application.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "finance/application_form.html",
        {"form": form, "initiative": initiative},
        status=status,
    )


def _application(request: HttpRequest, pk: int) -> Application:
    found = selectors.application_for(user=request.user, pk=pk)
    if found is None:
        raise Http404
    return found


def _detail(
    request: HttpRequest, application: Application, status: int = 200, **bound: Any
) -> HttpResponse:
    context = {
        "application": application,
        "money": ledger.grant_money(application),
        "review_form": bound.get("review_form") or forms.ReviewForm(),
        "tranche_form": bound.get("tranche_form") or forms.TrancheForm(),
        "spending_form": bound.get("spending_form") or forms.SpendingForm(),
        "refusal": services.review_refusal(request.user, application),
        "is_committee": request.user.pk in application.committee_user_ids(),
        "may_manage_fund": policy.allows(request.user, Permission.MANAGE_FUND),
        "may_account": access.may_apply(request.user, application.initiative),
        "open": application.status == ApplicationStatus.APPROVED,
        "waiting": application.status == ApplicationStatus.SUBMITTED,
    }
    return render(request, "finance/application_detail.html", context, status=status)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _application(request, pk))


def _refused(request: HttpRequest, application: Application, error: Exception) -> HttpResponse:
    messages.error(request, str(error) if str(error) else _("You may not do this."))
    return _detail(request, application, status=403)


@login_required
@require_POST
def application_review(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, status=400, review_form=form)
    try:
        services.application_review(
            actor=request.user, application=application, **form.cleaned_data
        )
    except PermissionDenied as error:
        return _refused(request, application, error)
    except ValidationError as error:
        form_errors.add_to_form(form, error)
        return _detail(request, application, status=400, review_form=form)
    messages.success(request, _("Your decision has been recorded."))
    return redirect("finance:application_detail", pk=pk)


@login_required
@require_POST
def tranche_pay(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not policy.allows(request.user, Permission.MANAGE_FUND):
        raise PermissionDenied
    form = forms.TrancheForm(request.POST)
    if form.is_valid():
        try:
            services.tranche_pay(actor=request.user, application=application, **form.cleaned_data)
        except PermissionDenied as error:
            return _refused(request, application, error)
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("The tranche has been paid out."))
            return redirect("finance:application_detail", pk=pk)
    return _detail(request, application, status=400, tranche_form=form)


@login_required
@require_POST
def spending_record(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not access.may_apply(request.user, application.initiative):
        raise PermissionDenied
    form = forms.SpendingForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.spending_record(
                actor=request.user,
                application=application,
                amount=data["amount"],
                description=data["description"],
                receipt=data["receipt"],
            )
        except PermissionDenied as error:
            return _refused(request, application, error)
        except ValidationError as error:
            form_errors.add_to_form(form, error)
        else:
            messages.success(request, _("The spending and its receipt have been recorded."))
            return redirect("finance:application_detail", pk=pk)
    return _detail(request, application, status=400, spending_form=form)


@login_required
@require_POST
def application_close(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    try:
        services.application_close(actor=request.user, application=application)
    except PermissionDenied as error:
        return _refused(request, application, error)
    except ValidationError as error:
        form_errors.to_messages(request, error)
        return _detail(request, application, status=400)
    messages.success(request, _("The grant is closed; unspent money went back to the fund."))
    return redirect("finance:application_detail", pk=pk)
