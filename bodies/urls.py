from django.urls import path

from . import views

app_name = "bodies"
urlpatterns = [
    path("", views.network_home, name="network"),
    path("chart/", views.org_chart, name="chart"),
    path("bodies/<slug:body>/", views.body_sheet, name="body"),
]
