"""The admin site: staff rights alone are not enough, the session must be verified (django-otp)."""

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django_otp.admin import OTPAdminSite


class VerifiedAdminSite(OTPAdminSite):
    """OTPAdminSite under the usual name `admin`, signing in through the site's own two steps.

    The admin's own login form is never shown: one login page, one second step
    (mfa.views.verify), so there is no second way in to throttle and keep in step.
    """

    def __init__(self, name="admin"):
        super().__init__(name)

    def login(self, request, extra_context=None):
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url)
