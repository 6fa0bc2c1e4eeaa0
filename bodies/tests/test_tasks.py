"""The daily task: rights follow the start and end dates that pass overnight.

Saves keep the groups in step already; these tests let a night pass without a
save (today's date moves on) and check that the task, run through Celery (eagerly
in tests), catches up.
"""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from bodies.models import AccessGroup
from bodies.tasks import sync_access
from bodies.tests.factories import MembershipFactory
from governance.celery import app as celery_app

pytestmark = pytest.mark.django_db

Kind = AccessGroup.Kind


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def tomorrow(today):
    return today + datetime.timedelta(days=1)


@pytest.fixture
def night_passes(monkeypatch, tomorrow):
    """From now on, today is tomorrow (Europe/Brussels); no row is saved."""

    def move_on():
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    return move_on


def body_group_kinds(membership) -> set[str]:
    user = membership.person.user
    return set(
        AccessGroup.objects.filter(group__user=user, body=membership.body).values_list("kind", flat=True)
    )


def test_a_membership_that_ended_yesterday_loses_the_bodys_groups(today, night_passes):
    membership = MembershipFactory(end_date=today)
    assert body_group_kinds(membership) == {Kind.BODY_MEMBERS, Kind.VOTING_MEMBERS}

    night_passes()
    sync_access.delay()

    assert body_group_kinds(membership) == set()


def test_a_membership_that_starts_today_gains_the_bodys_groups(tomorrow, night_passes):
    membership = MembershipFactory(start_date=tomorrow, office="chair")
    assert body_group_kinds(membership) == set()

    night_passes()
    sync_access.delay()

    assert body_group_kinds(membership) == {Kind.BODY_MEMBERS, Kind.VOTING_MEMBERS, Kind.OFFICERS}


def test_a_second_run_changes_nothing(today, night_passes):
    MembershipFactory(end_date=today)
    MembershipFactory(start_date=today + datetime.timedelta(days=1))
    night_passes()
    sync_access.delay()
    through = get_user_model().groups.through
    before = sorted(through.objects.values_list("pk", "user_id", "group_id"))

    sync_access.delay()

    assert sorted(through.objects.values_list("pk", "user_id", "group_id")) == before


def test_the_task_runs_every_night_shortly_after_midnight_in_brussels():
    entry = settings.CELERY_BEAT_SCHEDULE["sync-access"]
    assert entry["schedule"] == crontab(hour=0, minute=5)
    assert settings.CELERY_TIMEZONE == "Europe/Brussels"
    celery_app.loader.import_default_modules()
    assert entry["task"] in celery_app.tasks
