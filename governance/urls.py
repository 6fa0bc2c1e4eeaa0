from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from pages.views import home
from notifications.forms import PasswordResetRequestForm

from . import views

urlpatterns = [
    path("", home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/notifications/", include("notifications.urls")),
    path("accounts/mfa/", include("mfa.urls")),
    # Before Django's own: the reset mail goes through a worker (notifications.password_reset).
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetRequestForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # Before Django's own: a signed-in person's choice is remembered (governance.views.set_language).
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("calendar/", include("calendars.urls")),
    path("n/<slug:network>/", include("pages.urls")),
    path("n/<slug:network>/", include("bodies.urls")),
    path("n/<slug:network>/", include("meetings.urls")),
    path("n/<slug:network>/", include("referrals.urls")),
    path("n/<slug:network>/", include("projects.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
