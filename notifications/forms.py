import uuid

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.utils import translation

from .models import Kind, NotificationPreference
from .password_reset import mail_language
from .tasks import send_password_reset


def password_reset_request(*, email: str, language: str | None) -> None:
    """Queue the reset mail for whoever has this address, once the request's transaction commits."""
    request_id = str(uuid.uuid4())
    language = mail_language(language)
    # robust: a broker that is down must not turn the request into an error page
    # (nor answer differently for a known address); it is logged.
    transaction.on_commit(lambda: send_password_reset.delay(request_id, email, language), robust=True)


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
