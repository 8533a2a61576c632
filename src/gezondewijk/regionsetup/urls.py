from django.urls import path

from gezondewijk.regionsetup import views

app_name = "regionsetup"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.region, name="region"),
    path("<slug:slug>/gemeenten/", views.gemeenten, name="gemeenten"),
    path("<slug:slug>/importeren/", views.upload, name="upload"),
    path("<slug:slug>/importeren/<int:run_id>/", views.run, name="run"),
]
