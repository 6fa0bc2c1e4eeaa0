"""The daily beat task plans MEETING_PLANNING_HORIZON_DAYS ahead of today."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from bodies.models import HolidayRule
from governance.celery import app
from meetings.models import Meeting
from meetings.tasks import plan_meetings

from .test_planning_service import body_with_cadence

pytestmark = pytest.mark.django_db


def test_the_task_plans_the_horizon_from_the_setting(settings):
    settings.MEETING_PLANNING_HORIZON_DAYS = 14
    body = body_with_cadence(
        rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", rule=HolidayRule.KEEP, active_from=datetime.date(2020, 1, 1)
    )

    made = plan_meetings.apply().get()

    # Every working day after today, up to 14 days ahead.
    today = timezone.localdate()
    expected = [today + datetime.timedelta(days=n) for n in range(1, 15)]
    expected = [day for day in expected if day.weekday() < 5]
    dates = list(Meeting.objects.filter(body=body).order_by("cadence_date").values_list("cadence_date", flat=True))
    assert made == len(dates)
    assert dates == expected
    assert plan_meetings() == 0


def test_the_beat_runs_it_daily_and_the_worker_knows_it():
    entry = settings.CELERY_BEAT_SCHEDULE["plan-meetings"]
    assert entry["task"] == "meetings.tasks.plan_meetings"
    assert entry["schedule"].hour == {1} and entry["schedule"].minute == {10}
    app.loader.import_default_modules()
    assert "meetings.tasks.plan_meetings" in app.tasks


def test_the_horizon_defaults_to_120_days():
    assert settings.MEETING_PLANNING_HORIZON_DAYS == 120
