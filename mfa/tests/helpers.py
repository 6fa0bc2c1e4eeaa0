"""Signing in as someone who has taken the second step, for tests that are about something else."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from mfa.policy import DONE, STEP_SESSION_KEY

# A fixed key, so a browser test can compute the codes (django_otp.oath.totp).
TEST_KEY = "3132333435363738393031323334353637383930"


def authenticator_for(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator-app", key=TEST_KEY, confirmed=True)


def verified_login(client, user):
    """force_login, then the session as mfa.views.verify leaves it: verified by an authenticator."""
    device = authenticator_for(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[STEP_SESSION_KEY] = DONE
    session.save()
    return client
