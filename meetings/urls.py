from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("bodies/<slug:body>/meetings/", views.meeting_list, name="list"),
    path("bodies/<slug:body>/meetings/new/", views.meeting_create, name="create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("meetings/<int:pk>/attendance/", views.attendance_record, name="attendance"),
]
