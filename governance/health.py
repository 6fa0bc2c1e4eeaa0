"""What /healthz reports: can we reach the database, the broker, is a worker alive, does mail go out."""

import datetime
import time

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

HEARTBEAT_CACHE_KEY = "health:worker-heartbeat"


def record_worker_heartbeat() -> None:
    cache.set(HEARTBEAT_CACHE_KEY, time.time(), timeout=None)


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means "down"
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def check_broker() -> dict:
    try:
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
    except Exception as error:
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "transport": transport}


def check_worker() -> dict:
    try:
        last_beat = cache.get(HEARTBEAT_CACHE_KEY)
    except Exception as error:
        return {"ok": False, "error": error.__class__.__name__}
    if last_beat is None:
        return {"ok": False, "last_heartbeat_seconds_ago": None}
    age = round(time.time() - last_beat)
    return {"ok": age <= settings.WORKER_HEARTBEAT_MAX_AGE, "last_heartbeat_seconds_ago": age}


# How far back a failed send still makes /healthz say "degraded".
MAIL_FAILURES_WINDOW = datetime.timedelta(hours=1)


def check_mail() -> dict:
    """Failed or stuck sends: notifications and password-reset mails.

    Counts, for the last hour, the notifications and reset mails that failed, the
    notifications waiting because the mail server could not be reached, and the rows
    stuck in "sending" (uncertain, see notifications.sending). Any of them makes the
    report degraded; /healthz still answers 200.
    """
    from notifications.models import Notification, PasswordResetMail

    since = timezone.now() - MAIL_FAILURES_WINDOW
    failed = Notification.State.FAILED
    try:
        report = {
            "failed_last_hour": Notification.objects.filter(state=failed, claimed_at__gte=since).count(),
            "password_resets_failed_last_hour": PasswordResetMail.objects.filter(
                state=failed, claimed_at__gte=since
            ).count(),
            "waiting_for_mail_server": Notification.objects.filter(
                state=Notification.State.PENDING, attempts__gt=0
            ).exclude(last_error="").count(),
            "uncertain": Notification.objects.uncertain().count() + PasswordResetMail.objects.uncertain().count(),
        }
    except Exception as error:  # the database check reports the cause
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": not any(report.values()), **report}
