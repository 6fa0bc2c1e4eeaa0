"""Sending: the mail itself, who gets it, and never twice (in-process; real workers in test_worker.py)."""

import datetime
import email
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from icalendar import Calendar

from bodies.models import Person
from calendars.tests.factories import FeedTokenFactory
from calendars.tests.helpers import parse_feed, personal_url
from core.dates import long_date
from meetings.models import ActionItem, Attendance, Meeting
from meetings.services.planning import meeting_cancel, meeting_move
from notifications.models import Kind, Notification, NotificationPreference
from notifications.planning import action_key, add_for_people
from notifications.sending import claim_batch, send_due

pytestmark = pytest.mark.django_db


def person(user) -> Person:
    return Person.objects.get(user=user)


def owe(users, kind=Kind.MEETING_REMINDER, key="meeting:test", **about):
    add_for_people([person(user).pk for user in users], kind=kind, key=key, **about)


def test_a_reminder_is_a_dutch_mail_with_text_html_a_link_and_an_invitation(meeting, voting_member):
    owe([voting_member], meeting=meeting, key=f"meeting:{meeting.pk}:{meeting.date}:7d")

    with override_settings(SITE_URL="https://bestuur.example.org"):
        outcome = send_due()

    assert outcome.sent == 1
    [message] = mail.outbox
    tom = person(voting_member)
    assert message.to == [f"Tom Janssens <{tom.email}>"]
    assert message.from_email == "governance@localhost"
    assert message.subject == f"Herinnering: Beleidsgroep op {long_date(meeting.date)}"
    link = f"https://bestuur.example.org/n/plantrekkers/meetings/{meeting.pk}/"
    assert "Dag Tom Janssens," in message.body
    assert "Beleidsgroep vergadert binnenkort" in message.body
    assert "19:00, Stadhuis Genk" in message.body
    assert link in message.body
    assert "https://bestuur.example.org/accounts/notifications/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert f'href="{link}"' in html and "Stadhuis Genk" in html
    [(filename, ics, ics_type)] = message.attachments
    assert (filename, ics_type) == ("vergadering.ics", "text/calendar; method=REQUEST; charset=utf-8")
    calendar = Calendar.from_ical(ics)
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == f"meeting-{meeting.pk}@governance.plan-trekkers"
    assert str(event["ATTENDEE"]) == f"mailto:{tom.email}"  # the invitation is to this person only
    assert str(event["URL"]) == link
    assert event.decoded("DTSTART") == timezone.make_aware(datetime.datetime.combine(meeting.date, datetime.time(19)))
    assert str(event["LOCATION"]) == "Stadhuis Genk"
    # The whole message parses as a mail with a plain and an HTML part and the invitation.
    parsed = email.message_from_bytes(message.message().as_bytes())
    assert [part.get_content_type() for part in parsed.walk() if not part.is_multipart()] == [
        "text/plain", "text/html", "text/calendar",
    ]  # fmt: skip
    assert parsed["Message-ID"].startswith("<notification-")
    row = Notification.objects.get()
    assert row.state == Notification.State.SENT and row.sent_at is not None and row.attempts == 1


def feed_uid(client, user, meeting) -> str:
    """The UID the person's calendar feed gives the meeting."""
    calendar = parse_feed(client.get(personal_url(FeedTokenFactory(user=user).token)))
    [uid] = [str(event["UID"]) for event in calendar.walk("VEVENT") if str(event["URL"]).endswith(f"/meetings/{meeting.pk}/")]
    return uid


def test_a_move_is_a_dutch_mail_with_where_it_was_and_is_and_a_new_invitation(client, meeting, voting_member):
    old_day, new_day = meeting.date, meeting.date + datetime.timedelta(days=2)
    # Tom heard of the meeting (he replied): the move is news to him.
    Attendance.objects.create(meeting=meeting, person=person(voting_member), reply=Attendance.Reply.ATTENDING)
    meeting_move(meeting=meeting, date=new_day, start_time=datetime.time(14), duration_minutes=60, location="Kantoor Hasselt")
    Notification.objects.exclude(recipient__user=voting_member).delete()  # one mail to read

    with override_settings(SITE_URL="https://bestuur.example.org"):
        assert send_due().sent == 1

    [message] = mail.outbox
    tom = person(voting_member)
    assert message.to == [f"Tom Janssens <{tom.email}>"]
    assert message.subject == f"Verplaatst: Beleidsgroep, nu op {long_date(new_day)}"
    link = f"https://bestuur.example.org/n/plantrekkers/meetings/{meeting.pk}/"
    with translation.override("nl"):
        was, becomes = date_format(old_day, "l j F Y"), date_format(new_day, "l j F Y")
    assert "De vergadering van Beleidsgroep is verplaatst." in message.body
    assert f"Oud: {was}, 19:00–20:30, Stadhuis Genk" in message.body
    assert f"Nieuw: {becomes}, 14:00–15:00, Kantoor Hasselt" in message.body
    assert "ze vervangt de vorige in je agenda" in message.body
    assert link in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert f"<s>{was}, 19:00–20:30, Stadhuis Genk</s>" in html
    assert f"<strong>{becomes}, 14:00–15:00, Kantoor Hasselt</strong>" in html
    [(filename, ics, ics_type)] = message.attachments
    assert (filename, ics_type) == ("vergadering.ics", "text/calendar; method=REQUEST; charset=utf-8")
    calendar = Calendar.from_ical(ics)
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert event["SEQUENCE"] == 1  # replaces the invitation of sequence 0 in mail clients
    assert event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTART") == timezone.make_aware(datetime.datetime.combine(new_day, datetime.time(14)))
    assert str(event["LOCATION"]) == "Kantoor Hasselt"
    assert str(event["ATTENDEE"]) == f"mailto:{tom.email}"
    assert event["UID"] == feed_uid(client, voting_member, meeting)


