from django.urls import path

from gezondewijk.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.home, name="home"),
    path("verwijzen/", views.refer, name="refer"),
    path("cijfers/", views.figures, name="figures"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/antwoord/", views.answer, name="answer"),
    path("<int:pk>/kiezen/", views.choose, name="choose"),
    path("<int:pk>/stap/", views.advance, name="advance"),
    path("<int:pk>/deelname/", views.took_part, name="took_part"),
    path("<int:pk>/opvolgen/", views.follow_up, name="follow_up"),
    path("opvolgen/<int:pk>/klaar/", views.follow_up_done, name="follow_up_done"),
]
