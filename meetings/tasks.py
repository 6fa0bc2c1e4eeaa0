"""Background work on meetings."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .services.agenda import agenda_changes_announce_due
from .services.planning import meetings_plan


@shared_task
def plan_meetings() -> int:
    """Keep every body's meetings planned MEETING_PLANNING_HORIZON_DAYS ahead of today.

    Idempotent: a second run, or two beats at once, make nothing twice. Returns the
    number of meetings made.
    """
    return meetings_plan(today=timezone.localdate(), horizon_days=settings.MEETING_PLANNING_HORIZON_DAYS)


@shared_task(acks_late=True, ignore_result=True)
def announce_agenda_changes() -> int:
    """Announce the agenda changes that have been quiet long enough (every minute in beat).

    Idempotent: announced changes are marked under the meeting's lock, and the mails
    have a unique key per announcement.
    """
    return agenda_changes_announce_due()
