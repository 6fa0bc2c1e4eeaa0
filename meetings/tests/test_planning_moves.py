"""Moving and cancelling a meeting: its history, cadence date and calendar sequence."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings import signals
from meetings.models import Meeting
from meetings.services.planning import meeting_cancel, meeting_move, meetings_plan

from .test_planning_service import TODAY, body_with_cadence

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def planned():
    body = body_with_cadence()
    meetings_plan(today=TODAY, horizon_days=30, bodies=[body])
    return Meeting.objects.get(body=body, cadence_date=D(2026, 11, 18))


@pytest.fixture
def received():
    seen = []

    def receiver(sender, **kwargs):
        seen.append(kwargs)

    signals.meeting_rescheduled.connect(receiver, dispatch_uid="test-moved")
    signals.meeting_cancelled.connect(receiver, dispatch_uid="test-cancelled")
    yield seen
    signals.meeting_rescheduled.disconnect(dispatch_uid="test-moved")
    signals.meeting_cancelled.disconnect(dispatch_uid="test-cancelled")


def move(meeting, **changes):
    data = {
        "date": meeting.date,
        "start_time": meeting.start_time,
        "duration_minutes": meeting.duration_minutes,
        "location": meeting.location,
    }
    data.update(changes)
    return meeting_move(meeting=meeting, today=TODAY, **data)


def test_a_move_keeps_the_cadence_date_raises_the_sequence_and_tells_the_calendars(planned, received, network_admin):
    user = network_admin

    assert move(planned, date=D(2026, 11, 19), start_time=datetime.time(9, 30), by=user) is True

    planned.refresh_from_db()
    assert (planned.date, planned.start_time, planned.cadence_date) == (D(2026, 11, 19), datetime.time(9, 30), D(2026, 11, 18))
    assert planned.sequence == 1
    assert received == [
        {
            "signal": signals.meeting_rescheduled,
            "meeting": planned,
            "by": user,
            "changes": ["date", "start_time"],
            "previous": {
                "date": D(2026, 11, 18),
                "start_time": datetime.time(14, 0),
                "duration_minutes": 90,
                "location": "Genk, Welzijnscampus",
            },
        }
    ]
    history = list(planned.history.order_by("history_date"))
    assert [(h.history_type, h.date, h.sequence) for h in history] == [("+", D(2026, 11, 18), 0), ("~", D(2026, 11, 19), 1)]
    assert history[-1].history_user == user


def test_a_move_that_changes_nothing_writes_nothing(planned, received):
    assert move(planned) is False
    planned.refresh_from_db()
    assert planned.sequence == 0 and planned.history.count() == 1 and received == []


def test_a_move_to_a_day_already_past_is_refused(planned):
    with pytest.raises(ValidationError) as error:
        move(planned, date=TODAY - datetime.timedelta(days=1))
    assert error.value.message_dict == {"date": ["Een vergadering verplaats je niet naar een dag die al voorbij is."]}
    planned.refresh_from_db()
    assert planned.date == D(2026, 11, 18) and planned.sequence == 0


def test_a_past_meeting_may_get_another_hour_without_moving_its_date(planned):
    assert meeting_move(
        meeting=planned, date=planned.date, start_time=datetime.time(10, 0), duration_minutes=60, location="", today=D(2027, 1, 1)
    )


def test_a_moved_meeting_is_moved_again_with_the_next_sequence(planned):
    move(planned, date=D(2026, 11, 19))
    move(planned, date=D(2026, 11, 20))
    planned.refresh_from_db()
    assert planned.sequence == 2 and planned.cadence_date == D(2026, 11, 18)


def test_a_cancellation_keeps_the_meeting_with_its_reason(planned, received, network_admin):
    user = network_admin

    meeting_cancel(meeting=planned, reason="  Te weinig agendapunten ", by=user)

    planned.refresh_from_db()
    assert planned.status == Meeting.Status.CANCELLED
    assert planned.cancel_reason == "Te weinig agendapunten"
    assert planned.sequence == 1
    assert received == [{"signal": signals.meeting_cancelled, "meeting": planned, "by": user}]
    assert planned.history.latest("history_date").history_user == user


def test_a_cancellation_needs_a_reason(planned):
    with pytest.raises(ValidationError) as error:
        meeting_cancel(meeting=planned, reason="  ")
    assert error.value.message_dict == {"reason": ["Geef een reden voor de annulering."]}


def test_a_cancelled_meeting_is_neither_cancelled_again_nor_moved(planned, received):
    meeting_cancel(meeting=planned, reason="Ziekte")
    with pytest.raises(ValidationError, match="al geannuleerd"):
        meeting_cancel(meeting=planned, reason="Nog eens")
    with pytest.raises(ValidationError, match="al geannuleerd"):
        move(planned, date=D(2026, 11, 25))
    planned.refresh_from_db()
    assert planned.sequence == 1 and planned.cancel_reason == "Ziekte" and len(received) == 1
