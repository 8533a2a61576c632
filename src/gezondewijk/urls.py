from django.contrib import admin
from django.urls import include, path

from gezondewijk.api import api

urlpatterns = [
    path("", include("gezondewijk.web.urls")),
    path("wijken/", include("gezondewijk.places.urls")),
    path("initiatieven/", include("gezondewijk.initiatives.urls")),
    path("dashboard/", include("gezondewijk.dashboard.urls")),
    path("cyclus/", include("gezondewijk.cycle.urls")),
    path("mijn-gegevens/", include("gezondewijk.privacy.urls")),
    path("", include("gezondewijk.network.urls")),
    path("", include("gezondewijk.checks.urls")),
    path("projectenbank/", include("gezondewijk.projectbank.urls")),
    path("pioniers/", include("gezondewijk.pioneers.urls")),
    path("", include("gezondewijk.indicators.urls")),
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("plein/", include("gezondewijk.plein.urls")),
    path("koppelingen/", include("gezondewijk.couplings.urls")),
    path("verwijzingen/", include("gezondewijk.referrals.urls")),
    path("preventiefonds/", include("gezondewijk.finance.urls")),
    path("regio-inrichten/", include("gezondewijk.regionsetup.urls")),
]
