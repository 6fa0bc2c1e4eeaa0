"""The rules of deciding, on the seed network: mandates, limits, votes, quorum, escalation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bodies import seed
from bodies.models import Body, MajorityRule, Mandate, Membership, Person
from meetings.models import Decision, Vote
from meetings.services.decisions import (
    decision_close,
    decision_escalate,
    decision_propose,
    decision_vote,
    meeting_quorum,
    outcome,
)
from meetings.tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from meetings.models import AgendaItem, Attendance, Meeting

pytestmark = pytest.mark.django_db

MEETING_DAY = datetime.date(2026, 12, 1)


def body(network, name) -> Body:
    return Body.objects.get(network=network, name=name)


def person(user) -> Person:
    return Person.objects.get(user=user)


@pytest.fixture
def kernteam(network):
    return body(network, seed.KERNTEAM)


@pytest.fixture
def beleidsgroep(network):
    return body(network, seed.BELEIDSGROEP)


@pytest.fixture
def kernteam_mandate(kernteam):
    mandate = Mandate.objects.get(body=kernteam, kind=Mandate.Kind.DECIDE)
    mandate.limit_eur = Decimal("5000")
    mandate.save()
    return mandate


@pytest.fixture
def kernteam_meeting(kernteam):
    return MeetingFactory(body=kernteam, date=MEETING_DAY)


def propose(meeting, *, domain="finance", amount=None, user=None, **extra):
    return decision_propose(
        meeting=meeting, domain=domain, text="Aankoop van laptops", amount_eur=amount, by=user, **extra
    )


# Mandates and limits


def test_a_decision_within_the_limit_rests_on_the_mandate_and_its_version(kernteam_meeting, kernteam_mandate):
    decision = propose(kernteam_meeting, amount=Decimal("4999.99"))

    assert decision.status == Decision.Status.OPEN
    assert decision.mandate == kernteam_mandate
    assert decision.mandate_record.limit_eur == Decimal("5000")


def test_an_amount_exactly_at_the_limit_is_within_the_mandate(kernteam_meeting, kernteam_mandate):
    assert propose(kernteam_meeting, amount=Decimal("5000.00")).status == Decision.Status.OPEN


def test_an_amount_just_above_the_limit_is_refused_naming_the_beleidsgroep(kernteam_meeting, kernteam_mandate):
    decision = propose(kernteam_meeting, amount=Decimal("5000.01"))

    assert decision.status == Decision.Status.OUT_OF_MANDATE
    assert decision.refusal == Decision.Refusal.OVER_LIMIT
    assert decision.mandate_holder.name == seed.BELEIDSGROEP
    assert "Beleidsgroep" in decision.refusal_message()
    assert "5.000,00" in decision.refusal_message()


def test_an_unset_limit_allows_no_amount(kernteam_meeting):
    decision = propose(kernteam_meeting, amount=Decimal("1"))

    assert decision.status == Decision.Status.OUT_OF_MANDATE
    assert decision.refusal == Decision.Refusal.NO_LIMIT
    assert decision.mandate_holder.name == seed.BELEIDSGROEP


def test_an_unset_limit_allows_a_decision_without_amount(kernteam_meeting):
    assert propose(kernteam_meeting, amount=None).status == Decision.Status.OPEN


def test_an_unlimited_mandate_allows_any_amount(beleidsgroep):
    meeting = MeetingFactory(body=beleidsgroep, date=MEETING_DAY)

    assert propose(meeting, amount=Decimal("250000")).status == Decision.Status.OPEN


def test_a_domain_outside_the_bodys_mandates_is_refused_naming_the_holder(kernteam_meeting):
    decision = propose(kernteam_meeting, domain="policy")

    assert decision.refusal == Decision.Refusal.NO_MANDATE
    assert decision.mandate is None
    assert decision.mandate_holder.name == seed.BELEIDSGROEP


@pytest.mark.parametrize("edge", ["valid_from", "valid_until"])
def test_a_mandate_counts_on_its_first_and_last_valid_day(kernteam_meeting, kernteam_mandate, edge):
    setattr(kernteam_mandate, edge, MEETING_DAY)
    kernteam_mandate.save()

    assert propose(kernteam_meeting, amount=Decimal("10")).status == Decision.Status.OPEN


@pytest.mark.parametrize(
    "valid_from, valid_until",
    [(MEETING_DAY + datetime.timedelta(days=1), None), (None, MEETING_DAY - datetime.timedelta(days=1))],
    ids=["starts the day after", "ended the day before"],
)
def test_a_mandate_outside_its_dates_does_not_count(kernteam_meeting, kernteam_mandate, valid_from, valid_until):
    kernteam_mandate.valid_from, kernteam_mandate.valid_until = valid_from, valid_until
    kernteam_mandate.save()

    decision = propose(kernteam_meeting, amount=Decimal("10"))

    assert decision.refusal == Decision.Refusal.NO_MANDATE


def test_an_advisory_body_cannot_record_a_decision(network):
    meeting = MeetingFactory(body=body(network, seed.FORUM), date=MEETING_DAY)

    with pytest.raises(ValidationError, match="adviesorgaan"):
        propose(meeting, domain="policy")
    assert not Decision.objects.exists()


def test_a_cancelled_meeting_takes_no_decision(kernteam_meeting):
    kernteam_meeting.status = Meeting.Status.CANCELLED
    kernteam_meeting.save()

    with pytest.raises(ValidationError):
        propose(kernteam_meeting)
    assert not Decision.objects.exists()


def test_an_agenda_item_of_another_meeting_is_refused(kernteam_meeting, kernteam):
    elsewhere = AgendaItemFactory(meeting=MeetingFactory(body=kernteam, date=MEETING_DAY))

    with pytest.raises(ValidationError):
        propose(kernteam_meeting, agenda_item=elsewhere)


# Votes


@pytest.fixture
def beleidsgroep_meeting(beleidsgroep, voting_member, coordinator):
    """The kernpartner (vote) and the coordinator (no vote) attend."""
    meeting = MeetingFactory(body=beleidsgroep, date=MEETING_DAY)
    for user in (voting_member, coordinator):
        AttendanceFactory(meeting=meeting, person=person(user))
    return meeting


@pytest.fixture
def open_decision(beleidsgroep_meeting):
    return propose(beleidsgroep_meeting, domain="staff")


def test_a_voting_member_who_attends_votes(open_decision, voting_member):
    decision_vote(decision=open_decision, person=person(voting_member), choice="for")

    assert open_decision.votes.get().choice == Vote.Choice.FOR


def test_the_coordinator_attends_the_beleidsgroep_without_a_vote(open_decision, coordinator):
    with pytest.raises(ValidationError, match="stemrecht"):
        decision_vote(decision=open_decision, person=person(coordinator), choice="for")
    assert not Vote.objects.exists()


def test_a_voting_member_who_is_absent_cannot_vote(open_decision, voting_member):
    Attendance.objects.filter(person=person(voting_member)).update(status=Attendance.Status.EXCUSED)

    with pytest.raises(ValidationError, match="aanwezig"):
        decision_vote(decision=open_decision, person=person(voting_member), choice="for")


def test_a_membership_that_ended_the_day_before_the_meeting_gives_no_vote(open_decision, voting_member, beleidsgroep):
    Membership.objects.filter(person=person(voting_member), body=beleidsgroep).update(
        end_date=MEETING_DAY - datetime.timedelta(days=1)
    )

    with pytest.raises(ValidationError, match="stemrecht"):
        decision_vote(decision=open_decision, person=person(voting_member), choice="for")


def test_a_second_vote_of_the_same_member_is_refused(open_decision, voting_member):
    decision_vote(decision=open_decision, person=person(voting_member), choice="for")

    with pytest.raises(ValidationError, match="al gestemd"):
        decision_vote(decision=open_decision, person=person(voting_member), choice="against")
    assert open_decision.votes.get().choice == Vote.Choice.FOR


def test_the_database_keeps_one_vote_per_member(open_decision, voting_member):
    Vote.objects.create(decision=open_decision, person=person(voting_member), choice="for")

    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(decision=open_decision, person=person(voting_member), choice="against")


def test_an_unknown_choice_is_refused(open_decision, voting_member):
    with pytest.raises(ValidationError):
        decision_vote(decision=open_decision, person=person(voting_member), choice="<b>ja</b>")


# Quorum and outcome


def test_the_outcome_is_computed_from_the_votes(open_decision, voting_member):
    decision_vote(decision=open_decision, person=person(voting_member), choice="for")

    decision = decision_close(decision=open_decision, by=None)

    assert decision.status == Decision.Status.ADOPTED
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (1, 0, 0)
    assert (decision.voting_members, decision.voting_members_present) == (1, 1)


def test_a_closed_vote_takes_no_more_votes(open_decision, voting_member):
    decision_close(decision=open_decision, by=None)

    with pytest.raises(ValidationError, match="afgesloten"):
        decision_vote(decision=open_decision, person=person(voting_member), choice="for")


@pytest.fixture
def four_voters(beleidsgroep, network):
    """Four employers with a vote in the Beleidsgroep, none of them attending yet."""
    seat = beleidsgroep.seats.get(role__name="Contractant (werkgever)")
    return [
        Membership.objects.create(
            seat=seat, person=Person.objects.create(network=network, name=f"Werkgever {index}"), start_date=seed.GOVERNANCE_START
        ).person
        for index in range(4)
    ]


def test_quorum_is_half_of_the_voting_members_by_default(beleidsgroep, four_voters):
    meeting = MeetingFactory(body=beleidsgroep, date=MEETING_DAY)
    AttendanceFactory(meeting=meeting, person=four_voters[0])

    assert meeting_quorum(meeting).needed == 2
    assert not meeting_quorum(meeting).is_met

    AttendanceFactory(meeting=meeting, person=four_voters[1])
    assert meeting_quorum(meeting).is_met


def test_a_vote_without_quorum_cannot_be_closed(beleidsgroep, four_voters):
    meeting = MeetingFactory(body=beleidsgroep, date=MEETING_DAY)
    AttendanceFactory(meeting=meeting, person=four_voters[0])
    decision = propose(meeting, domain="staff")

    with pytest.raises(ValidationError, match="quorum"):
        decision_close(decision=decision, by=None)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN


def test_the_non_voting_coordinator_does_not_count_towards_quorum(beleidsgroep, four_voters, coordinator):
    meeting = MeetingFactory(body=beleidsgroep, date=MEETING_DAY)
    AttendanceFactory(meeting=meeting, person=four_voters[0])
    AttendanceFactory(meeting=meeting, person=person(coordinator))

    assert meeting_quorum(meeting).present == 1


@pytest.mark.parametrize(
    "rule, votes_for, votes_against, expected",
    [
        (MajorityRule.SIMPLE, 2, 1, "adopted"),
        (MajorityRule.SIMPLE, 1, 1, "rejected"),
        (MajorityRule.SIMPLE, 0, 0, "rejected"),
        (MajorityRule.TWO_THIRDS, 2, 1, "adopted"),
        (MajorityRule.TWO_THIRDS, 3, 2, "rejected"),
        (MajorityRule.CONSENSUS, 3, 0, "adopted"),
        (MajorityRule.CONSENSUS, 3, 1, "rejected"),
    ],
)
def test_each_majority_rule_counts_votes_cast(rule, votes_for, votes_against, expected):
    assert outcome(rule, votes_for=votes_for, votes_against=votes_against) == expected


# Escalation


@pytest.fixture
def refused(kernteam_meeting, kernteam_mandate):
    return propose(kernteam_meeting, amount=Decimal("8000"))


def test_escalation_puts_the_decision_on_the_holders_next_meeting(refused, beleidsgroep, coordinator):
    MeetingFactory(body=beleidsgroep, date=MEETING_DAY + datetime.timedelta(days=30))
    next_meeting = MeetingFactory(body=beleidsgroep, date=MEETING_DAY + datetime.timedelta(days=7))

    item = decision_escalate(decision=refused, by=coordinator)

    assert item.meeting == next_meeting
    assert item.kind == AgendaItem.Kind.DECISION
    assert item.escalated_decision == refused
    refused.refresh_from_db()
    assert refused.escalated_to == item


def test_the_escalated_item_holds_the_decisions_words_and_no_sentence_in_one_language(
    refused, beleidsgroep, coordinator
):
    MeetingFactory(body=beleidsgroep, date=MEETING_DAY + datetime.timedelta(days=7))

    item = decision_escalate(decision=refused, by=coordinator)

    assert item.title == refused.text


def test_a_decision_is_escalated_once(refused, beleidsgroep, coordinator):
    MeetingFactory(body=beleidsgroep, date=MEETING_DAY + datetime.timedelta(days=7))
    decision_escalate(decision=refused, by=coordinator)

    with pytest.raises(ValidationError, match="al voorgelegd"):
        decision_escalate(decision=refused, by=coordinator)
    assert AgendaItem.objects.count() == 1


def test_escalation_needs_a_planned_meeting_of_the_holder(refused, coordinator):
    with pytest.raises(ValidationError, match="geen geplande vergadering"):
        decision_escalate(decision=refused, by=coordinator)


def test_a_decision_within_mandate_is_not_escalated(kernteam_meeting, beleidsgroep, coordinator):
    MeetingFactory(body=beleidsgroep, date=MEETING_DAY + datetime.timedelta(days=7))
    decision = propose(kernteam_meeting)

    with pytest.raises(ValidationError):
        decision_escalate(decision=decision, by=coordinator)


def test_the_holder_takes_the_escalated_decision_within_its_own_mandate(refused, beleidsgroep, coordinator):
    MeetingFactory(body=beleidsgroep, date=MEETING_DAY + datetime.timedelta(days=7))
    item = decision_escalate(decision=refused, by=coordinator)

    taken = propose(item.meeting, amount=refused.amount_eur, agenda_item=item)

    assert taken.status == Decision.Status.OPEN
    assert taken.mandate.body == beleidsgroep
    assert taken.agenda_item.escalated_decision == refused


@pytest.fixture
def decision_of_a_coming_meeting(beleidsgroep, voting_member):
    meeting = MeetingFactory(body=beleidsgroep, date=timezone.localdate() + datetime.timedelta(days=33))
    AttendanceFactory(meeting=meeting, person=person(voting_member))
    return propose(meeting, domain="staff")


def test_no_vote_is_cast_before_the_meetings_day(decision_of_a_coming_meeting, voting_member):
    with pytest.raises(ValidationError, match="vindt pas plaats op"):
        decision_vote(decision=decision_of_a_coming_meeting, person=person(voting_member), choice="for")
    assert not Vote.objects.exists()


def test_no_vote_is_closed_before_the_meetings_day(decision_of_a_coming_meeting):
    with pytest.raises(ValidationError, match="vindt pas plaats op"):
        decision_close(decision=decision_of_a_coming_meeting, by=None)
    decision_of_a_coming_meeting.refresh_from_db()
    assert decision_of_a_coming_meeting.is_open
