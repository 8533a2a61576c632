from django.urls import path

from gezondewijk.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.choose, name="choose"),
    path("<str:code>/", views.wijk_dashboard, name="wijk"),
]
