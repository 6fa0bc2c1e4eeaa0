"""How long a signed-in session lasts: an idle timeout and an absolute lifetime.

The session keeps when its user signed in and when they were last active (epoch
seconds). A request past `SESSION_IDLE_TIMEOUT` since the last activity, or past
`SESSION_ABSOLUTE_LIFETIME` since signing in, signs the user out and goes on as an
anonymous request: a page behind a login then sends them to the login page, where a
message (cookie-stored, so it outlives the flushed session) says why; the public
pages (calendar feeds, /healthz, the login page) simply answer. An htmx request would
swap the login page into a fragment, so it gets an HX-Redirect to the login page
instead.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext, ngettext
from django_htmx.http import HttpResponseClientRedirect

LOGIN_AT = "governance_login_at"
SEEN_AT = "governance_seen_at"
# Activity is written at most once a minute, so that a run of clicks or htmx requests
# does not save the session on each one; the idle window is exact to that minute.
SEEN_RESOLUTION = 60


def stamp_login(sender, request, user, **kwargs):
    """user_logged_in receiver: the session's clocks start at signing in."""
    session = getattr(request, "session", None)
    if session is not None:
        now = time.time()
        session[LOGIN_AT] = now
        session[SEEN_AT] = now


def duration(seconds: int) -> str:
    """'30 minuten', '12 uur': whole hours when the setting is whole hours."""
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d uur", "%(count)d uur", hours) % {"count": hours}
    minutes = max(1, seconds // 60)
    return ngettext("%(count)d minuut", "%(count)d minuten", minutes) % {"count": minutes}


def expiry_reason(session, now: float) -> str | None:
    """Why this session has ended at `now`, as the message to show; None while it lasts."""
    seen_at = session.get(SEEN_AT)
    if seen_at is not None and now - seen_at > settings.SESSION_IDLE_TIMEOUT:
        return gettext("Je was %(duration)s niet actief en bent afgemeld. Meld je opnieuw aan.") % {
            "duration": duration(settings.SESSION_IDLE_TIMEOUT)
        }
    login_at = session.get(LOGIN_AT)
    if login_at is not None and now - login_at > settings.SESSION_ABSOLUTE_LIFETIME:
        return gettext("Je sessie duurde langer dan %(duration)s en is afgesloten. Meld je opnieuw aan.") % {
            "duration": duration(settings.SESSION_ABSOLUTE_LIFETIME)
        }
    return None


class SessionTimeoutMiddleware:
    """Signs out idle and too old sessions; keeps the activity clock of the others."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            reason = expiry_reason(request.session, now)
            if reason:
                logout(request)
                messages.info(request, reason)
                if request.htmx:
                    login_url = redirect_to_login(request.htmx.current_url_abs_path or "/").url
                    return HttpResponseClientRedirect(login_url)
            else:
                session = request.session
                # A session from before this policy starts its clocks now.
                session.setdefault(LOGIN_AT, now)
                if now - session.get(SEEN_AT, 0) >= SEEN_RESOLUTION:
                    session[SEEN_AT] = now
        return self.get_response(request)
