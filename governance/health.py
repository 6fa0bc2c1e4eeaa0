"""What /healthz reports: can we reach the database, the broker, and is a worker alive."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection

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
    from governance.celery import app

    try:
        with app.connection_for_write() as conn:
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
