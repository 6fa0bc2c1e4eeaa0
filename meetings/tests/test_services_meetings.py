"""Planning a meeting and recording who attended."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bodies import seed
from bodies.models import Seat
from bodies.tests.factories import MembershipFactory, PersonFactory
from meetings.models import Attendance, Meeting
from meetings.services.meetings import attendance_record, meeting_create

from .helpers import MEETING_DAY, body, meeting_of, person

pytestmark = pytest.mark.django_db


def test_meeting_create_plans_a_meeting_of_the_body(network):
    meeting = meeting_create(
        body=body(network), date=MEETING_DAY, start_time=datetime.time(19, 30), location="Genk"
    )

    assert Meeting.objects.get() == meeting
    assert (meeting.body.name, meeting.status, meeting.location) == (seed.KERNTEAM, "planned", "Genk")


def test_meeting_create_records_who_planned_it_in_the_history(network, coordinator):
    meeting = meeting_create(body=body(network), date=MEETING_DAY, by=coordinator)

    assert meeting.history.get().history_user == coordinator


def test_attendance_record_records_who_recorded_it_in_the_history(network, coordinator):
    meeting = meeting_of(network)

    attendance_record(meeting=meeting, statuses={person(coordinator).pk: "present"}, by=coordinator)

    assert Attendance.history.get().history_user == coordinator


def test_meeting_create_refuses_a_location_longer_than_the_field(network):
    with pytest.raises(ValidationError):
        meeting_create(body=body(network), date=MEETING_DAY, location="x" * 201)
    assert not Meeting.objects.exists()


def test_attendance_record_stores_a_status_per_member(network, coordinator, voting_member):
    meeting = meeting_of(network)

    attendance_record(
        meeting=meeting,
        statuses={person(coordinator).pk: "present", person(voting_member).pk: "excused"},
        by=coordinator,
    )

    assert dict(meeting.attendances.values_list("person__name", "status")) == {
        "Sara Peeters": "present",
        "Tom Janssens": "excused",
    }


def test_attendance_record_changes_an_earlier_status(network, coordinator, voting_member):
    meeting = meeting_of(network)
    attendance_record(meeting=meeting, statuses={person(voting_member).pk: "absent"})

    attendance_record(meeting=meeting, statuses={person(voting_member).pk: "present"})

    assert list(meeting.attendances.values_list("status", flat=True)) == ["present"]


def test_attendance_record_refuses_someone_outside_the_body_and_writes_nothing(
    network, coordinator, forum_member
):
    meeting = meeting_of(network)

    with pytest.raises(ValidationError, match="Alleen wie op 1 december 2026 lid is van Kernteam"):
        attendance_record(
            meeting=meeting,
            statuses={person(coordinator).pk: "present", person(forum_member).pk: "present"},
        )
    assert not Attendance.objects.exists()


def test_attendance_record_refuses_a_member_whose_membership_ended_before_the_meeting(network):
    former = PersonFactory(network=network, name="Oud Lid")
    MembershipFactory(
        seat=Seat.objects.get(body=body(network), role__name="Kernpartner"),
        person=former,
        start_date=datetime.date(2023, 2, 1),
        end_date=MEETING_DAY - datetime.timedelta(days=1),
    )

    with pytest.raises(ValidationError):
        attendance_record(meeting=meeting_of(network), statuses={former.pk: "present"})


def test_attendance_record_refuses_an_unknown_status(network, coordinator):
    with pytest.raises(ValidationError, match="Kies aanwezig, verontschuldigd, afwezig of vervangen"):
        attendance_record(meeting=meeting_of(network), statuses={person(coordinator).pk: "maybe"})


def test_attendance_record_refuses_a_cancelled_meeting(network, coordinator):
    meeting = meeting_of(network, status=Meeting.Status.CANCELLED)

    with pytest.raises(ValidationError, match="geannuleerd"):
        attendance_record(meeting=meeting, statuses={person(coordinator).pk: "present"})


def test_attendance_record_refuses_a_meeting_that_has_not_taken_place_and_writes_nothing(network, coordinator):
    meeting = meeting_of(network, day=timezone.localdate() + datetime.timedelta(days=33))

    with pytest.raises(ValidationError, match="vindt pas plaats op"):
        attendance_record(meeting=meeting, statuses={person(coordinator).pk: "present"}, by=coordinator)
    assert not meeting.attendances.exists()


def test_attendance_record_accepts_the_meetings_own_day(network, coordinator):
    meeting = meeting_of(network, day=timezone.localdate())

    attendance_record(meeting=meeting, statuses={person(coordinator).pk: "present"}, by=coordinator)

    assert meeting.attendances.get().status == "present"
