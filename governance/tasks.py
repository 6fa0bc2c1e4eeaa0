from celery import shared_task

from . import health


@shared_task
def record_worker_heartbeat() -> None:
    health.record_worker_heartbeat()
