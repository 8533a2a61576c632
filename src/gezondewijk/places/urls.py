from django.urls import path

from gezondewijk.places import views

app_name = "places"
urlpatterns = [
    path("", views.wijk_list, name="wijk_list"),
    path("<str:code>/", views.wijk_detail, name="wijk_detail"),
    path("<str:code>/vindplaatsen/nieuw/", views.location_create, name="location_create"),
]
