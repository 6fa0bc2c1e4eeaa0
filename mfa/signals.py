from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .policy import STEP_SESSION_KEY, step_after_password


@receiver(user_logged_in, dispatch_uid="mfa_step_after_password")
def remember_the_step_after_the_password(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[STEP_SESSION_KEY] = step_after_password(user)
