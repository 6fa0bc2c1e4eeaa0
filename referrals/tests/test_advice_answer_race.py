"""Two answers to one advice submitted at the same moment leave the first answer only."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from bodies import seed
from bodies.models import Body
from referrals.models import Advice
from referrals.services.advice import advice_answer, advice_give

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_answers_leave_one_answer(network, coordinator, chair):
    advice = advice_give(
        from_body=Body.objects.get(network=network, name=seed.FORUM),
        to_body=Body.objects.get(network=network, name=seed.BELEIDSGROEP),
        domain="policy",
        subject="Wachtlijsten",
        text="Maak de wachtlijsten zichtbaar.",
        by=coordinator,
    )
    start = threading.Barrier(2)
    outcomes = []

    def answer(response, user):
        try:
            start.wait()
            advice_answer(advice=advice, response=response, reasons="Budget ontbreekt.", by=user)
            outcomes.append(response)
        except ValidationError:
            outcomes.append("refused")
        except OperationalError:
            outcomes.append("locked")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=answer, args=("partly", chair)),
        threading.Thread(target=answer, args=("not_followed", coordinator)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    advice.refresh_from_db()
    # Never two: at most one submit counts, and only one answer is ever written.
    winners = [outcome for outcome in outcomes if outcome not in ("refused", "locked")]
    assert len(winners) <= 1
    assert Advice.history.filter(id=advice.pk).exclude(response="").count() == len(winners)
    # PostgreSQL makes the second submit wait on the row lock, SQLite (immediate
    # transactions, busy timeout) on the write lock; then the rule's message refuses it.
    assert sorted(outcomes) == sorted([advice.response, "refused"])
