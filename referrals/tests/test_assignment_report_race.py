"""Two reports on one assignment submitted at the same moment leave the first report only."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.utils import timezone

from bodies import seed
from bodies.models import Body
from referrals.models import Assignment
from referrals.services.assignments import assignment_give, assignment_report

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_reports_leave_one_report(network, coordinator, chair):
    assignment = assignment_give(
        from_body=Body.objects.get(network=network, name=seed.BELEIDSGROEP),
        to_body=Body.objects.get(network=network, name=seed.ONDERSTEUNINGSGROEP),
        title="Procedure crisisopvang",
        description="",
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        by=chair,
    )
    start = threading.Barrier(2)
    outcomes = []

    def report(text):
        try:
            start.wait()
            assignment_report(assignment=assignment, report=text, by=coordinator)
            outcomes.append(text)
        except ValidationError:
            outcomes.append("refused")
        except OperationalError:
            outcomes.append("locked")
        finally:
            connection.close()

    threads = [threading.Thread(target=report, args=(text,)) for text in ("Eerste.", "Tweede.")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assignment.refresh_from_db()
    # Never two: at most one submit counts, and only one answer is ever written.
    winners = [outcome for outcome in outcomes if outcome not in ("refused", "locked")]
    assert len(winners) <= 1
    assert Assignment.history.filter(id=assignment.pk).exclude(report="").count() == len(winners)
    # PostgreSQL makes the second submit wait on the row lock, then refuses it with the
    # rule's message; SQLite (immediate transactions, busy timeout) waits for the write
    # lock instead, with the same outcome.
    assert sorted(outcomes) == sorted([assignment.report, "refused"])
