from django.urls import path

from gezondewijk.initiatives import views, views_matching, views_reach

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("nieuw/", views.initiative_create, name="create"),
    path("groei/", views.growth, name="growth"),
    path("mijn-themas/", views_matching.beliefs, name="beliefs"),
    path("introducties/", views_matching.my_introductions, name="introductions"),
    path("introducties/<int:pk>/antwoord/", views_matching.introduction_answer, name="answer"),
    path("contact-blokkeren/", views_matching.contact_block, name="block"),
    path("wijk/<str:code>/koppelen/", views_matching.matches, name="matches"),
    path("wijk/<str:code>/introduceren/", views_matching.introduce, name="introduce"),
    path("wijk/<str:code>/bereik/", views_reach.reach_map, name="reach_map"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
    path("<int:pk>/bewerken/", views.initiative_edit, name="edit"),
    path("<int:pk>/meedoen/", views.initiative_join, name="join"),
    path("<int:pk>/status/", views.initiative_status, name="status"),
    path("<int:pk>/stoppen/", views.initiative_leave, name="leave"),
    path("<int:pk>/overdragen/", views.initiative_hand_over, name="hand_over"),
    path("<int:pk>/activiteiten/nieuw/", views.activity_create, name="activity_create"),
]
