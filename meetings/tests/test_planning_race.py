"""Two planners running at the same moment (a beat that fired twice) make each meeting once."""

import threading

import pytest
from django.db import OperationalError, connection

from meetings.models import Meeting
from meetings.services.planning import meetings_plan

from .test_planning_service import TODAY, body_with_cadence

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_planners_make_each_meeting_once_with_one_history_row():
    bodies = [body_with_cadence(), body_with_cadence(rrule="FREQ=MONTHLY;BYMONTHDAY=3")]
    start = threading.Barrier(2)
    made, errors = [], []

    def plan():
        try:
            start.wait()
            made.append(meetings_plan(today=TODAY, horizon_days=120, bodies=bodies))
        except OperationalError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=plan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # PostgreSQL makes the second planner wait on the first one's rows, then skip
    # them; SQLite (immediate transactions, busy timeout, a file test database) makes
    # it wait for the first one's commit. Neither refuses a writer.
    assert errors == []
    assert sorted(made) == [0, 21]
    made.append(meetings_plan(today=TODAY, horizon_days=120, bodies=bodies))
    # 17 Wednesdays and 4 third days of the month in 120 days, each made once, with
    # one creation in its history.
    assert Meeting.objects.count() == 21
    assert sum(made) == 21
    assert Meeting.history.filter(history_type="+").count() == 21
    assert meetings_plan(today=TODAY, horizon_days=120, bodies=bodies) == 0
