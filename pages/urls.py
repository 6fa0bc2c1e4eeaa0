from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("", views.network_home, name="network"),
    path("bodies/<slug:body>/", views.body_sheet, name="body"),
    path("mine/", views.mine, name="mine"),
    path("coordination/", views.coordination, name="coordination"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("organisations/<int:pk>/", views.organization, name="organization"),
]
