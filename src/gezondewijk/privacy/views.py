"""A person's own data: what is held, who looked at it, consent, export and erase."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gezondewijk.privacy import selectors, services
from gezondewijk.privacy.models import Purpose
from gezondewijk.privacy.types import person_of


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=gettext_lazy("Type WISSEN to confirm"),
        help_text=gettext_lazy("This cannot be undone."),
    )

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"]
        if value.strip().upper() != "WISSEN":
            raise forms.ValidationError(_("Type WISSEN (erase) to confirm."))
        return value


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    active = {
        c.purpose for c in selectors.consents_of(user=person_of(request)) if c.withdrawn_at is None
    }
    context = {
        "purposes": [(p, p.label, p.value in active) for p in Purpose],
        "accesses": selectors.accesses_to(user=person_of(request))[:50],
        "erase_form": EraseForm(),
    }
    return render(request, "privacy/my_data.html", context)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    data = services.personal_data_export(user=person_of(request))
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


@login_required
@require_POST
def consent(request: HttpRequest) -> HttpResponse:
    purpose = request.POST.get("purpose", "")
    if purpose not in Purpose.values:
        messages.error(request, _("Unknown purpose."))
        return redirect("privacy:my_data")
    if request.POST.get("granted") == "1":
        services.consent_grant(user=person_of(request), purpose=Purpose(purpose))
        messages.success(request, _("Consent given."))
    else:
        services.consent_withdraw(user=person_of(request), purpose=Purpose(purpose))
        messages.success(request, _("Consent withdrawn."))
    return redirect("privacy:my_data")


@login_required
def erase(request: HttpRequest) -> HttpResponse:
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = person_of(request)
        logout(request)
        services.personal_data_erase(user=user)
        messages.success(request, _("Your data and your account have been erased."))
        return redirect("home")
    return render(request, "privacy/erase.html", {"form": form})
