"""The meeting services check who acts, not only the views: a call without the right changes nothing.

`by=None` is the system acting (the planner, a task); a person is held to the same
rule as on the page.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from bodies import seed
from meetings.models import Decision, Meeting
from meetings.services.agenda import agenda_item_add, agenda_publish
from meetings.services.conduct import action_item_create, action_item_done
from meetings.services.decisions import decision_close, decision_escalate, decision_propose
from meetings.services.meetings import meeting_create
from meetings.services.planning import meeting_cancel

from .helpers import body, kernteam_limit, meeting_of, person

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + datetime.timedelta(days=14)


@pytest.fixture
def meeting(network):
    return meeting_of(network, day=SOON)


def test_only_who_runs_the_body_plans_or_cancels_its_meetings(network, meeting, voting_member):
    with pytest.raises(PermissionDenied):
        meeting_create(body=body(network), date=SOON + datetime.timedelta(days=7), by=voting_member)
    with pytest.raises(PermissionDenied):
        meeting_cancel(meeting=meeting, reason="Geen punten.", by=voting_member)

    assert list(Meeting.objects.filter(body=body(network))) == [meeting]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_only_who_runs_the_body_builds_and_publishes_its_agenda(meeting, voting_member, coordinator):
    with pytest.raises(PermissionDenied):
        agenda_item_add(meeting=meeting, title="Wachtlijsten", by=voting_member)
    with pytest.raises(PermissionDenied):
        agenda_publish(meeting=meeting, by=voting_member)

    meeting.refresh_from_db()
    assert (meeting.agenda_items.count(), meeting.is_agenda_published) == (0, False)
    agenda_item_add(meeting=meeting, title="Wachtlijsten", by=coordinator)
    assert agenda_publish(meeting=meeting, by=coordinator).is_agenda_published


def test_only_a_member_of_the_body_proposes_a_decision(network, meeting, working_group_member, voting_member):
    kernteam_limit(network)

    with pytest.raises(PermissionDenied):
        decision_propose(meeting=meeting, domain="finance", text="Laptops", amount_eur=None, by=working_group_member)
    assert not Decision.objects.exists()
    decision_propose(meeting=meeting, domain="finance", text="Laptops", amount_eur=None, by=voting_member)
    assert Decision.objects.get().proposed_by == voting_member


def test_only_who_runs_the_body_closes_the_vote_and_only_the_coordinator_escalates(
    network, meeting, chair, coordinator
):
    kernteam_limit(network, "100")
    refused = decision_propose(meeting=meeting, domain="finance", text="Laptops", amount_eur=Decimal("1000"), by=None)
    open_one = decision_propose(meeting=meeting, domain="finance", text="Stoelen", amount_eur=Decimal("50"), by=None)
    meeting_of(network, seed.BELEIDSGROEP, SOON + datetime.timedelta(days=7))

    with pytest.raises(PermissionDenied):
        decision_close(decision=open_one, by=chair)  # the chair runs the Beleidsgroep, not the Kernteam
    with pytest.raises(PermissionDenied):
        decision_escalate(decision=refused, by=chair)

    open_one.refresh_from_db()
    refused.refresh_from_db()
    assert (open_one.status, refused.escalated_to) == (Decision.Status.OPEN, None)
    assert decision_escalate(decision=refused, by=coordinator).meeting.body.name == seed.BELEIDSGROEP


def test_an_action_is_marked_done_by_its_owner_or_who_runs_the_body_only(
    meeting, coordinator, voting_member, member_without_vote
):
    item = agenda_item_add(meeting=meeting, title="Wachtlijsten", by=coordinator)
    action = action_item_create(
        item=item, title="Cijfers opvragen", owner=person(voting_member), due_date=SOON, by=coordinator
    )

    with pytest.raises(PermissionDenied):
        action_item_done(action=action, by=member_without_vote)
    action.refresh_from_db()
    assert action.status != action.Status.DONE

    assert action_item_done(action=action, by=voting_member).status == action.Status.DONE
