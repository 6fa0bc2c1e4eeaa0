"""Four senders at once (threads, each its own database connection) mail each person once.

On PostgreSQL, SELECT … FOR UPDATE SKIP LOCKED hands each row to one claim and the
others pass it by. SQLite's shared in-memory test database has no row locks: a sender
may be refused outright ("table is locked"); the conditional claim still lets a row
be taken once at most.
"""

import threading

import pytest
from django.core import mail
from django.db import OperationalError, connection

from bodies.tests.factories import PersonFactory
from notifications.models import Kind, Notification
from notifications.planning import add_for_people
from notifications.sending import send_due

pytestmark = pytest.mark.django_db(transaction=True)


def test_four_simultaneous_senders_mail_each_person_once(meeting):
    people = [
        PersonFactory(network=meeting.body.network, name=f"Lid {n:02d}", email=f"lid{n:02d}@example.org", user=None)
        for n in range(12)
    ]
    add_for_people([p.pk for p in people], kind=Kind.MEETING_REMINDER, key="meeting:race", meeting=meeting)
    start = threading.Barrier(4)
    refused = []

    def sender(number):
        try:
            start.wait()
            send_due(worker=f"thread-{number}", batch_size=2)
        except OperationalError:
            refused.append(number)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    sent_to = [message.to[0] for message in mail.outbox]
    assert len(sent_to) == len(set(sent_to)), "someone got the same mail twice"
    rows = Notification.objects.all()
    if connection.vendor == "postgresql":
        assert refused == []
        assert sorted(sent_to) == sorted(f"{p.name} <{p.email}>" for p in people)
        assert {row.state for row in rows} == {Notification.State.SENT}
        assert {row.attempts for row in rows} == {1}
        # The work was shared: more than one claim took rows.
        assert len({row.claimed_by for row in rows}) > 1
    else:
        # Whatever a refused sender left pending goes out on the next run, still once. A
        # sender refused between its claim and its mails leaves rows in "sending":
        # maybe sent, never sent again — mailed rows are sent or sending, sent rows mailed.
        send_due()
        sent_to = [message.to[0] for message in mail.outbox]
        assert len(sent_to) == len(set(sent_to))
        address = {row.pk: f"{row.recipient.name} <{row.recipient.email}>" for row in rows.select_related("recipient")}
        sent = {address[row.pk] for row in rows if row.state == Notification.State.SENT}
        maybe = {address[row.pk] for row in rows if row.state == Notification.State.SENDING}
        assert sent <= set(sent_to) <= sent | maybe
        assert not rows.filter(state=Notification.State.PENDING).exists()
