"""Background work on meetings."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .services.planning import meetings_plan


@shared_task
def plan_meetings() -> int:
    """Keep every body's meetings planned MEETING_PLANNING_HORIZON_DAYS ahead of today.

    Idempotent: a second run, or two beats at once, make nothing twice. Returns the
    number of meetings made.
    """
    return meetings_plan(today=timezone.localdate(), horizon_days=settings.MEETING_PLANNING_HORIZON_DAYS)
