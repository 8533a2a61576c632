from django.urls import path

from gezondewijk.projectbank import views

app_name = "projectbank"
urlpatterns = [
    path("", views.intervention_list, name="intervention_list"),
    path("nieuw/", views.intervention_create, name="intervention_create"),
    path("uitwisseling/", views.exchange, name="exchange"),
    path("uitwisseling/export.json", views.exchange_export, name="exchange_export"),
    path("materiaal/<int:pk>/", views.material_download, name="material_download"),
    path("cyclus/", views.cycle_experiences, name="cycle_experiences"),
    path("cyclus/<slug:key>/", views.step_experiences, name="step_experiences"),
    path("<uuid:uid>/", views.intervention_detail, name="intervention_detail"),
    path("<uuid:uid>/bewerken/", views.intervention_edit, name="intervention_edit"),
    path("<uuid:uid>/selecteren/", views.intervention_endorse, name="intervention_endorse"),
    path("<uuid:uid>/ervaring/", views.experience_create, name="experience_create"),
    path("<uuid:uid>/draaiboek/", views.playbook_detail, name="playbook_detail"),
    path("<uuid:uid>/draaiboek/stap/", views.step_add, name="step_add"),
    path("<uuid:uid>/draaiboek/stap/<int:step_id>/verplaatsen/", views.step_move, name="step_move"),
    path(
        "<uuid:uid>/draaiboek/stap/<int:step_id>/verwijderen/",
        views.step_delete,
        name="step_delete",
    ),
    path("<uuid:uid>/draaiboek/begroting/", views.budget_add, name="budget_add"),
    path("<uuid:uid>/draaiboek/materiaal/", views.material_add, name="material_add"),
    path("<uuid:uid>/draaiboek.pdf", views.playbook_pdf, name="playbook_pdf"),
    path("<uuid:uid>/draaiboek.json", views.playbook_json, name="playbook_json"),
    path("<uuid:uid>/draaiboek.zip", views.playbook_zip, name="playbook_zip"),
]
