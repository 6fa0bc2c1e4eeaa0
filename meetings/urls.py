from django.urls import path

from .views import meetings

app_name = "meetings"
urlpatterns = [
    path("bodies/<slug:body>/meetings/", meetings.meeting_list, name="list"),
    path("bodies/<slug:body>/meetings/new/", meetings.meeting_create, name="create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="detail"),
    path("meetings/<int:pk>/attendance/", meetings.attendance_record, name="attendance"),
]
