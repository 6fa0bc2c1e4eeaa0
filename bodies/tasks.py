"""Background work on the governance structure."""

from celery import shared_task
from django.utils import timezone

from .access import access_sync_all


@shared_task
def sync_access() -> int:
    """Give and take rights for the start and end dates that passed overnight.

    Saves keep the groups in step already (bodies.signals); only the calendar moves
    without a save. Idempotent: a second run writes nothing. Returns the number of
    networks synchronised.
    """
    return access_sync_all(today=timezone.localdate())
