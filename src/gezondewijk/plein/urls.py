from django.urls import path

from gezondewijk.plein import views

app_name = "plein"
urlpatterns = [
    path("", views.index, name="index"),
    path("activiteit/<str:uid>.ics", views.item_calendar, name="item_calendar"),
    path("plek/<int:pk>/", views.place, name="place"),
    path("plek/<int:pk>/agenda.ics", views.place_calendar, name="place_calendar"),
    path("thema/<slug:slug>/agenda.ics", views.theme_calendar, name="theme_calendar"),
    path("<str:code>/", views.wijk, name="wijk"),
    path("<str:code>/agenda/", views.agenda, name="agenda"),
    path("<str:code>/agenda.ics", views.wijk_calendar, name="wijk_calendar"),
]
