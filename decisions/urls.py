from django.urls import path

from .views import advice, assignments, coordination, decisions

app_name = "decisions"
urlpatterns = [
    path("coordination/", coordination.overview, name="coordination"),
    path("decisions/", decisions.register, name="register"),
    path("bodies/<slug:body>/decisions/", decisions.body_register, name="body_register"),
    path("meetings/<int:meeting>/decisions/new/", decisions.decision_propose, name="propose"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="detail"),
    path("decisions/<int:pk>/vote/", decisions.decision_vote, name="vote"),
    path("decisions/<int:pk>/close/", decisions.decision_close, name="close"),
    path("decisions/<int:pk>/escalate/", decisions.decision_escalate, name="escalate"),
    path("advice/", advice.advice_list, name="advice_list"),
    path("bodies/<slug:body>/advice/new/", advice.advice_give, name="advice_give"),
    path("advice/<int:pk>/", advice.advice_detail, name="advice"),
    path("advice/<int:pk>/answer/", advice.advice_answer, name="advice_answer"),
    path("assignments/", assignments.assignment_list, name="assignment_list"),
    path("bodies/<slug:body>/assignments/new/", assignments.assignment_give, name="assignment_give"),
    path("assignments/<int:pk>/", assignments.assignment_detail, name="assignment"),
    path("assignments/<int:pk>/report/", assignments.assignment_report, name="assignment_report"),
    path("bodies/<slug:body>/working-groups/new/", assignments.working_group_start, name="working_group_start"),
]
