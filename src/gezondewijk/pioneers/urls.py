from django.urls import path

from gezondewijk.pioneers import assignment_views, views

app_name = "pioneers"
urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("competenties/", views.competencies, name="competencies"),
    path("groep/<int:pk>/", views.group_detail, name="group_detail"),
    path("groep/<int:pk>/agenda.ics", views.group_calendar, name="group_calendar"),
    path("agenda/<str:token>.ics", views.my_calendar, name="my_calendar"),
    path("groep/<int:pk>/lezen/", views.reading_add, name="reading_add"),
    path("groep/<int:pk>/plannen/", views.schedule, name="schedule"),
    path("bijeenkomst/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("opdrachten/", assignment_views.assignment_list, name="assignment_list"),
    path("opdrachten/<int:pk>/", assignment_views.assignment_detail, name="assignment_detail"),
    path(
        "opdrachten/<int:pk>/toewijzen/",
        assignment_views.assignment_assign,
        name="assignment_assign",
    ),
    path(
        "opdrachten/<int:pk>/status/",
        assignment_views.assignment_progress,
        name="assignment_progress",
    ),
]
