"""Meetings as iCalendar: parsed back with the icalendar package, as a calendar client would."""

import datetime

import pytest
from icalendar import Calendar

from meetings.tests.factories import MeetingFactory
from meetings.ical import CANCEL, PRODID, REQUEST, calendar_for, invitation_method, meeting_uid
from meetings.models import Meeting

pytestmark = pytest.mark.django_db

BRUSSELS = "Europe/Brussels"
STAMP = datetime.datetime(2026, 11, 20, 9, 30, tzinfo=datetime.UTC)


def parse(data: bytes) -> Calendar:
    assert isinstance(data, bytes)
    return Calendar.from_ical(data)


def events(calendar: Calendar):
    return calendar.walk("VEVENT")


def assert_valid(calendar: Calendar) -> None:
    """What RFC 5545 requires of every calendar and event we make (plus the package's own check)."""
    calendar.validate()
    # The parser records what it could not read instead of failing: nothing here.
    assert [c.errors for c in calendar.walk() if c.errors] == []
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == PRODID
    assert calendar.get_missing_tzids() == set()
    for event in events(calendar):
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE", "STATUS"):
            assert required in event, required


@pytest.fixture
def meeting(network):
    return MeetingFactory(
        body=network.bodies.get(slug="beleidsgroep"),
        date=datetime.date(2026, 12, 1),
        start_time=datetime.time(14, 0),
        duration_minutes=90,
        location="Stadhuis Genk, zaal 2",
    )


def test_a_meeting_becomes_one_valid_event_in_brussels_time(meeting):
    calendar = parse(calendar_for([meeting], name="Beleidsgroep", url_for=lambda m: "https://x.test/m/1/", stamp=STAMP))

    assert_valid(calendar)
    assert calendar["METHOD"] == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Beleidsgroep"
    [event] = events(calendar)
    assert event["UID"] == f"meeting-{meeting.pk}@governance.plan-trekkers"
    assert event["SEQUENCE"] == 0
    assert event.start == datetime.datetime(2026, 12, 1, 14, 0, tzinfo=event.start.tzinfo)
    assert event["DTSTART"].params["TZID"] == BRUSSELS
    assert event.start.utcoffset() == datetime.timedelta(hours=1)
    assert event.end - event.start == datetime.timedelta(minutes=90)
    assert event["DTSTAMP"].dt == STAMP
    assert str(event["SUMMARY"]) == "Beleidsgroep – vergadering"
    assert str(event["LOCATION"]) == "Stadhuis Genk, zaal 2"
    assert "https://x.test/m/1/" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == "https://x.test/m/1/"
    assert event["STATUS"] == "CONFIRMED"
    [tz] = calendar.timezones
    assert tz.tz_name == BRUSSELS


def test_summer_meetings_get_the_summer_offset(meeting):
    meeting.date = datetime.date(2027, 6, 15)
    event = events(parse(calendar_for([meeting], name="x")))[0]
    assert event.start.utcoffset() == datetime.timedelta(hours=2)


def test_a_meeting_without_start_time_is_an_all_day_event(meeting):
    meeting.start_time = None
    [event] = events(parse(calendar_for([meeting], name="x")))
    assert event.start == datetime.date(2026, 12, 1)
    assert event.end == datetime.date(2026, 12, 2)
    assert event["DTSTART"].params.get("VALUE") == "DATE"


def test_a_meeting_without_start_time_does_not_mark_the_day_busy(meeting):
    meeting.start_time = None
    [event] = events(parse(calendar_for([meeting], name="x")))
    assert event["TRANSP"] == "TRANSPARENT"


def test_a_meeting_with_a_start_time_marks_its_time_busy(meeting):
    [event] = events(parse(calendar_for([meeting], name="x")))
    assert event["TRANSP"] == "OPAQUE"


def test_a_meeting_without_length_has_no_end(meeting):
    meeting.duration_minutes = None
    [event] = events(parse(calendar_for([meeting], name="x")))
    assert "DTEND" not in event
    assert "DURATION" not in event


