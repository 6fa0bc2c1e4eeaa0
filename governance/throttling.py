"""Login throttling with django-axes: who the client is, and the page a locked-out login gets.

Axes counts failed logins per username and client address (AXES_LOCKOUT_PARAMETERS in
the settings) and, past AXES_FAILURE_LIMIT, refuses that pair, even with the right
password, until AXES_COOLOFF_TIME has passed or an admin deleted the attempts.
"""

import ipaddress

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render

from axes.helpers import get_client_username, get_cool_off

from .sessions import duration


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind AXES_TRUSTED_PROXY_COUNT proxies the
    address the nearest one appended to X-Forwarded-For (what the client wrote there
    itself stands further left and is never read)."""
    count = settings.AXES_TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            try:
                return str(ipaddress.ip_address(forwarded[-count]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The login page in the site's layout, saying until when this login is refused (429)."""
    cool_off = get_cool_off(request)
    context = {
        # A refused attempt starts the cool-off again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
        "locked_out_until": request.axes_attempt_time + cool_off,
        "locked_out_wait": duration(int(cool_off.total_seconds())),
        "form": AuthenticationForm(request, initial={"username": get_client_username(request, credentials)}),
        "next": request.POST.get("next", ""),
    }
    response = render(request, "registration/login.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
