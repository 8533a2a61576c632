from django.urls import path

from gezondewijk.finance import views, views_modelling

app_name = "finance"
urlpatterns = [
    path("", views.transparency, name="transparency"),
    path("geldstromen.csv", views.transparency_csv, name="transparency_csv"),
    path("aanvragen/", views.application_list, name="application_list"),
    path("aanvragen/nieuw/<int:initiative_pk>/", views.application_new, name="application_new"),
    path("aanvragen/<int:pk>/", views.application_detail, name="application_detail"),
    path("aanvragen/<int:pk>/besluit/", views.application_review, name="application_review"),
    path("aanvragen/<int:pk>/tranche/", views.tranche_pay, name="tranche_pay"),
    path("aanvragen/<int:pk>/uitgave/", views.spending_record, name="spending_record"),
    path("aanvragen/<int:pk>/afsluiten/", views.application_close, name="application_close"),
    path("gezondheidspolis/", views_modelling.policy_list, name="policy_list"),
    path("resultaatcontracten/", views_modelling.contract_list, name="contract_list"),
    path(
        "resultaatcontracten/periode/<int:pk>/afrekenen/",
        views_modelling.settle,
        name="settle",
    ),
]
