"""What meetings' services announce becomes rows in their transaction, and mails after commit."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from icalendar import Calendar

from bodies.models import Person
from core.dates import long_date
from meetings import signals
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.services.agenda import agenda_publish
from meetings.services.meetings import meeting_members
from meetings.services.planning import meeting_cancel, meeting_move
from notifications.models import Kind, Notification, NotificationPreference
from notifications.planning import add_for_people
from notifications.sending import send_due

pytestmark = pytest.mark.django_db


def test_publishing_the_agenda_mails_every_member_once_after_commit(
    meeting, members, coordinator, django_capture_on_commit_callbacks
):
    AgendaItem.objects.create(meeting=meeting, title="Begroting 2027")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        agenda_publish(meeting=meeting, by=coordinator)
        # Inside the transaction: the rows are there, nothing is sent yet.
        assert Notification.objects.filter(kind=Kind.AGENDA_PUBLISHED).count() == len(members)
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert len(mail.outbox) == len(members)
    assert {message.subject for message in mail.outbox} == {f"Agenda Beleidsgroep van {long_date(meeting.date)}"}
    assert set(Notification.objects.values_list("state", "object_key")) == {
        (Notification.State.SENT, f"meeting:{meeting.pk}:agenda")
    }


def test_a_signal_sent_twice_makes_one_row_per_person(meeting, members, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signals.agenda_published.send(sender=Meeting, meeting=meeting, by=None)
        signals.agenda_published.send(sender=Meeting, meeting=meeting, by=None)
    assert Notification.objects.count() == len(members)
    assert len(mail.outbox) == len(members)


def test_each_announcement_of_agenda_changes_is_mailed_once_with_what_changed(
    meeting, members, django_capture_on_commit_callbacks
):
    first = [{"text": "Punt toegevoegd: Begroting", "by": None}]
    second = [{"text": "Punt geschrapt: Varia", "by": None}]
    with django_capture_on_commit_callbacks(execute=True):
        signals.agenda_changed.send(sender=Meeting, meeting=meeting, by=None, changes=first, key="1")
        signals.agenda_changed.send(sender=Meeting, meeting=meeting, by=None, changes=first, key="1")
    with django_capture_on_commit_callbacks(execute=True):
        signals.agenda_changed.send(sender=Meeting, meeting=meeting, by=None, changes=second, key="2")
    rows = Notification.objects.filter(kind=Kind.AGENDA_CHANGED)
    assert rows.count() == 2 * len(members)
    assert set(rows.values_list("object_key", flat=True)) == {
        f"meeting:{meeting.pk}:agenda-change:1",
        f"meeting:{meeting.pk}:agenda-change:2",
    }
    assert len(mail.outbox) == 2 * len(members)
    assert sum("- Punt geschrapt: Varia" in message.body for message in mail.outbox) == len(members)


def test_submitted_minutes_go_to_the_bodys_members(meeting, members, django_capture_on_commit_callbacks):
    Meeting.objects.filter(pk=meeting.pk).update(
        date=timezone.localdate() - datetime.timedelta(days=1), minutes_status=Meeting.MinutesStatus.AWAITING_APPROVAL
    )
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        signals.minutes_submitted.send(sender=Meeting, meeting=meeting, by=None)
    assert set(Notification.objects.values_list("kind", "object_key")) == {
        (Kind.MINUTES_AWAITING_APPROVAL, f"minutes:{meeting.pk}")
    }
    assert len(mail.outbox) == len(members)


def test_a_change_rolled_back_leaves_no_row_and_sends_nothing(meeting, members, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                signals.agenda_published.send(sender=Meeting, meeting=meeting, by=None)
                raise RuntimeError("the publication failed")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("extra_members", [0, 10])
def test_a_receiver_costs_the_same_few_queries_for_any_body(
    meeting, members, extra_members, django_assert_max_num_queries
):
    from bodies.tests.factories import MembershipFactory, SeatFactory

    seat = SeatFactory(body=meeting.body)
    for number in range(extra_members):
        MembershipFactory(seat=seat, person__network=meeting.body.network, person__name=f"Lid {number}",
                          start_date=datetime.date(2023, 1, 1))  # fmt: skip
    # The members on the meeting date, one insert (with its savepoint).
    with django_assert_max_num_queries(4):
        signals.agenda_published.send(sender=Meeting, meeting=meeting, by=None)
    assert Notification.objects.count() == len(members) + extra_members


# --- A meeting moved or cancelled ---------------------------------------------------------


@pytest.fixture
def told(meeting, members):
    """Every member of the body heard of the meeting already (they replied): a move is news to them."""
    return tell_everyone(meeting)


def tell_everyone(meeting):
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, person_id=person_id, reply=Attendance.Reply.ATTENDING)
        for person_id in meeting_members(meeting)
    )


def move(meeting, by=None, **changes):
    data = {
        "date": meeting.date,
        "start_time": meeting.start_time,
        "duration_minutes": meeting.duration_minutes,
        "location": meeting.location,
    }
    return meeting_move(meeting=meeting, by=by, **{**data, **changes})


def test_moving_a_meeting_mails_every_member_told_of_it_once_after_commit(
    meeting, members, told, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        move(meeting, by=coordinator, date=meeting.date + datetime.timedelta(days=2))
        # Inside the move's transaction: one row per member, nothing sent yet.
        assert Notification.objects.filter(kind=Kind.MEETING_MOVED).count() == len(members)
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert len(mail.outbox) == len(members)
    assert {message.subject for message in mail.outbox} == {f"Verplaatst: Beleidsgroep, nu op {long_date(meeting.date)}"}
    assert set(Notification.objects.values_list("state", "object_key")) == {
        (Notification.State.SENT, f"meeting:{meeting.pk}:moved:1")
    }


def test_the_move_mail_keeps_where_the_meeting_was(meeting, members, told):
    old_day = meeting.date
    move(meeting, date=old_day + datetime.timedelta(days=2), location="Kantoor Hasselt")
    row = Notification.objects.filter(kind=Kind.MEETING_MOVED).first()
    assert row.details == {
        "previous": {"date": old_day.isoformat(), "start_time": "19:00", "duration_minutes": 90, "location": "Stadhuis Genk"},
        "fields": ["date", "location"],
    }


def test_a_retried_move_signal_adds_nothing(meeting, members, told, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        move(meeting, start_time=datetime.time(20, 0))
    with django_capture_on_commit_callbacks(execute=True):
        signals.meeting_rescheduled.send(sender=Meeting, meeting=meeting, by=None, changes=["start_time"], previous={})
    assert Notification.objects.count() == len(members)
    assert len(mail.outbox) == len(members)


def test_each_move_is_announced_so_two_moves_make_two_mails(meeting, members, told, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        move(meeting, start_time=datetime.time(20, 0))
    with django_capture_on_commit_callbacks(execute=True):
        move(meeting, location="Kantoor Hasselt")
    assert sorted(set(Notification.objects.values_list("object_key", flat=True))) == [
        f"meeting:{meeting.pk}:moved:1",
        f"meeting:{meeting.pk}:moved:2",
    ]
    assert len(mail.outbox) == 2 * len(members)
    assert sum("Nieuw: " in m.body and "20:00–21:30, Kantoor Hasselt" in m.body for m in mail.outbox) == len(members)


def test_a_move_that_changes_nothing_mails_nothing(meeting, members, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert move(meeting) is False
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_cancelling_a_meeting_mails_every_invited_person_once(
    meeting, members, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, reason="Te weinig punten", by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        signals.meeting_cancelled.send(sender=Meeting, meeting=meeting, by=None)  # retried
    assert set(Notification.objects.values_list("kind", "object_key", "state")) == {
        (Kind.MEETING_CANCELLED, f"meeting:{meeting.pk}:cancelled", Notification.State.SENT)
    }
    assert Notification.objects.count() == len(members)
    assert len(mail.outbox) == len(members)
    assert all("Reden: Te weinig punten" in message.body for message in mail.outbox)


def test_a_reminder_still_waiting_for_a_cancelled_meeting_is_skipped_but_the_cancellation_is_sent(
    meeting, members, django_capture_on_commit_callbacks
):
    reminder_key = f"meeting:{meeting.pk}:{meeting.date}:7d"
    add_for_people(meeting_members(meeting), kind=Kind.MEETING_REMINDER, key=reminder_key, meeting=meeting)
    add_for_people(meeting_members(meeting), kind=Kind.CALL_FOR_ITEMS, key=f"meeting:{meeting.pk}:call", meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, reason="De voorzitter is ziek")
    states = Notification.objects.values_list("kind", "state", "last_error")
    assert set(states) == {
        (Kind.MEETING_REMINDER, Notification.State.SKIPPED, "vergadering geannuleerd"),
        (Kind.CALL_FOR_ITEMS, Notification.State.SKIPPED, "vergadering geannuleerd"),
        (Kind.MEETING_CANCELLED, Notification.State.SENT, ""),
    }
    assert len(mail.outbox) == len(members)
    assert {message.subject for message in mail.outbox} == {f"Geannuleerd: Beleidsgroep van {long_date(meeting.date)}"}


def test_a_move_still_waiting_when_the_meeting_is_cancelled_is_skipped(meeting, members, told):
    # Both in one transaction, say: the move's mails have not gone out yet.
    move(meeting, location="Kantoor Hasselt")
    meeting_cancel(meeting=meeting, reason="Toch niet")
    send_due()
    assert dict(Notification.objects.values_list("kind", "state").distinct()) == {
        Kind.MEETING_MOVED: Notification.State.SKIPPED,
        Kind.MEETING_CANCELLED: Notification.State.SENT,
    }


def test_a_reminder_still_waiting_for_a_moved_meeting_gives_the_new_day(meeting, voting_member):
    tom = Person.objects.get(user=voting_member)
    add_for_people([tom.pk], kind=Kind.MEETING_REMINDER, key=f"meeting:{meeting.pk}:{meeting.date}:7d", meeting=meeting)
    new_day = meeting.date + datetime.timedelta(days=3)
    move(meeting, date=new_day, start_time=datetime.time(9, 30))
    send_due()
    [message] = [m for m in mail.outbox if m.subject.startswith("Herinnering")]
    assert message.subject == f"Herinnering: Beleidsgroep op {long_date(new_day)}"
    with translation.override("nl"):
        assert f"{date_format(new_day, 'l j F Y')}, 09:30, Stadhuis Genk" in message.body
    [event] = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").date() == new_day


def test_who_turned_off_moves_or_cancellations_gets_neither(meeting, members, told, voting_member, chair):
    NotificationPreference.objects.create(user=voting_member, meeting_moved=False, meeting_cancelled=False)
    NotificationPreference.objects.create(user=chair, meeting_reminder=False)  # another kind: no effect
    move(meeting, location="Kantoor Hasselt")
    meeting_cancel(meeting=meeting, reason="Toch niet")
    send_due()
    skipped = Notification.objects.filter(state=Notification.State.SKIPPED)
    assert set(skipped.values_list("recipient__user", "kind", "last_error")) == {
        (voting_member.pk, Kind.MEETING_MOVED, "uitgeschreven"),
        (voting_member.pk, Kind.MEETING_CANCELLED, "uitgeschreven"),
        # The move announced before the cancellation is not mailed any more, to anyone.
        *((user.pk, Kind.MEETING_MOVED, "vergadering geannuleerd") for user in members if user != voting_member),
    }
    assert len(mail.outbox) == len(members) - 1
    assert Person.objects.get(user=voting_member).email not in " ".join(m.to[0] for m in mail.outbox)


@pytest.mark.parametrize("extra_members", [0, 10])
def test_the_move_and_cancel_receivers_cost_the_same_few_queries_for_any_body(
    meeting, members, extra_members, django_assert_max_num_queries
):
    from bodies.tests.factories import MembershipFactory, SeatFactory

    seat = SeatFactory(body=meeting.body)
    for number in range(extra_members):
        MembershipFactory(seat=seat, person__network=meeting.body.network, person__name=f"Lid {number}",
                          start_date=datetime.date(2023, 1, 1))  # fmt: skip
    tell_everyone(meeting)
    # A move: who was told of the meeting, the members on the meeting date, one insert
    # (with its savepoint); a cancellation the same without the first.
    with django_assert_max_num_queries(5):
        signals.meeting_rescheduled.send(sender=Meeting, meeting=meeting, by=None, changes=["location"], previous={})
    with django_assert_max_num_queries(4):
        signals.meeting_cancelled.send(sender=Meeting, meeting=meeting, by=None)
    assert Notification.objects.count() == 2 * (len(members) + extra_members)
