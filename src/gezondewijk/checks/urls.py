from django.urls import path

from gezondewijk.checks import views, views_panel, views_questionnaire

app_name = "checks"
urlpatterns = [
    path("gezondheidscheck/", views.overview, name="overview"),
    path("gezondheidscheck/invullen/", views.fill_in, name="fill_in"),
    path("gezondheidscheck/toestemming/", views.consent, name="consent"),
    path("gezondheidscheck/export.fhir.json", views.export_fhir, name="export_fhir"),
    path(
        "gezondheidscheck/<int:response_id>/verwijderen/",
        views.response_delete,
        name="response_delete",
    ),
    path("gezondheidscheck/koppeling/", views.link_create, name="link_create"),
    path(
        "gezondheidscheck/koppeling/<int:link_id>/intrekken/",
        views.link_revoke,
        name="link_revoke",
    ),
    path("gezondheidscheck/cijfers/", views_panel.figures, name="figures"),
    path(
        "gezondheidscheck/vragenlijsten/",
        views_questionnaire.questionnaire_list,
        name="questionnaire_list",
    ),
    path("wijkpanel/", views_panel.panel_list, name="panel_list"),
    path("wijkpanel/nieuw/", views_panel.panel_create, name="panel_create"),
    path("wijkpanel/<int:survey_id>/", views_panel.panel_detail, name="panel_detail"),
    path("wijkpanel/<int:survey_id>/antwoorden/", views_panel.panel_answer, name="panel_answer"),
    path(
        "wijkpanel/<int:survey_id>/<str:action>/",
        views_panel.panel_action,
        name="panel_action",
    ),
]
