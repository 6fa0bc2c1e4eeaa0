"""A subscribed calendar follows the coordinator's move and cancellation (PLAN's services), step by step."""

import datetime

import pytest
from django.utils import timezone

from bodies.models import Body
from calendars.tests.factories import FeedTokenFactory
from calendars.tests.helpers import body_url, network_url, parse_feed, personal_url
from meetings.tests.factories import MeetingFactory
from meetings.services.planning import meeting_cancel, meeting_move

pytestmark = pytest.mark.django_db


def the_event(client, url, meeting):
    calendar = parse_feed(client.get(url))
    [event] = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == f"meeting-{meeting.pk}@governance.plan-trekkers"]
    return event


@pytest.mark.parametrize("feed", ["personal", "network", "body"])
def test_a_moved_then_cancelled_meeting_is_followed_through_in_every_feed(client, network, voting_member, coordinator, feed):
    token = FeedTokenFactory(user=voting_member).token
    url = {"personal": personal_url(token), "network": network_url(token), "body": body_url(token)}[feed]
    today = timezone.localdate()
    meeting = MeetingFactory(
        body=Body.objects.get(network=network, slug="beleidsgroep"),
        date=today + datetime.timedelta(days=10),
        start_time=datetime.time(14),
        duration_minutes=120,
        location="Stadhuis Genk",
    )
    planned = the_event(client, url, meeting)
    assert planned["STATUS"] == "CONFIRMED"

    new_day = today + datetime.timedelta(days=12)
    meeting_move(
        meeting=meeting, date=new_day, start_time=datetime.time(9, 30), duration_minutes=90,
        location="Kantoor Hasselt", by=coordinator,
    )
    moved = the_event(client, url, meeting)

    assert moved["UID"] == planned["UID"]
    assert moved["SEQUENCE"] > planned["SEQUENCE"]
    assert moved.start.replace(tzinfo=None) == datetime.datetime.combine(new_day, datetime.time(9, 30))
    assert moved.end - moved.start == datetime.timedelta(minutes=90)
    assert str(moved["LOCATION"]) == "Kantoor Hasselt"
    assert moved["STATUS"] == "CONFIRMED"

    meeting_cancel(meeting=meeting, reason="De voorzitter is ziek", by=coordinator)
    cancelled = the_event(client, url, meeting)

    assert cancelled["UID"] == planned["UID"]
    assert cancelled["SEQUENCE"] > moved["SEQUENCE"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert "De voorzitter is ziek" in str(cancelled["DESCRIPTION"])
