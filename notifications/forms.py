from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation

from .models import Kind, NotificationPreference
from .password_reset import password_reset_request


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = [kind.value for kind in Kind]


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset form, but the mail goes through a worker (notifications.password_reset).

    save() looks nobody up: the request does the same work for every address, so its
    timing cannot tell whether an address has a login.
    """

    def save(self, **kwargs):
        password_reset_request(email=self.cleaned_data["email"], language=translation.get_language())
