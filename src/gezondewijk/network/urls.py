from django.urls import path

from gezondewijk.network import views

app_name = "network"
urlpatterns = [
    path("mijn-wijk/", views.mijn_wijk, name="mijn_wijk"),
    path("mijn-wijk/keuzes/", views.choices, name="choices"),
    path("mijn-wijk/contact/<int:tie_id>/", views.tie_edit, name="tie_edit"),
    path("mijn-wijk/contact/<int:tie_id>/verwijderen/", views.tie_delete, name="tie_delete"),
    path("mijn-wijk/verzoek/<int:tie_id>/", views.tie_answer, name="tie_answer"),
    path("netwerk/<str:code>/", views.wijk_network, name="wijk_network"),
    path("netwerk/<str:code>/verversen/", views.run_start, name="run_start"),
    path("netwerk/<str:code>/voortgang/<int:run_id>/", views.run_progress, name="run_progress"),
]
