"""Two votes of one member submitted at the same moment leave exactly one vote.

PostgreSQL only (marker `postgres`, the PostgreSQL run of .ci/run): that is where
select_for_update locks the decision; SQLite ignores it and serialises whole writes.
"""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from bodies import seed
from bodies.models import Body, Person
from meetings.models import Vote
from meetings.services.decisions import decision_propose, decision_vote
from meetings.tests.factories import AttendanceFactory, MeetingFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_two_simultaneous_votes_of_one_member_leave_one_vote(network, voting_member):
    assert connection.vendor == "postgresql", "run on PostgreSQL (DATABASE_URL), where the lock is real"
    beleidsgroep = Body.objects.get(network=network, name=seed.BELEIDSGROEP)
    meeting = MeetingFactory(body=beleidsgroep, date=datetime.date(2026, 12, 1))
    person = Person.objects.get(user=voting_member)
    AttendanceFactory(meeting=meeting, person=person)
    decision = decision_propose(meeting=meeting, domain="staff", text="Aanwerving", amount_eur=None, by=None)
    start = threading.Barrier(2)
    outcomes = []

    def vote(choice):
        try:
            start.wait()
            decision_vote(decision=decision, person=person, choice=choice)
            outcomes.append("counted")
        except ValidationError:
            outcomes.append("refused")
        except OperationalError:
            outcomes.append("locked")
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(choice,)) for choice in ("for", "against")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Never two votes: the unique constraint holds whatever the database does.
    assert Vote.objects.filter(decision=decision).count() == outcomes.count("counted") <= 1
    # PostgreSQL makes the second vote wait for the lock; then the rule's message refuses it.
    assert sorted(outcomes) == ["counted", "refused"]
    assert Vote.objects.filter(decision=decision, person=person).count() == 1
