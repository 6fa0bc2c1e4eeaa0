"""Voting: POST only, for voting members who attend; a refusal is a message and changes nothing."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from bodies import seed
from bodies.models import Body
from bodies.tests.factories import MandateFactory, MembershipFactory, PersonFactory, SeatFactory
from meetings.models import Vote
from meetings.services.decisions import decision_close, decision_propose, decision_vote
from meetings.tests.factories import AttendanceFactory, MeetingFactory
from meetings.tests.helpers import csrf_client, meeting_of, messages_of, person, present

pytestmark = pytest.mark.django_db


def url(decision, network=None):
    network = network or decision.meeting.body.network
    return reverse("meetings:decision_vote", kwargs={"network": network.slug, "pk": decision.pk})


@pytest.fixture
def meeting(network):
    return meeting_of(network)


@pytest.fixture
def decision(meeting):
    return decision_propose(meeting=meeting, domain="finance", text="Laptops", amount_eur=None, by=None)


def test_it_refuses_get(login, decision, voting_member):
    assert login(voting_member).get(url(decision)).status_code == 405


def test_it_answers_404_for_a_member_of_another_network(login, decision, other_network_member):
    assert login(other_network_member).post(url(decision), {"choice": "for"}).status_code == 404


def test_it_answers_404_for_another_networks_decision(login, network, other_network_member, voting_member):
    elsewhere = MeetingFactory(body=Body.objects.get(network__slug="ander-netwerk"))
    MandateFactory(body=elsewhere.body)
    decision = decision_propose(meeting=elsewhere, domain="finance", text="x", amount_eur=None, by=None)

    response = login(voting_member).post(url(decision, network), {"choice": "for"})

    assert response.status_code == 404
    assert not Vote.objects.exists()


def test_it_refuses_a_network_member_outside_the_body(login, decision, forum_member):
    assert login(forum_member).post(url(decision), {"choice": "for"}).status_code == 403


def test_it_refuses_a_member_without_voting_right(login, network, member_without_vote):
    meeting = meeting_of(network, seed.BELEIDSGROEP)
    present(meeting, member_without_vote)
    decision = decision_propose(meeting=meeting, domain="finance", text="x", amount_eur=None, by=None)

    assert login(member_without_vote).post(url(decision), {"choice": "for"}).status_code == 403
    assert not Vote.objects.exists()


def test_a_present_voting_member_votes_and_returns_to_the_meeting(login, meeting, decision, voting_member):
    present(meeting, voting_member)

    response = login(voting_member).post(url(decision), {"choice": "against"}, follow=True)

    assertRedirects(response, meeting.get_absolute_url())
    assert messages_of(response) == ["Je stem is geteld: Tegen."]
    assert list(Vote.objects.values_list("person__name", "choice")) == [("Tom Janssens", "against")]


def test_a_voting_member_not_recorded_present_is_told_why_and_nothing_changes(
    login, meeting, decision, voting_member
):
    response = login(voting_member).post(url(decision), {"choice": "for"}, follow=True)

    assertRedirects(response, meeting.get_absolute_url())
    assert messages_of(response) == ["Alleen wie op de vergadering aanwezig is, kan stemmen."]
    assert [message.level_tag for message in response.context["messages"]] == ["error"]
    assert not Vote.objects.exists()


def test_a_second_vote_is_refused_and_the_first_stands(login, meeting, decision, voting_member):
    present(meeting, voting_member)
    client = login(voting_member)
    client.post(url(decision), {"choice": "for"}, follow=True)

    response = client.post(url(decision), {"choice": "against"}, follow=True)

    assert messages_of(response) == ["Je hebt al gestemd over dit besluit."]
    assert list(Vote.objects.values_list("choice", flat=True)) == ["for"]


def test_a_vote_on_a_closed_decision_is_refused(login, meeting, decision, coordinator, voting_member):
    present(meeting, coordinator, voting_member)
    decision_vote(decision=decision, person=person(coordinator), choice="for")
    decision_close(decision=decision, by=coordinator)

    response = login(voting_member).post(url(decision), {"choice": "for"}, follow=True)

    assert messages_of(response) == ["De stemming over dit besluit is afgesloten."]
    assert Vote.objects.count() == 1


def test_an_unknown_choice_is_refused(login, meeting, decision, voting_member):
    present(meeting, voting_member)

    response = login(voting_member).post(url(decision), {"choice": "yes please"}, follow=True)

    assert messages_of(response) == ["Kies voor, tegen of onthouding."]
    assert not Vote.objects.exists()


def test_it_ignores_a_posted_person_or_decision_status(login, meeting, decision, coordinator, voting_member):
    present(meeting, voting_member)

    login(voting_member).post(
        url(decision),
        {"choice": "for", "person": person(coordinator).pk, "status": "adopted", "has_voting_right": "on"},
    )

    assert list(Vote.objects.values_list("person__name", flat=True)) == ["Tom Janssens"]
    decision.refresh_from_db()
    assert decision.status == "open"


def test_a_network_admin_who_is_no_person_of_the_network_cannot_vote(login, decision, network_admin):
    response = login(network_admin).post(url(decision), {"choice": "for"}, follow=True)

    assert messages_of(response) == ["Je bent geen lid van dit netwerk en kunt niet stemmen."]
    assert not Vote.objects.exists()


def test_it_refuses_a_post_without_csrf_token(meeting, decision, voting_member):
    present(meeting, voting_member)

    assert csrf_client(voting_member).post(url(decision), {"choice": "for"}).status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.parametrize("size", [1, 10])
def test_it_runs_the_same_number_of_queries_with_1_or_10_votes_cast(
    login, network, meeting, voting_member, size, django_assert_max_num_queries
):
    present(meeting, voting_member)
    decision = decision_propose(meeting=meeting, domain="finance", text="x", amount_eur=None, by=None)
    seat = SeatFactory(body=meeting.body, count=None)
    for _ in range(size):
        voter = MembershipFactory(seat=seat, person=PersonFactory(network=network)).person
        AttendanceFactory(meeting=meeting, person=voter)
        decision_vote(decision=decision, person=voter, choice="for")
    client = login(voting_member)
    client.post(url(decision), {"choice": "bogus"})  # content types cached, as in a running server

    # session, user, network, the user's and groups' grants on it, decision with
    # meeting and body, the user's and groups' grants on the body, the user's
    # person; the service: savepoint, decision locked, voting members,
    # attendance, earlier vote, insert, its history row, savepoint released.
    # Voting members are read as sittings: seats filled by another body, memberships.
    with django_assert_max_num_queries(18):
        client.post(url(decision), {"choice": "for"})
    assert Vote.objects.count() == size + 1
