from django.urls import reverse
from icalendar import Calendar


def personal_url(token: str) -> str:
    return reverse("calendars:personal_feed", kwargs={"feed_token": token})


def network_url(token: str, network: str = "plantrekkers") -> str:
    return reverse("calendars:network_feed", kwargs={"feed_token": token, "network": network})


def body_url(token: str, body: str = "beleidsgroep", network: str = "plantrekkers") -> str:
    return reverse("calendars:body_feed", kwargs={"feed_token": token, "network": network, "body": body})


def parse_feed(response) -> Calendar:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    calendar.validate()
    # The parser records what it could not read instead of failing: nothing here.
    assert [c.errors for c in calendar.walk() if c.errors] == []
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.get_missing_tzids() == set()
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "SEQUENCE", "STATUS", "SUMMARY"):
            assert required in event, required
    return calendar


def summaries(calendar: Calendar) -> list[str]:
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
