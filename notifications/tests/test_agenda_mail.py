"""The agenda mail holds the agenda: each item's title, kind, presenter and planned time, in the mail and its .ics."""

import pytest
from django.core import mail
from icalendar import Calendar

from bodies.models import Person
from meetings.models import AgendaItem
from meetings.selectors.agenda import agenda_lines
from meetings.services.agenda import agenda_changes_announce, agenda_item_add, agenda_item_update, agenda_publish
from notifications.models import Kind, Notification
from notifications.sending import send_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(meeting, coordinator, chair):
    """Three items of the 19:00 meeting: 30 minutes, no planned time, 15 minutes."""
    presenter = Person.objects.get(user=chair)
    agenda_item_add(
        meeting=meeting, by=coordinator, title="Begroting 2027", kind=AgendaItem.Kind.DECISION,
        presenter=presenter, planned_minutes=30,
    )
    agenda_item_add(meeting=meeting, by=coordinator, title="Jaarplan", kind=AgendaItem.Kind.DISCUSSION)
    agenda_item_add(
        meeting=meeting, by=coordinator, title="Varia", kind=AgendaItem.Kind.INFORMATION, planned_minutes=15
    )
    return meeting


def published_mail(meeting, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(meeting=meeting, by=coordinator)
    return [message for message in mail.outbox if message.subject.startswith("Agenda Beleidsgroep")][0]


def test_the_lines_give_each_item_its_kind_presenter_and_planned_time(agenda):
    assert [line.text() for line in agenda_lines(agenda)] == [
        "1. Begroting 2027 (Besluit; inbreng: An Maes; 19:00, 30 min)",
        "2. Jaarplan (Bespreking; 19:30)",
        # After an item without a planned time, when the next one starts is not known.
        "3. Varia (Informatie; 15 min)",
    ]


def test_the_published_agenda_mail_lists_the_items(agenda, coordinator, django_capture_on_commit_callbacks):
    message = published_mail(agenda, coordinator, django_capture_on_commit_callbacks)
    assert "Agenda:\n1. Begroting 2027 (Besluit; inbreng: An Maes; 19:00, 30 min)\n2. Jaarplan" in message.body
    html = message.alternatives[0][0]
    assert "<strong>Begroting 2027</strong> (Besluit; inbreng: An Maes; 19:00, 30 min)" in html


def test_the_published_agenda_invitation_describes_the_items(agenda, coordinator, django_capture_on_commit_callbacks):
    message = published_mail(agenda, coordinator, django_capture_on_commit_callbacks)
    [event] = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    description = str(event["DESCRIPTION"])
    assert description.startswith("Agenda:\n1. Begroting 2027 (Besluit; inbreng: An Maes; 19:00, 30 min)\n")
    assert "3. Varia (Informatie; 15 min)" in description
    assert description.endswith(agenda.get_absolute_url())


def test_the_items_are_escaped_in_the_html_part(meeting, coordinator, django_capture_on_commit_callbacks):
    agenda_item_add(meeting=meeting, by=coordinator, title="<b>Begroting</b>")
    message = published_mail(meeting, coordinator, django_capture_on_commit_callbacks)
    html = message.alternatives[0][0]
    assert "<b>Begroting</b>" not in html and "&lt;b&gt;Begroting&lt;/b&gt;" in html


def test_the_changed_agenda_mail_lists_the_agenda_as_it_is_now(
    agenda, coordinator, chair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(meeting=agenda, by=coordinator)
    mail.outbox.clear()
    agenda_item_update(item=agenda.agenda_items.get(title="Jaarplan"), by=chair, planned_minutes=20)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_changes_announce(meeting=agenda, by=chair)
    send_due()
    message = next(message for message in mail.outbox if message.subject.startswith("Agenda gewijzigd"))
    assert "2. Jaarplan (Bespreking; 19:30, 20 min)" in message.body
    assert "3. Varia (Informatie; 19:50, 15 min)" in message.body


def test_a_later_invitation_keeps_the_agenda_in_its_description(agenda, coordinator, members):
    agenda_publish(meeting=agenda, by=coordinator)
    Notification.objects.all().delete()
    mail.outbox.clear()
    Notification.objects.create(
        recipient=Person.objects.get(user=members[1]),
        kind=Kind.MEETING_REMINDER,
        object_key=f"meeting:{agenda.pk}:{agenda.date.isoformat()}:7d",
        meeting=agenda,
    )
    send_due()
    [event] = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")
    assert "1. Begroting 2027" in str(event["DESCRIPTION"])


def test_an_invitation_before_publication_holds_no_draft_items(agenda, members):
    Notification.objects.create(
        recipient=Person.objects.get(user=members[1]),
        kind=Kind.MEETING_REMINDER,
        object_key=f"meeting:{agenda.pk}:{agenda.date.isoformat()}:7d",
        meeting=agenda,
    )
    send_due()
    [event] = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")
    assert "Begroting" not in str(event["DESCRIPTION"])
