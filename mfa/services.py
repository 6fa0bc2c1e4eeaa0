"""Enrolling an authenticator app, checking a code, recovery codes, switching it off."""

import time
from base64 import b32encode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

AUTHENTICATOR_NAME = "Authenticator-app"
RECOVERY_NAME = "Herstelcodes"


class CodeRefused(Exception):
    """The code does not fit the new authenticator, or one is already set up."""


def new_secret() -> str:
    """A fresh TOTP key (hex, as django-otp stores it): 160 random bits."""
    return default_key()


def secret_as_text(key: str) -> str:
    """The key as authenticator apps take it typed in: base32, in groups of four."""
    text = b32encode(bytes.fromhex(key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(*, user, key: str) -> str:
    return TOTPDevice(user=user, key=key, name=AUTHENTICATOR_NAME).config_url


def _normalise(code: str) -> str:
    return "".join(code.split()).lower()


def _lock_user(user) -> None:
    # Two submits at once (a double click, two tabs) queue here, so they cannot
    # make two authenticators or hand out two sets of codes.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def _recovery_codes_replace(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.MFA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def authenticator_enrol(*, user, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app that shows `code` for `key`; returns its device and the recovery codes.

    Raises CodeRefused for a wrong code, or when an authenticator is already set up.
    """
    _lock_user(user)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise CodeRefused
    code = _normalise(code)
    if not code.isdigit():
        raise CodeRefused
    totp = TOTP(bytes.fromhex(key), digits=6)
    totp.time = time.time()
    # One step of clock difference either way, as django-otp allows at login.
    if not totp.verify(int(code), tolerance=1):
        raise CodeRefused
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user, name=AUTHENTICATOR_NAME, key=key, confirmed=True, drift=totp.drift, last_t=totp.t()
    )
    return device, _recovery_codes_replace(user)


@transaction.atomic
def code_verify(*, user, code: str) -> tuple[Device | None, bool]:
    """The device that accepts `code` (6 digits from the app, or a recovery code, used up),
    and whether wrong codes just before made the library refuse to check it.

    django-otp throttles each device: after n wrong codes in a row every code is refused
    for 2**(n-1) seconds. It returns rather than raises, so that the count of wrong codes
    commits. The rows are locked so that parallel tries count too and a recovery code
    cannot be spent twice.
    """
    code = _normalise(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    throttled = False
    for device in model.objects.select_for_update().filter(user=user, confirmed=True):
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        if device.verify_token(code):
            return device, False
    return None, throttled


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """New recovery codes; the old ones stop working."""
    _lock_user(user)
    return _recovery_codes_replace(user)


@transaction.atomic
def mfa_disable(*, user, code: str) -> tuple[bool, bool]:
    """Remove the authenticator and the recovery codes, after a fresh code.

    Returns (done, throttled) like code_verify. Whether the user may switch it off at
    all is the view's question (mfa.policy.mfa_required).
    """
    device, throttled = code_verify(user=user, code=code)
    if device is None:
        return False, throttled
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return True, False


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
