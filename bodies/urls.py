from django.urls import path

from . import views

app_name = "bodies"
urlpatterns = [
    path("chart/", views.org_chart, name="chart"),
]
