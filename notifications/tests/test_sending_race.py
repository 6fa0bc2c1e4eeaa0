"""Four senders at once (threads, each its own database connection) mail each person once.

On PostgreSQL, SELECT … FOR UPDATE SKIP LOCKED hands each row to one claim and the
others pass it by. SQLite has no row locks: its immediate transactions make the senders
take turns, each waiting (busy timeout) instead of failing with "database is locked", as
the worker of `make run` once did next to the web server.
"""

import threading
import time

import pytest
from django.core import mail
from django.db import OperationalError, connection, transaction

from bodies.tests.factories import PersonFactory
from meetings.models import Meeting
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
    assert refused == []
    assert sorted(sent_to) == sorted(f"{p.name} <{p.email}>" for p in people)
    rows = Notification.objects.all()
    assert {row.state for row in rows} == {Notification.State.SENT}
    assert {row.attempts for row in rows} == {1}
    if connection.vendor == "postgresql":
        # The work was shared: more than one claim took rows.
        assert len({row.claimed_by for row in rows}) > 1


def test_a_sender_waits_for_a_long_write_of_the_web_server_instead_of_failing(meeting):
    person = PersonFactory(network=meeting.body.network, name="Lid", email="lid@example.org", user=None)
    add_for_people([person.pk], kind=Kind.MEETING_REMINDER, key="meeting:wait", meeting=meeting)
    writing = threading.Event()
    refused = []

    def web_request():
        # Another table's row, as a page's save is: on SQLite any write holds the whole
        # file; on PostgreSQL a notification row locked here would rightly be skipped.
        try:
            with transaction.atomic():
                Meeting.objects.filter(pk=meeting.pk).update(location="Zaal 2")
                writing.set()
                time.sleep(1.5)
        finally:
            connection.close()

    def worker():
        try:
            writing.wait(timeout=10)
            send_due(worker="worker")
        except OperationalError as error:
            refused.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=web_request), threading.Thread(target=worker)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert refused == []
    assert [message.to[0] for message in mail.outbox] == ["Lid <lid@example.org>"]
