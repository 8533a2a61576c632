"""The start page: for a visitor an introduction, for each role what they came to do."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gezondewijk.web import start

TOO_MANY_REQUESTS = 429


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"sections": start.sections_for(request.user)})


def login_locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes calls this when a username and address have failed too often: the log-in
    page again, refusing even the right password until the cool-off period has passed."""
    minutes = math.ceil(float(settings.AXES_COOLOFF_TIME) * 60)
    username = request.POST.get("username", "")
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "locked_out": _(
            "Too many failed log-ins for this account from your address. "
            "Try again in %(minutes)s minutes."
        )
        % {"minutes": minutes},
    }
    return render(request, "web/login.html", context, status=TOO_MANY_REQUESTS)
