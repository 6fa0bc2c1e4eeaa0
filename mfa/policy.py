"""Who must take the second step, and what a fresh login still has to do."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from bodies.permissions import networks_coordinated_by

# What the session still has to do after the password; kept in the session at login so
# that an ordinary page costs no query for it (mfa.middleware).
STEP_SESSION_KEY = "mfa_step"
VERIFY = "verify"  # has an authenticator: type a code
ENROL = "enrol"  # must use one and has none yet: set it up
DONE = ""


def mfa_required(user) -> bool:
    """Superusers and staff always; a coordinator where their network requires it."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return networks_coordinated_by(user).filter(require_mfa_for_coordinators=True).exists()


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def step_after_password(user) -> str:
    if has_authenticator(user):
        return VERIFY
    if mfa_required(user):
        return ENROL
    return DONE