def test_a_cancellation_is_a_dutch_mail_with_the_reason_that_withdraws_the_invitation(client, meeting, chair):
    meeting_cancel(meeting=meeting, reason="De voorzitter is ziek & de zaal <bezet>")
    Notification.objects.exclude(recipient__user=chair).delete()  # one mail to read

    with override_settings(SITE_URL="https://bestuur.example.org"):
        assert send_due().sent == 1

    [message] = mail.outbox
    assert message.subject == f"Geannuleerd: Beleidsgroep van {long_date(meeting.date)}"
    assert "De vergadering van Beleidsgroep gaat niet door." in message.body
    assert "19:00, Stadhuis Genk" in message.body
    assert "Reden: De voorzitter is ziek & de zaal <bezet>" in message.body
    assert "ze haalt de vergadering uit je agenda" in message.body
    link = f"https://bestuur.example.org/n/plantrekkers/meetings/{meeting.pk}/"
    assert link in message.body
    [(html, _mimetype)] = message.alternatives
    assert "Reden: De voorzitter is ziek &amp; de zaal &lt;bezet&gt;" in html
    assert f'href="{link}"' in html
    [(filename, ics, ics_type)] = message.attachments
    assert (filename, ics_type) == ("vergadering.ics", "text/calendar; method=CANCEL; charset=utf-8")
    calendar = Calendar.from_ical(ics)
    assert calendar["METHOD"] == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert str(event["ATTENDEE"]) == f"mailto:{person(chair).email}"
    assert event["UID"] == feed_uid(client, chair, meeting)
    parsed = email.message_from_bytes(message.message().as_bytes())
    assert [part.get_content_type() for part in parsed.walk() if not part.is_multipart()] == [
        "text/plain", "text/html", "text/calendar",
    ]  # fmt: skip


@pytest.mark.parametrize("kind", [Kind.MEETING_MOVED, Kind.MEETING_CANCELLED])
def test_a_move_or_cancellation_of_a_meeting_already_past_is_not_mailed(meeting, chair, kind):
    Meeting.objects.filter(pk=meeting.pk).update(date=timezone.localdate() - datetime.timedelta(days=1))
    owe([chair], kind=kind, key="k", meeting=meeting)
    assert send_due().skipped == 1
    assert Notification.objects.get().last_error == "vergadering voorbij"


@pytest.mark.parametrize(
    "kind,subject,text,invitation",
    [
        (Kind.CALL_FOR_ITEMS, "Agendapunten voor Beleidsgroep", "Wil je een punt op de agenda?", False),
        (Kind.AGENDA_PUBLISHED, "Agenda Beleidsgroep", "is gepubliceerd", True),
        (Kind.AGENDA_CHANGED, "Agenda gewijzigd: Beleidsgroep", "- Punt 3 toegevoegd: Begroting", False),
        (Kind.MINUTES_AWAITING_APPROVAL, "Verslag ter goedkeuring: Beleidsgroep", "Het verslag van de vergadering", False),
    ],
)
def test_each_meeting_mail_has_its_subject_and_text(meeting, chair, kind, subject, text, invitation):
    meeting.minutes_status = Meeting.MinutesStatus.AWAITING_APPROVAL
    meeting.save()
    add_for_people([person(chair).pk], kind=kind, key="k", meeting=meeting, details={"changes": ["Punt 3 toegevoegd: Begroting"]})
    send_due()
    [message] = mail.outbox
    assert message.subject.startswith(subject)
    assert text in message.body
    assert len(message.alternatives) == 1
    assert bool(message.attachments) is invitation


def test_an_action_item_mail_names_the_item_and_links_to_it(meeting, voting_member):
    item = ActionItem.objects.create(
        meeting=meeting, title="Offerte opvragen", owner=person(voting_member), due_date=timezone.localdate()
    )
    owe([voting_member], kind=Kind.ACTION_ITEM_DUE, key=action_key(item), action_item=item)
    send_due()
    [message] = mail.outbox
    assert message.subject == "Actiepunt vervalt: Offerte opvragen"
    assert 'Je actiepunt "Offerte opvragen" moet klaar zijn tegen' in message.body
    assert f"/meetings/{meeting.pk}/#actiepunt-{item.pk}" in message.body
    assert not message.attachments


