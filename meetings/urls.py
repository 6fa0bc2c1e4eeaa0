from django.urls import path

from .views import agenda, conduct, decisions, meetings, planning

app_name = "meetings"
urlpatterns = [
    path("bodies/<slug:body>/meetings/", meetings.meeting_list, name="list"),
    path("bodies/<slug:body>/meetings/new/", meetings.meeting_create, name="create"),
    path("bodies/<slug:body>/meetings/rules/", meetings.meeting_rules, name="rules"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="detail"),
    path("meetings/<int:pk>/attendance/", meetings.attendance_record, name="attendance"),
    # Moving and cancelling (helper PLAN).
    path("meetings/<int:pk>/move/", planning.meeting_move, name="move"),
    path("meetings/<int:pk>/details/", planning.meeting_details, name="details"),
    path("meetings/<int:pk>/cancel/", planning.meeting_cancel, name="cancel"),
    # The meeting itself (helper CONDUCT): replies, minutes, action items, approval, Mijn overzicht.
    path("meetings/<int:pk>/reply/", conduct.attendance_reply, name="reply"),
    path("meetings/<int:pk>/minutes/", conduct.minutes, name="minutes"),
    path("meetings/<int:pk>/minutes/submit/", conduct.minutes_submit, name="minutes_submit"),
    path("meetings/<int:pk>/minutes/approve/", conduct.minutes_approve, name="minutes_approve"),
    path("meetings/<int:pk>/actions/new/", conduct.action_create, name="action_create"),
    path("actions/<int:pk>/done/", conduct.action_done, name="action_done"),
    # The shared agenda (helper AGENDA): items, order, proposals, suggestions, attachments, publishing.
    path("meetings/<int:pk>/agenda/", agenda.agenda, name="agenda"),
    path("meetings/<int:pk>/agenda/items/", agenda.agenda_item_add, name="agenda_item_add"),
    path("meetings/<int:pk>/agenda/order/", agenda.agenda_reorder, name="agenda_reorder"),
    path("meetings/<int:pk>/agenda/publish/", agenda.agenda_publish, name="agenda_publish"),
    path("meetings/<int:pk>/agenda/announce/", agenda.agenda_changes_announce, name="agenda_announce"),
    path("meetings/<int:pk>/agenda/proposals/", agenda.agenda_item_propose, name="agenda_propose"),
    path("meetings/<int:pk>/agenda/suggestions/", agenda.agenda_suggestion_add, name="agenda_suggestion_add"),
    path("agenda-items/<int:pk>/edit/", agenda.agenda_item_edit, name="agenda_item_edit"),
    path("agenda-items/<int:pk>/remove/", agenda.agenda_item_remove, name="agenda_item_remove"),
    path("agenda-items/<int:pk>/move/", agenda.agenda_item_move, name="agenda_item_move"),
    path("agenda-items/<int:pk>/accept/", agenda.agenda_proposal_accept, name="agenda_proposal_accept"),
    path("agenda-items/<int:pk>/merge/", agenda.agenda_proposal_merge, name="agenda_proposal_merge"),
    path("agenda-items/<int:pk>/decline/", agenda.agenda_proposal_decline, name="agenda_proposal_decline"),
    path("agenda-items/<int:pk>/attachments/", agenda.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", agenda.attachment_download, name="attachment"),
    path("attachments/<int:pk>/remove/", agenda.attachment_remove, name="attachment_remove"),
    # Decisions taken in a meeting, and the registers of them.
    path("meetings/<int:meeting>/decisions/new/", decisions.decision_propose, name="decision_propose"),
    path("decisions/", decisions.register, name="decision_register"),
    path("bodies/<slug:body>/decisions/", decisions.body_register, name="body_decision_register"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision"),
    path("decisions/<int:pk>/vote/", decisions.decision_vote, name="decision_vote"),
    path("decisions/<int:pk>/close/", decisions.decision_close, name="decision_close"),
    path("decisions/<int:pk>/escalate/", decisions.decision_escalate, name="decision_escalate"),
]
