"""Planning a meeting: for the chair, the secretary and the coordinators of the body."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from core.tests.helpers import keyed
from bodies import seed
from meetings.models import Meeting

from meetings.tests.factories import MeetingFactory

from .helpers import body, csrf_client

pytestmark = pytest.mark.django_db

FORM = {"date": "2026-12-01", "start_time": "19:30", "location": "Gemeentehuis Genk"}


def url(network, slug="kernteam"):
    return reverse("meetings:create", kwargs={"network": network.slug, "body": slug})


def test_it_redirects_anonymous_users_to_login(client, network):
    assertRedirects(client.get(url(network)), f"{reverse('login')}?next={url(network)}")


def test_it_answers_404_for_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).post(url(network), keyed(FORM)).status_code == 404
    assert not Meeting.objects.exists()


def test_it_refuses_a_voting_member_who_does_not_run_the_body(login, network, voting_member):
    assert login(voting_member).post(url(network), keyed(FORM)).status_code == 403
    assert not Meeting.objects.exists()


def test_it_refuses_the_chair_of_another_body(login, network, chair):
    assert login(chair).get(url(network, "kernteam")).status_code == 403


def test_it_shows_the_form_to_the_chair_of_the_body(login, network, chair):
    response = login(chair).get(url(network, "beleidsgroep"))

    assertContains(response, 'for="id_date"')
    assertContains(response, "<h1>Vergadering plannen</h1>", html=True)


def test_the_coordinator_plans_a_meeting_and_lands_on_it(login, network, coordinator):
    response = login(coordinator).post(url(network), keyed(FORM))

    meeting = Meeting.objects.get()
    assertRedirects(response, meeting.get_absolute_url())
    assert (meeting.body.name, meeting.date, meeting.start_time, meeting.location) == (
        seed.KERNTEAM,
        datetime.date(2026, 12, 1),
        datetime.time(19, 30),
        "Gemeentehuis Genk",
    )


def test_it_ignores_a_posted_body_or_status(login, network, other_network_member, coordinator):
    login(coordinator).post(url(network), keyed({**FORM, "body": "999", "status": "cancelled"}))

    meeting = Meeting.objects.get()
    assert (meeting.body.slug, meeting.status) == ("kernteam", "planned")


def test_it_asks_for_a_date_in_dutch(login, network, coordinator):
    response = login(coordinator).post(url(network), keyed({**FORM, "date": ""}))

    assertContains(response, "Dit veld is verplicht.")
    assert not Meeting.objects.exists()


def test_it_refuses_a_location_longer_than_200_characters(login, network, coordinator):
    response = login(coordinator).post(url(network), keyed({**FORM, "location": "x" * 201}))

    assertContains(response, "niet meer dan 200 tekens")
    assert not Meeting.objects.exists()


def test_it_refuses_a_post_without_csrf_token(network, coordinator):
    response = csrf_client(coordinator).post(url(network), keyed(FORM))

    assert response.status_code == 403
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("size", [1, 10])
def test_it_runs_the_same_number_of_queries_for_a_body_with_1_or_10_meetings(
    login, network, coordinator, size, django_assert_max_num_queries
):
    for day in range(1, size + 1):
        MeetingFactory(body=body(network), date=datetime.date(2026, 1, day))
    client = login(coordinator)
    client.get(url(network))  # content types cached, as in a running server

    # session, user, network, the user's and groups' grants on it, body, the
    # user's and groups' grants on the body, the body's rhythm (its usual hour and place).
    with django_assert_max_num_queries(9):
        response = client.get(url(network))
    assert response.status_code == 200