def test_a_waiting_action_item_mail_is_skipped_when_its_due_date_moved(meeting, voting_member):
    today = timezone.localdate()
    item = ActionItem.objects.create(meeting=meeting, title="Offerte opvragen", owner=person(voting_member), due_date=today)
    owe([voting_member], kind=Kind.ACTION_ITEM_DUE, key=action_key(item), action_item=item)
    item.due_date = today + datetime.timedelta(days=14)
    item.save()

    outcome = send_due()

    assert (outcome.sent, outcome.skipped, mail.outbox) == (0, 1, [])
    row = Notification.objects.get()
    assert (row.state, row.last_error) == (Notification.State.SKIPPED, "vervaldatum gewijzigd")


def test_sending_twice_sends_each_mail_once(meeting, members):
    owe(members, meeting=meeting)
    first, second = send_due(), send_due()
    assert (first.sent, second.sent) == (len(members), 0)
    assert len(mail.outbox) == len(members)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"{p.name} <{p.email}>" for p in Person.objects.filter(user__in=members)
    )


def test_a_row_left_in_sending_is_never_sent_again(meeting, voting_member, chair):
    owe([voting_member, chair], meeting=meeting)
    # A worker claimed both rows, sent a mail and died before recording anything.
    token, ids = claim_batch(worker="celery@dead")
    assert len(ids) == 2
    send_due()
    send_due()
    assert mail.outbox == []
    assert set(Notification.objects.values_list("state", flat=True)) == {Notification.State.SENDING}
    # After 15 minutes the admin calls them uncertain.
    assert not Notification.objects.uncertain().exists()
    later = timezone.now() + datetime.timedelta(minutes=16)
    assert Notification.objects.uncertain(now=later).count() == 2


def test_rows_not_yet_due_wait(meeting, voting_member):
    add_for_people([person(voting_member).pk], kind=Kind.MEETING_REMINDER, key="k", meeting=meeting,
                   due_at=timezone.now() + datetime.timedelta(hours=1))  # fmt: skip
    assert send_due().sent == 0
    assert Notification.objects.get().state == Notification.State.PENDING


def test_who_opted_out_is_skipped_and_the_row_kept(meeting, voting_member, chair):
    NotificationPreference.objects.create(user=voting_member, meeting_reminder=False)
    NotificationPreference.objects.create(user=chair, agenda_published=False)
    owe([voting_member, chair], meeting=meeting)
    outcome = send_due()
    assert (outcome.sent, outcome.skipped) == (1, 1)
    assert [m.to for m in mail.outbox] == [[f"An Maes <{person(chair).email}>"]]
    skipped = Notification.objects.get(recipient=person(voting_member))
    assert (skipped.state, skipped.last_error) == (Notification.State.SKIPPED, "uitgeschreven")


def test_someone_without_an_address_or_a_cancelled_meeting_is_skipped(meeting, voting_member, chair):
    Person.objects.filter(user=voting_member).update(email="")
    owe([voting_member, chair], meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    send_due()
    assert mail.outbox == []
    assert dict(Notification.objects.values_list("recipient__user", "last_error")) == {
        voting_member.pk: "geen e-mailadres",
        chair.pk: "vergadering geannuleerd",
    }


def test_an_unreachable_mail_server_sends_nothing_and_the_rows_wait(meeting, voting_member):
    owe([voting_member], meeting=meeting)
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.open", side_effect=ConnectionRefusedError("dicht")):
        outcome = send_due()
    assert outcome.released == 1 and mail.outbox == []
    row = Notification.objects.get()
    assert row.state == Notification.State.PENDING and row.due_at > timezone.now()
    assert "ConnectionRefusedError" in row.last_error


def test_a_refused_mail_is_marked_failed_and_the_others_go_out(meeting, voting_member, chair):
    owe([voting_member, chair], meeting=meeting)
    real = locmem.EmailBackend.send_messages
    tom = person(voting_member).email

    def refuse_tom(self, messages):
        if tom in messages[0].to[0]:
            raise OSError("550 mailbox unavailable")
        return real(self, messages)

    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse_tom):
        outcome = send_due()
    assert (outcome.sent, outcome.failed) == (1, 1)
    failed = Notification.objects.get(state=Notification.State.FAILED)
    assert failed.recipient.user == voting_member and "550" in failed.last_error


@pytest.mark.parametrize("people", [1, 4])
def test_claiming_takes_a_constant_number_of_queries(meeting, members, people, django_assert_max_num_queries):
    owe(members[:people], meeting=meeting)
    # Transaction, select for update, update, read back the claim.
    with django_assert_max_num_queries(5):
        _token, ids = claim_batch()
    assert len(ids) == people


def test_a_call_for_items_still_waiting_when_the_agenda_is_published_is_skipped(meeting, chair):
    owe([chair], kind=Kind.CALL_FOR_ITEMS, key=f"meeting:{meeting.pk}:call", meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(agenda_published_at=timezone.now())
    assert send_due().skipped == 1
    assert mail.outbox == []
    assert Notification.objects.get().last_error == "agenda al gepubliceerd"
