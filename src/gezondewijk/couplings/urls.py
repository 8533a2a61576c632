from django.urls import path

from gezondewijk.couplings import views

app_name = "couplings"
urlpatterns = [
    path("", views.docs, name="docs"),
    path("sociale-kaart/", views.socialmap, name="socialmap"),
    path("sociale-kaart/export.<str:format>", views.socialmap_download, name="socialmap_download"),
]
