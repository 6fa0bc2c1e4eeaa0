"""Holds a signed-in session at the second step until it is taken.

After the password, a user with an authenticator reaches only the code page
(mfa:verify) and logout; a user who must use one and has none reaches only the
set-up pages. Everyone else passes without a query: the step is in the session
(mfa.signals sets it at login).
"""

from urllib.parse import urlencode

from django.contrib.auth import SESSION_KEY as AUTH_USER_SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse

from .policy import DONE, ENROL, STEP_SESSION_KEY, VERIFY, step_after_password

# Always reachable: leaving, and choosing the language of the page in between.
OPEN = {"logout", "set_language"}
REACHABLE = {
    VERIFY: OPEN | {"mfa:verify"},
    ENROL: OPEN | {"mfa:overview", "mfa:setup"},
}
TARGET = {VERIFY: "mfa:verify", ENROL: "mfa:setup"}


class SecondStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        session = request.session
        if AUTH_USER_SESSION_KEY not in session or not request.user.is_authenticated:
            return None
        step = session.get(STEP_SESSION_KEY)
        if step is None:
            # A session from before two-step verification existed: decide once.
            step = session[STEP_SESSION_KEY] = step_after_password(request.user)
        if step == DONE or request.user.is_verified():
            return None
        if request.resolver_match.view_name in REACHABLE[step]:
            return None
        next_url = request.get_full_path() if request.method == "GET" else reverse("home")
        return redirect(reverse(TARGET[step]) + "?" + urlencode({"next": next_url}))
