from django.urls import path

from gezondewijk.cycle import views

app_name = "cycle"
urlpatterns = [path("<str:code>/", views.wijk_cycle, name="wijk")]
