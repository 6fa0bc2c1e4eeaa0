import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings.dev")

app = Celery("governance")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def record_first_heartbeat(**kwargs):
    """So /healthz sees a fresh worker at once, not only after the first beat."""
    from . import health

    health.record_worker_heartbeat()
