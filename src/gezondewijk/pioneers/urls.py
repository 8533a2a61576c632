from django.urls import path

from gezondewijk.pioneers import views, views_assignments

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
    path("opdrachten/", views_assignments.assignment_list, name="assignment_list"),
    path("opdrachten/<int:pk>/", views_assignments.assignment_detail, name="assignment_detail"),
    path(
        "opdrachten/<int:pk>/toewijzen/",
        views_assignments.assignment_assign,
        name="assignment_assign",
    ),
    path(
        "opdrachten/<int:pk>/status/",
        views_assignments.assignment_progress,
        name="assignment_progress",
    ),
]
