from django.urls import path

from .views import advice, assignments

app_name = "referrals"
urlpatterns = [
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
