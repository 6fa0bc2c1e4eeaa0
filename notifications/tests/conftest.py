"""Fixtures for the notification tests, and where the real-worker tests run.

Tests marked `worker` start real Celery worker processes against Redis and the
test's PostgreSQL database. They are *deselected* (not skipped) unless REDIS_URL is
set and DATABASE_URL points at PostgreSQL — that is the PostgreSQL run of .ci/run;
the SQLite run covers the same rules in-process (test_sending*.py).
"""

import datetime
import os

import pytest
from django.utils import timezone

from bodies import seed
from bodies.models import Body
from meetings.tests.factories import MeetingFactory


def workers_possible() -> bool:
    return bool(os.environ.get("REDIS_URL")) and os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))


def pytest_collection_modifyitems(config, items):
    if workers_possible():
        return
    deselected = [item for item in items if item.get_closest_marker("worker")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("worker")]


@pytest.fixture
def beleidsgroep(network):
    return Body.objects.get(network=network, name=seed.BELEIDSGROEP)


@pytest.fixture
def members(coordinator, voting_member, member_without_vote, chair):
    """The Beleidsgroep's members among the personas (the Forum member is not one)."""
    return [coordinator, voting_member, member_without_vote, chair]


@pytest.fixture
def meeting(beleidsgroep, members):
    """A Beleidsgroep meeting a week from today, 19:00, in Genk."""
    return MeetingFactory(
        body=beleidsgroep,
        date=timezone.localdate() + datetime.timedelta(days=7),
        start_time=datetime.time(19, 0),
        duration_minutes=90,
        location="Stadhuis Genk",
    )
