"""What meetings' services announce becomes rows in their transaction, and mails after commit."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from meetings import signals
from meetings.models import AgendaItem, Meeting
from meetings.services.agenda import agenda_publish
from notifications.models import Kind, Notification

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
    assert {message.subject for message in mail.outbox} == {f"Agenda Beleidsgroep van {meeting.date:%d-%m-%Y}"}
    assert set(Notification.objects.values_list("state", "object_key")) == {
        (Notification.State.SENT, f"meeting:{meeting.pk}:agenda")
    }


def test_a_signal_sent_twice_makes_one_row_per_person(meeting, members, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signals.agenda_published.send(sender=Meeting, meeting=meeting, by=None)
        signals.agenda_published.send(sender=Meeting, meeting=meeting, by=None)
    assert Notification.objects.count() == len(members)
    assert len(mail.outbox) == len(members)


def test_each_agenda_change_is_announced_once_with_what_changed(meeting, members, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signals.agenda_changed.send(sender=Meeting, meeting=meeting, by=None, changes=["Punt toegevoegd: Begroting"])
    with django_capture_on_commit_callbacks(execute=True):
        signals.agenda_changed.send(sender=Meeting, meeting=meeting, by=None, changes=["Punt geschrapt: Varia"])
    rows = Notification.objects.filter(kind=Kind.AGENDA_CHANGED)
    assert rows.count() == 2 * len(members)
    assert len(set(rows.values_list("object_key", flat=True))) == 2
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
