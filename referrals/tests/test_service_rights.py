"""The referral services check who acts, not only the views: a call without the right changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from bodies import seed
from bodies.models import Body
from referrals.models import Advice, Assignment
from referrals.services.advice import advice_answer, advice_give
from referrals.services.assignments import assignment_give, assignment_report, working_group_start

pytestmark = pytest.mark.django_db


def body(network, name) -> Body:
    return Body.objects.get(network=network, name=name)


def give_advice(network, by) -> Advice:
    return advice_give(
        from_body=body(network, seed.FORUM),
        to_body=body(network, seed.BELEIDSGROEP),
        domain="policy",
        subject="Wachtlijsten",
        text="Maak de wachtlijsten zichtbaar.",
        by=by,
    )


def give_assignment(network, by) -> Assignment:
    return assignment_give(
        from_body=body(network, seed.BELEIDSGROEP),
        to_body=body(network, seed.ONDERSTEUNINGSGROEP),
        title="Procedure crisisopvang",
        description="",
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        by=by,
    )


def test_only_a_member_of_the_advising_body_records_its_advice(network, forum_member, working_group_member):
    with pytest.raises(PermissionDenied):
        give_advice(network, working_group_member)
    assert not Advice.objects.exists()

    assert give_advice(network, forum_member).given_by == forum_member


def test_only_who_runs_the_advised_body_answers(network, coordinator, voting_member, chair):
    advice = give_advice(network, coordinator)

    with pytest.raises(PermissionDenied):
        advice_answer(advice=advice, response="followed", reasons="", by=voting_member)
    advice.refresh_from_db()
    assert advice.is_open

    assert advice_answer(advice=advice, response="followed", reasons="", by=chair).answered_by == chair


def test_only_who_runs_the_giving_body_gives_an_assignment(network, voting_member, chair):
    with pytest.raises(PermissionDenied):
        give_assignment(network, voting_member)
    assert not Assignment.objects.exists()

    assert give_assignment(network, chair).given_by == chair


def test_only_who_runs_the_receiving_body_reports_back(network, chair, voting_member, coordinator):
    assignment = give_assignment(network, chair)

    for someone in (voting_member, chair):  # the chair runs the Beleidsgroep, not the support group
        with pytest.raises(PermissionDenied):
            assignment_report(assignment=assignment, report="Klaar.", by=someone)
    assignment.refresh_from_db()
    assert assignment.is_open

    assert assignment_report(assignment=assignment, report="Klaar.", by=coordinator).reported_by == coordinator


def test_only_who_runs_the_body_starts_a_working_group_under_it(network, voting_member):
    groups_before = Body.objects.count()

    with pytest.raises(PermissionDenied):
        working_group_start(
            from_body=body(network, seed.BELEIDSGROEP),
            name="Werkgroep Vorming",
            tasks=["Vormingsaanbod in kaart brengen."],
            members=[],
            cadence_description="1 x per maand",
            rrule="FREQ=MONTHLY",
            by=voting_member,
            due_date=timezone.localdate() + datetime.timedelta(days=60),
        )
    assert Body.objects.count() == groups_before
