from django.urls import path

from gezondewijk.indicators import views, views_compute

app_name = "indicators"
urlpatterns = [
    path("indicatoren/", views.indicator_map, name="map"),
    path("indicatoren/naast-elkaar/", views.side_by_side, name="side_by_side"),
    path("indicatoren/wijk/<str:code>/", views.wijk_benchmark, name="wijk"),
    path("indicatoren/wijk/<str:code>/hoofddoel/", views.main_goal, name="main_goal"),
    path("indicatoren/wijk/<str:code>/rapport/", views.wijk_report, name="report"),
    path("indicatoren/herberekenen/", views_compute.compute, name="compute"),
    path("indicatoren/herberekenen/<int:run_id>/", views_compute.compute_run, name="compute_run"),
    path("indicatoren/wijk/<str:code>/rapport.pdf", views.wijk_report_pdf, name="report_pdf"),
]
