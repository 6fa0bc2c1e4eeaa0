"""The daily beat task plans MEETING_PLANNING_HORIZON_DAYS ahead of today."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from governance.celery import app
from meetings.models import Meeting
from meetings.tasks import plan_meetings

from .test_planning_service import body_with_cadence

pytestmark = pytest.mark.django_db


def test_the_task_plans_the_horizon_from_the_setting(settings):
    settings.MEETING_PLANNING_HORIZON_DAYS = 14
    body = body_with_cadence(rrule="FREQ=DAILY", active_from=datetime.date(2020, 1, 1))

    made = plan_meetings.apply().get()

    today = timezone.localdate()
    dates = list(Meeting.objects.filter(body=body).values_list("cadence_date", flat=True))
    assert made == len(dates) == 15
    assert dates[0] == today and dates[-1] == today + datetime.timedelta(days=14)
    assert plan_meetings() == 0


def test_the_beat_runs_it_daily_and_the_worker_knows_it():
    entry = settings.CELERY_BEAT_SCHEDULE["plan-meetings"]
    assert entry["task"] == "meetings.tasks.plan_meetings"
    assert entry["schedule"].hour == {1} and entry["schedule"].minute == {10}
    app.loader.import_default_modules()
    assert "meetings.tasks.plan_meetings" in app.tasks


def test_the_horizon_defaults_to_120_days():
    assert settings.MEETING_PLANNING_HORIZON_DAYS == 120
