from django.urls import path

from .views import conduct, meetings

app_name = "meetings"
urlpatterns = [
    path("bodies/<slug:body>/meetings/", meetings.meeting_list, name="list"),
    path("bodies/<slug:body>/meetings/new/", meetings.meeting_create, name="create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="detail"),
    path("meetings/<int:pk>/attendance/", meetings.attendance_record, name="attendance"),
    # The meeting itself (helper CONDUCT): replies, minutes, action items, approval, Mijn overzicht.
    path("meetings/<int:pk>/reply/", conduct.attendance_reply, name="reply"),
    path("meetings/<int:pk>/minutes/", conduct.minutes, name="minutes"),
    path("meetings/<int:pk>/minutes/submit/", conduct.minutes_submit, name="minutes_submit"),
    path("meetings/<int:pk>/minutes/approve/", conduct.minutes_approve, name="minutes_approve"),
    path("meetings/<int:pk>/actions/new/", conduct.action_create, name="action_create"),
    path("actions/<int:pk>/done/", conduct.action_done, name="action_done"),
    path("mine/", conduct.mine, name="mine"),
]
