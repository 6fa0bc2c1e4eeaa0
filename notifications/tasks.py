"""Celery tasks: plan the due notifications, send them.

Both are safe to run any number of times, at once, or redelivered after a worker
crash (task_acks_late): planning only adds rows under a unique key, sending only
takes rows that are still pending (see notifications.sending).
"""

from celery import shared_task

from . import password_reset
from .planning import plan_due
from .sending import send_due


@shared_task(acks_late=True, ignore_result=True)
def plan_notifications() -> int:
    """Add the rows due now (every 15 minutes in beat) and send them."""
    offered = plan_due()
    if offered:
        send_due_notifications.delay()
    return offered


@shared_task(bind=True, acks_late=True, ignore_result=True)
def send_due_notifications(self) -> dict:
    """Claim and send due notifications (every minute in beat, and on commit of new rows)."""
    worker = self.request.hostname or "local"
    outcome = send_due(worker=worker)
    return {"sent": outcome.sent, "skipped": outcome.skipped, "failed": outcome.failed, "released": outcome.released}


@shared_task(acks_late=True, ignore_result=True)
def send_password_reset(request_id: str, email: str, language: str) -> int:
    """Send the reset mail asked for on the site (notifications.password_reset); once, even when run twice."""
    return password_reset.send_password_reset(request_id=request_id, email=email, language=language)
