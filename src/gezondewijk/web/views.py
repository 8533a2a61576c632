"""The start page: for a visitor an introduction, for each role what they came to do."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gezondewijk.web import start


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"sections": start.sections_for(request.user)})
