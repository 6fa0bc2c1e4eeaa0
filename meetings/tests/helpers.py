"""Small helpers shared by the meeting and decision page tests (the personas are in the root conftest)."""

import datetime
import re
from decimal import Decimal

from django.test import Client

from bodies import seed
from bodies.models import Body, Mandate, Person
from meetings.tests.factories import AttendanceFactory, MeetingFactory

# A meeting date inside every seed mandate's validity and every persona's membership.
MEETING_DAY = datetime.date(2026, 12, 1)


def body(network, name: str = seed.KERNTEAM) -> Body:
    return Body.objects.get(network=network, name=name)


def person(user) -> Person:
    return Person.objects.get(user=user)


def kernteam_limit(network, amount: str = "5000") -> Mandate:
    """The Kernteam's decide mandate with a limit, saved so its history has the version."""
    mandate = Mandate.objects.get(body=body(network), kind=Mandate.Kind.DECIDE)
    mandate.limit_eur = Decimal(amount)
    mandate.save()
    return mandate


def meeting_of(network, name: str = seed.KERNTEAM, day: datetime.date = MEETING_DAY, **kwargs):
    return MeetingFactory(body=body(network, name), date=day, **kwargs)


def present(meeting, *users):
    for user in users:
        AttendanceFactory(meeting=meeting, person=person(user))


def csrf_client(user) -> Client:
    """A client that checks CSRF tokens, as a browser-facing server does."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    """The texts of the messages shown on a (followed) response."""
    return [str(message) for message in response.context["messages"]]


def main_html(response) -> str:
    """The page's <main>, without header and footer."""
    html = response.content.decode()
    match = re.search(r"<main.*?</main>", html, re.S)
    return match.group(0) if match else html
