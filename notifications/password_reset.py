"""The password-reset mail, sent by a worker so that the reset page cannot tell who has a login.

The request (notifications.forms.password_reset_request) only queues a task with the address typed in,
on commit, whatever the address: no user lookup, the same work for a known and an
unknown address. The task (send_password_reset) looks the logins up, makes one
PasswordResetMail row per login for this request (the unique key makes a second
run find it), claims it (pending → sending), builds the mail with a fresh token
and records it as sent or failed. A failure is logged with the row's id (never
the link) and shows on /healthz (governance.health.check_mail). A failed reset is
not retried: the person asks again, and a link arriving much later is of no use.
"""

import datetime
import logging
from email.utils import formataddr

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .mails import _domain, absolute
from .models import PasswordResetMail

logger = logging.getLogger(__name__)


def mail_language(language: str | None) -> str:
    """The language the person asked in (the site's language switch), else the site's own: Dutch."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = (language or "").split("-")[0]
    return language if language in codes else settings.LANGUAGE_CODE


def send_password_reset(*, request_id: str, email: str, language: str) -> int:
    """Send the reset mail to every active login with this address; returns how many went out."""
    sent = 0
    # Django's own rule for who may reset: active, a usable password, the address itself.
    for user in PasswordResetForm().get_users(email):
        if _recent_mails(user) >= settings.PASSWORD_RESET_MAILS_PER_HOUR:
            # Anyone may type anyone's address: a bound keeps the reset page from
            # flooding a mailbox. The person still has the links already sent.
            logger.warning("Password reset for user %s skipped: hourly limit reached", user.pk)
            continue
        row = _row_for(request_id, user, language)
        claimed = PasswordResetMail.objects.filter(pk=row.pk, state=PasswordResetMail.State.PENDING).update(
            state=PasswordResetMail.State.SENDING, claimed_at=timezone.now()
        )
        if not claimed:  # this request's mail is already sent, failed or being sent
            continue
        try:
            with mailers.default as connection:
                if connection.send_messages([build_reset_message(row, user)]) != 1:
                    raise RuntimeError("de mailserver nam het bericht niet aan")
        except Exception as error:
            logger.exception("Password reset mail %s failed", row.pk)
            _mark(row, PasswordResetMail.State.FAILED, last_error=f"{error.__class__.__name__}: {error}"[:500])
        else:
            _mark(row, PasswordResetMail.State.SENT, sent_at=timezone.now())
            sent += 1
    return sent


def _recent_mails(user) -> int:
    since = timezone.now() - datetime.timedelta(hours=1)
    return PasswordResetMail.objects.filter(user=user, created_at__gte=since).count()


def _row_for(request_id: str, user, language: str) -> PasswordResetMail:
    try:
        with transaction.atomic():
            return PasswordResetMail.objects.get_or_create(
                request_id=request_id, user=user, defaults={"language": language}
            )[0]
    except IntegrityError:  # two runs at once: the other one made it
        return PasswordResetMail.objects.get(request_id=request_id, user=user)


def _mark(row: PasswordResetMail, state: str, **fields) -> None:
    PasswordResetMail.objects.filter(pk=row.pk, state=PasswordResetMail.State.SENDING).update(state=state, **fields)


def build_reset_message(row: PasswordResetMail, user) -> EmailMultiAlternatives:
    """The mail with a fresh one-time link, in the row's language."""
    path = reverse(
        "password_reset_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
    )
    name = user.get_full_name() or user.get_username()
    with translation.override(row.language):
        context = {
            "name": name,
            "username": user.get_username(),
            "url": absolute(path),
            "site": _domain(),
            "valid_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
            "language": row.language,
        }
        message = EmailMultiAlternatives(
            subject=_("Wachtwoord opnieuw instellen voor %(site)s") % {"site": _domain()},
            body=render_to_string("emails/password_reset.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[formataddr((name, getattr(user, user.get_email_field_name())))],
            headers={
                "Message-ID": f"<password-reset-{row.pk}@{_domain()}>",
                "Auto-Submitted": "auto-generated",
                "X-Auto-Response-Suppress": "All",
            },
        )
        message.attach_alternative(render_to_string("emails/password_reset.html", context), "text/html")
    return message
