from django.urls import path

from gezondewijk.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("export.json", views.export, name="export"),
    path("wissen/", views.erase, name="erase"),
    path("toestemming/", views.consent, name="consent"),
]
