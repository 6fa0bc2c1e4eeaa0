"""The Celery tasks and their beat entries."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from notifications.tasks import plan_notifications, send_due_notifications

pytestmark = pytest.mark.django_db


def test_beat_plans_every_quarter_of_an_hour_and_sends_every_minute():
    schedule = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["notifications.tasks.plan_notifications"]["schedule"] == 15 * 60
    assert schedule["notifications.tasks.send_due_notifications"]["schedule"] == 60
    # A send beat that waited through an outage is dropped, not run late.
    assert schedule["notifications.tasks.send_due_notifications"]["options"]["expires"] <= 300
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


def test_the_tasks_are_acknowledged_late():
    assert plan_notifications.acks_late and send_due_notifications.acks_late


def test_planning_on_a_reminder_day_mails_the_members_once(meeting, members, monkeypatch):
    # It is 09:00 a week before the meeting.
    nine = timezone.make_aware(datetime.datetime.combine(meeting.date - datetime.timedelta(days=7), datetime.time(9)))
    monkeypatch.setattr(timezone, "now", lambda: nine)
    plan_notifications.delay()
    plan_notifications.delay()
    send_due_notifications.delay()
    assert len(mail.outbox) == len(members)
    assert Notification.objects.filter(state=Notification.State.SENT).count() == len(members)
