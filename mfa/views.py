"""Tweestapsverificatie: set up an authenticator app, the code step after the password,
recovery codes, switching it off."""

import segno
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import services
from .forms import THROTTLED, WRONG_CODE, CodeForm, NewAuthenticatorForm
from .policy import DONE, ENROL, STEP_SESSION_KEY, has_authenticator, mfa_required

SETUP_KEY_SESSION_KEY = "mfa_setup_key"


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return resolve_url("home")


def _step_done(request: HttpRequest, device) -> None:
    otp_login(request, device)
    request.session[STEP_SESSION_KEY] = DONE
    # A new session id for the verified session, as after the password.
    request.session.cycle_key()


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "enrolled": has_authenticator(user),
        "required": mfa_required(user),
        "remaining": services.remaining_recovery_codes(user),
        "form": CodeForm(),
    }
    return render(request, "mfa/overview.html", context)


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if has_authenticator(user):
        return redirect("mfa:overview")
    # The secret waits in the session until the app proves it has it: nothing is
    # stored for a set-up that is never finished.
    key = request.session.get(SETUP_KEY_SESSION_KEY)
    if key is None:
        key = request.session[SETUP_KEY_SESSION_KEY] = services.new_secret()
    form = NewAuthenticatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.authenticator_enrol(user=user, key=key, code=form.cleaned_data["code"])
        except services.CodeRefused:
            form.add_error("code", _("Die code klopt niet. Typ de 6 cijfers die de app nu toont."))
        else:
            del request.session[SETUP_KEY_SESSION_KEY]
            _step_done(request, device)
            # Shown once, in this answer, never stored for a later page.
            return render(
                request, "mfa/recovery_codes.html", {"codes": codes, "enrolled_now": True, "next": _next_url(request)}
            )
    uri = services.provisioning_uri(user=user, key=key)
    context = {
        "form": form,
        "secret": services.secret_as_text(key),
        "qr_svg": segno.make(uri, error="m").svg_inline(scale=5, border=2, omitsize=False),
        "required": mfa_required(user),
        "next": request.GET.get(REDIRECT_FIELD_NAME, ""),
    }
    return render(request, "mfa/setup.html", context, status=400 if form.errors else 200)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified() or not has_authenticator(user):
        request.session[STEP_SESSION_KEY] = DONE if user.is_verified() or not mfa_required(user) else ENROL
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = services.code_verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            _step_done(request, device)
            return redirect(_next_url(request))
        form.add_error("code", THROTTLED if throttled else WRONG_CODE)
    context = {"form": form, "next": request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")}
    return render(request, "mfa/verify.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if not has_authenticator(request.user):
        messages.error(request, _("Stel eerst een authenticator-app in."))
        return redirect("mfa:overview")
    codes = services.recovery_codes_renew(user=request.user)
    return render(request, "mfa/recovery_codes.html", {"codes": codes, "next": resolve_url("mfa:overview")})


@require_POST
@login_required
def disable(request: HttpRequest) -> HttpResponse:
    user = request.user
    if mfa_required(user):
        messages.error(request, _("Voor jouw account is tweestapsverificatie verplicht; je kunt ze niet uitschakelen."))
        return redirect("mfa:overview")
    if not has_authenticator(user):
        return redirect("mfa:overview")
    form = CodeForm(request.POST)
    if form.is_valid():
        done, throttled = services.mfa_disable(user=user, code=form.cleaned_data["code"])
        if done:
            messages.success(request, _("Tweestapsverificatie is uitgeschakeld."))
            return redirect("mfa:overview")
        form.add_error("code", THROTTLED if throttled else WRONG_CODE)
    context = {"enrolled": True, "required": False, "remaining": services.remaining_recovery_codes(user), "form": form}
    return render(request, "mfa/overview.html", context, status=400)
