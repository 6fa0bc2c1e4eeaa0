"""Escalating: POST only, for the network's coordinators; one step puts the item on the holder's agenda."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from bodies import seed
from meetings.models import Decision
from meetings.services.decisions import decision_propose
from meetings.models import AgendaItem
from meetings.tests.helpers import MEETING_DAY, csrf_client, kernteam_limit, meeting_of, messages_of

pytestmark = pytest.mark.django_db


def url(decision, network=None):
    network = network or decision.meeting.body.network
    return reverse("meetings:decision_escalate", kwargs={"network": network.slug, "pk": decision.pk})


@pytest.fixture
def meeting(network):
    return meeting_of(network)


@pytest.fixture
def refused(network, meeting):
    """A Kernteam decision over its limit of € 5.000."""
    kernteam_limit(network)
    return decision_propose(meeting=meeting, domain="finance", text="Wagen", amount_eur=7500, by=None)


@pytest.fixture
def next_meeting(network):
    return meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))


def escalated_to(decision):
    decision.refresh_from_db()
    return decision.escalated_to


def test_it_refuses_get(login, refused, next_meeting, coordinator):
    assert login(coordinator).get(url(refused)).status_code == 405
    assert escalated_to(refused) is None


def test_it_answers_404_for_a_member_of_another_network(login, refused, next_meeting, other_network_member):
    assert login(other_network_member).post(url(refused)).status_code == 404
    assert escalated_to(refused) is None


def test_it_answers_404_for_an_unknown_id(login, network, coordinator):
    unknown = reverse("meetings:decision_escalate", kwargs={"network": network.slug, "pk": 99})

    assert login(coordinator).post(unknown).status_code == 404


def test_it_refuses_a_voting_member(login, refused, next_meeting, voting_member):
    assert login(voting_member).post(url(refused)).status_code == 403
    assert escalated_to(refused) is None


def test_it_refuses_the_chair_of_the_body_holding_the_mandate(login, refused, next_meeting, chair):
    assert login(chair).post(url(refused)).status_code == 403
    assert escalated_to(refused) is None


def test_the_coordinator_puts_it_on_the_next_agenda_of_the_holder(login, meeting, refused, next_meeting, coordinator):
    response = login(coordinator).post(url(refused), follow=True)

    assertRedirects(response, meeting.get_absolute_url())
    assert messages_of(response) == ["Voorgelegd aan Beleidsgroep: het staat op de agenda van 8 december 2026."]
    item = escalated_to(refused)
    assert (item.meeting, item.kind, item.created_by) == (next_meeting, "decision", coordinator)


def test_from_the_coordination_list_it_comes_back_to_the_list(login, network, refused, next_meeting, coordinator):
    overview = reverse("pages:coordination", kwargs={"network": network.slug})

    response = login(coordinator).post(url(refused), {"next": overview}, follow=True)

    assertRedirects(response, overview)
    assert messages_of(response) == ["Voorgelegd aan Beleidsgroep: het staat op de agenda van 8 december 2026."]
    assert escalated_to(refused).meeting == next_meeting


def test_a_next_page_on_another_site_is_ignored(login, meeting, refused, next_meeting, coordinator):
    response = login(coordinator).post(url(refused), {"next": "https://example.org/"})

    assertRedirects(response, meeting.get_absolute_url(), fetch_redirect_response=False)


def test_without_a_planned_meeting_of_the_holder_it_says_so_and_changes_nothing(login, refused, coordinator):
    response = login(coordinator).post(url(refused), follow=True)

    assert messages_of(response) == ["Beleidsgroep heeft nog geen geplande vergadering. Plan er eerst een."]
    assert [message.level_tag for message in response.context["messages"]] == ["error"]
    assert not AgendaItem.objects.exists()


def test_escalating_twice_is_refused_and_leaves_one_item(login, refused, next_meeting, coordinator):
    client = login(coordinator)
    client.post(url(refused), follow=True)

    response = client.post(url(refused), follow=True)

    assert messages_of(response) == ["Dit besluit is al voorgelegd aan Beleidsgroep."]
    assert AgendaItem.objects.count() == 1


def test_a_decision_within_the_mandate_is_not_escalated(login, meeting, next_meeting, coordinator):
    open_one = decision_propose(meeting=meeting, domain="finance", text="x", amount_eur=None, by=None)

    response = login(coordinator).post(url(open_one), follow=True)

    assert messages_of(response) == ["Alleen een besluit buiten mandaat wordt voorgelegd aan een ander orgaan."]
    assert not AgendaItem.objects.exists()


def test_a_posted_target_meeting_or_body_is_ignored(login, network, refused, next_meeting, coordinator):
    elsewhere = meeting_of(network, seed.ONDERSTEUNINGSGROEP, MEETING_DAY + datetime.timedelta(days=1))

    login(coordinator).post(url(refused), {"meeting": elsewhere.pk, "body": elsewhere.body.pk})

    assert escalated_to(refused).meeting == next_meeting


def test_it_refuses_a_post_without_csrf_token(refused, next_meeting, coordinator):
    assert csrf_client(coordinator).post(url(refused)).status_code == 403
    assert escalated_to(refused) is None


@pytest.mark.parametrize("size", [1, 10])
def test_it_runs_the_same_number_of_queries_with_1_or_10_items_on_the_agenda(
    login, network, meeting, next_meeting, coordinator, size, django_assert_max_num_queries
):
    kernteam_limit(network)
    decisions = [
        decision_propose(meeting=meeting, domain="finance", text=f"{n}", amount_eur=7500, by=None)
        for n in range(size + 1)
    ]
    client = login(coordinator)
    for decision in decisions[:-1]:
        client.post(url(decision))

    # session, user, network, the user's and groups' grants on it, decision with
    # its joins; the service: savepoint, decision locked, the holder's next
    # meeting, last position, the item's meeting and author checked, the item's two
    # conditional constraints checked (each in its own savepoint), insert, its
    # history row, the decision's update and its history row, savepoint
    # released; the holder's name for the message.
    with django_assert_max_num_queries(24):
        client.post(url(decisions[-1]))
    assert Decision.objects.filter(escalated_to__isnull=False).count() == size + 1