def test_a_moved_meeting_keeps_its_uid_with_a_higher_sequence_and_the_new_start(meeting):
    before = events(parse(calendar_for([meeting], name="x")))[0]
    # What the move service does: a new date and time, the sequence raised.
    Meeting.objects.filter(pk=meeting.pk).update(
        date=datetime.date(2026, 12, 8), start_time=datetime.time(9, 30), sequence=meeting.sequence + 1
    )
    meeting.refresh_from_db()

    after = events(parse(calendar_for([meeting], name="x")))[0]

    assert after["UID"] == before["UID"] == meeting_uid(meeting)
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.start.replace(tzinfo=None) == datetime.datetime(2026, 12, 8, 9, 30)


def test_a_cancelled_meeting_says_so_with_its_reason(meeting):
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = "Te weinig agendapunten"
    meeting.sequence = 3
    calendar = parse(calendar_for([meeting], name="x"))
    [event] = events(calendar)
    assert_valid(calendar)
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 3
    assert str(event["SUMMARY"]).startswith("Geannuleerd")
    assert "Te weinig agendapunten" in str(event["DESCRIPTION"])


def test_invitations_are_requests_and_cancellations_with_organizer_and_attendees(meeting):
    assert invitation_method(meeting) == REQUEST
    data = calendar_for(
        [meeting],
        name="x",
        method=REQUEST,
        organizer=("Plan-trekkers", "governance@example.org"),
        attendees=[("An Maes", "an@example.org")],
    )
    calendar = parse(data)
    [event] = events(calendar)
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["ORGANIZER"]) == "mailto:governance@example.org"
    assert str(event["ATTENDEE"]) == "mailto:an@example.org"
    assert event["ATTENDEE"].params["CN"] == "An Maes"

    meeting.status = Meeting.Status.CANCELLED
    assert invitation_method(meeting) == CANCEL
    assert parse(calendar_for([meeting], name="x", method=CANCEL))["METHOD"] == "CANCEL"


def test_feeds_carry_no_attendees(meeting):
    calendar = parse(calendar_for([meeting], name="x", attendees=[("An Maes", "an@example.org")]))
    assert "ATTENDEE" not in events(calendar)[0]


def test_an_unknown_method_is_refused(meeting):
    with pytest.raises(ValueError):
        calendar_for([meeting], name="x", method="PUBLISHED")


def test_text_with_html_commas_semicolons_and_newlines_is_escaped_and_comes_back_intact(meeting):
    meeting.location = "Zaal <b>A</b>; 1e verdieping,\nachteraan\\links"
    meeting.body.name = "Raad <script>alert(1)</script>"
    data = calendar_for([meeting], name="Naam; met, tekens")

    # No raw newline inside a property value: every line is a property or a folded continuation.
    for line in data.split(b"\r\n"):
        assert line == b"" or line[:1] == b" " or b":" in line
    assert b"\\;" in data and b"\\," in data and b"\\n" in data
    [event] = events(parse(data))
    assert str(event["LOCATION"]) == meeting.location
    assert str(event["SUMMARY"]) == "Raad <script>alert(1)</script> – vergadering"


def test_long_lines_are_folded_at_75_octets(meeting):
    meeting.location = "Ééé " * 60
    data = calendar_for([meeting], name="x")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    assert str(events(parse(data))[0]["LOCATION"]) == meeting.location


def test_an_empty_calendar_is_still_a_calendar():
    calendar = parse(calendar_for([], name="Leeg"))
    assert_valid(calendar)  # RFC 5545 wants one component at least: the time zone
    assert events(calendar) == []
    assert [tz.tz_name for tz in calendar.timezones] == [BRUSSELS]


def test_the_time_zone_definition_carries_no_english_comment(meeting):
    [tz] = parse(calendar_for([meeting], name="x")).timezones
    assert "COMMENT" not in tz


def test_many_meetings_share_one_timezone_definition(network):
    body = network.bodies.get(slug="kernteam")
    meetings = [
        MeetingFactory(body=body, date=datetime.date(2026, 1, 1) + datetime.timedelta(days=14 * i), start_time=datetime.time(10))
        for i in range(30)
    ]
    calendar = parse(calendar_for(meetings, name="Kernteam"))
    assert_valid(calendar)
    assert len(calendar.timezones) == 1
    assert len({str(e["UID"]) for e in events(calendar)}) == 30
