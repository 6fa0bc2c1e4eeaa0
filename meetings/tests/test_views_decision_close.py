"""Closing a vote: POST only, for those who run the body; the outcome is computed, never posted."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from bodies import seed
from bodies.models import Body
from bodies.tests.factories import MandateFactory, MembershipFactory, PersonFactory, SeatFactory
from meetings.services.decisions import decision_propose, decision_vote
from meetings.tests.factories import AttendanceFactory, MeetingFactory
from meetings.tests.helpers import csrf_client, meeting_of, messages_of, person, present

pytestmark = pytest.mark.django_db


def url(decision, network=None):
    network = network or decision.meeting.body.network
    return reverse("meetings:decision_close", kwargs={"network": network.slug, "pk": decision.pk})


def propose(meeting):
    return decision_propose(meeting=meeting, domain="finance", text="Laptops", amount_eur=None, by=None)


@pytest.fixture
def meeting(network):
    return meeting_of(network)


@pytest.fixture
def decision(meeting):
    return propose(meeting)


def status_of(decision) -> str:
    decision.refresh_from_db()
    return decision.status


def test_it_refuses_get(login, decision, coordinator):
    assert login(coordinator).get(url(decision)).status_code == 405


def test_it_answers_404_for_a_member_of_another_network(login, decision, other_network_member):
    assert login(other_network_member).post(url(decision)).status_code == 404
    assert status_of(decision) == "open"


def test_it_answers_404_for_another_networks_decision(login, network, other_network_member, coordinator):
    elsewhere = MeetingFactory(body=Body.objects.get(network__slug="ander-netwerk"))
    MandateFactory(body=elsewhere.body)

    assert login(coordinator).post(url(propose(elsewhere), network)).status_code == 404


def test_it_refuses_a_voting_member_who_does_not_run_the_body(login, meeting, decision, voting_member):
    present(meeting, voting_member)

    assert login(voting_member).post(url(decision)).status_code == 403
    assert status_of(decision) == "open"


def test_the_chair_of_another_body_may_not_close(login, decision, chair):
    assert login(chair).post(url(decision)).status_code == 403


def test_the_coordinator_closes_and_the_outcome_is_computed(login, meeting, decision, coordinator, voting_member):
    present(meeting, coordinator, voting_member)
    decision_vote(decision=decision, person=person(voting_member), choice="for")

    response = login(coordinator).post(url(decision), follow=True)

    assertRedirects(response, meeting.get_absolute_url())
    assert messages_of(response) == ["De stemming is afgesloten: Aangenomen."]
    assert status_of(decision) == "adopted"


def test_the_chair_of_the_beleidsgroep_closes_its_vote(login, network, chair, voting_member):
    meeting = meeting_of(network, seed.BELEIDSGROEP)
    present(meeting, chair, voting_member)
    decision = propose(meeting)
    decision_vote(decision=decision, person=person(voting_member), choice="against")

    login(chair).post(url(decision))

    assert status_of(decision) == "rejected"


def test_without_quorum_it_is_refused_with_a_message_and_stays_open(login, meeting, decision, coordinator):
    response = login(coordinator).post(url(decision), follow=True)

    assert messages_of(response) == [
        "Het quorum is niet bereikt: 0 van de 1 stemgerechtigde leden zijn aanwezig, 1 zijn nodig."
    ]
    assert [message.level_tag for message in response.context["messages"]] == ["error"]
    assert status_of(decision) == "open"


def test_a_posted_outcome_is_ignored(login, meeting, decision, coordinator, voting_member):
    present(meeting, coordinator, voting_member)
    decision_vote(decision=decision, person=person(voting_member), choice="against")

    login(coordinator).post(url(decision), {"status": "adopted", "votes_for": "9"})

    decision.refresh_from_db()
    assert (decision.status, decision.votes_for, decision.votes_against) == ("rejected", 0, 1)


def test_closing_twice_is_refused(login, meeting, decision, coordinator):
    present(meeting, coordinator)
    client = login(coordinator)
    client.post(url(decision), follow=True)

    response = client.post(url(decision), follow=True)

    assert messages_of(response) == ["De stemming over dit besluit is al afgesloten."]


def test_it_refuses_a_post_without_csrf_token(meeting, decision, coordinator):
    present(meeting, coordinator)

    assert csrf_client(coordinator).post(url(decision)).status_code == 403
    assert status_of(decision) == "open"


@pytest.mark.parametrize("size", [1, 10])
def test_it_runs_the_same_number_of_queries_for_1_or_10_votes(
    login, network, meeting, coordinator, size, django_assert_max_num_queries
):
    decision = propose(meeting)
    seat = SeatFactory(body=meeting.body, count=None)
    for _ in range(size):
        voter = MembershipFactory(seat=seat, person=PersonFactory(network=network)).person
        AttendanceFactory(meeting=meeting, person=voter)
        decision_vote(decision=decision, person=voter, choice="for")
    client = login(coordinator)
    client.post(url(propose(meeting)))  # content types cached, as in a running server

    # session, user, network, the user's and groups' grants on it, decision with
    # meeting and body, the user's and groups' grants on the body; the service:
    # savepoint, decision locked, voting members (own seats, then ex officio: two),
    # attendance count, vote counts, update, its history row, savepoint released.
    with django_assert_max_num_queries(17):
        client.post(url(decision))
    assert status_of(decision) == "adopted"
