from django.urls import path

from . import views

app_name = "calendars"
urlpatterns = [
    path("", views.subscription, name="subscription"),
    path("link/new/", views.token_new, name="token_new"),
    path("link/revoke/", views.token_revoke, name="token_revoke"),
    # The secret link: no login, the token is the key.
    path("feed/<str:feed_token>/mine.ics", views.personal_feed, name="personal_feed"),
    path("feed/<str:feed_token>/n/<slug:network>.ics", views.network_feed, name="network_feed"),
    path("feed/<str:feed_token>/n/<slug:network>/<slug:body>.ics", views.body_feed, name="body_feed"),
]
