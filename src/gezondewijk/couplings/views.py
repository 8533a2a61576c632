"""Pages of the couplings: the integrators' guide, and the social map's import and export."""

from __future__ import annotations

import inspect
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gezondewijk.couplings import services, signing, socialmap_format
from gezondewijk.couplings.models import Event
from gezondewijk.people.models import ApiScope
from gezondewijk.permissions import policy
from gezondewijk.permissions.policy import Permission
from gezondewijk.referrals import fhir
from gezondewijk.referrals.models import Reason
from gezondewijk.web import uploads

MAX_UPLOAD = 20 * 1024 * 1024


def service_request_example() -> dict[str, Any]:
    """The guide's example of a GP practice's referral, written with the systems the import
    reads, so the example cannot drift from what the API accepts."""
    return {
        "resourceType": "ServiceRequest",
        "identifier": [
            {"system": "https://his.praktijk.example/verwijzing", "value": "V-2026-0042"}
        ],
        "status": "active",
        "intent": "order",
        "code": {"coding": [{"system": fhir.SERVICE_SYSTEM, "code": fhir.WELZIJN_OP_RECEPT}]},
        "reasonCode": [{"coding": [{"system": fhir.REASON_SYSTEM, "code": "eenzaamheid"}]}],
        "subject": {"identifier": {"system": fhir.CODE_SYSTEM, "value": "K7M3P9QX"}},
        "requester": {
            "identifier": {"system": fhir.PROFESSIONAL_SYSTEM, "value": "huisarts@praktijk.example"}
        },
        "performer": [
            {"identifier": {"system": fhir.PROFESSIONAL_SYSTEM, "value": "coach@welzijn.example"}}
        ],
    }


def docs(request: HttpRequest) -> HttpResponse:
    """For the people who connect a region's other systems: public, like the API's docs."""
    context = {
        "scopes": ApiScope.choices,
        "events": Event.choices,
        "header": signing.HEADER,
        "tolerance": signing.TOLERANCE_S,
        "verify_source": inspect.getsource(signing.verify),
        "columns": [(t, socialmap_format.COLUMNS[t]) for t in socialmap_format.TABLES],
        "time_format": "2026-03-05 10:00",
        "service_request": json.dumps(service_request_example(), indent=2),
        "reasons": Reason.values,
    }
    return render(request, "couplings/docs.html", context)


def _require(request: HttpRequest, permission: Permission) -> None:
    if not policy.allows(request.user, permission):
        raise PermissionDenied


@login_required
def socialmap(request: HttpRequest) -> HttpResponse:
    _require(request, Permission.VIEW_SOCIAL_MAP)
    may_import = bool(services.import_gemeenten(user=request.user))
    problems: list[socialmap_format.Problem] = []
    if request.method == "POST":
        if not may_import:
            raise PermissionDenied
        upload = request.FILES.get("bestand")
        try:
            if upload is None:
                raise ValidationError(_("Choose a CSV or XLSX file."))
            uploads.check_upload(upload, accepted={"text", "zip"}, max_bytes=MAX_UPLOAD)
        except ValidationError as refusal:
            problems = [socialmap_format.Problem("-", 1, "-", m) for m in refusal.messages]
        if upload is not None and not problems:
            try:
                tables = socialmap_format.read_upload(
                    upload.read(), table=request.POST.get("tabel") or None
                )
                counts = services.socialmap_import(tables=tables, user=request.user)
            except socialmap_format.FormatError as error:
                problems = error.problems
            else:
                messages.success(
                    request,
                    _("Imported: %(counts)s.")
                    % {"counts": ", ".join(f"{k} {v}" for k, v in counts.items())},
                )
                return redirect("couplings:socialmap")
    context = {
        "may_import": may_import,
        "problems": problems,
        "tables": socialmap_format.TABLES,
    }
    return render(request, "couplings/socialmap.html", context, status=400 if problems else 200)


@login_required
def socialmap_download(request: HttpRequest, format: str) -> HttpResponse:
    _require(request, Permission.VIEW_SOCIAL_MAP)
    table = request.GET.get("tabel")
    if format == "csv" and table not in socialmap_format.TABLES:
        raise Http404
    return services.socialmap_file(format=format, table=table)
