"""One advice: its text, the answer and its history, for every member of the network."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Body, Mandate
from referrals.models import Advice
from referrals.services.advice import advice_answer
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def make_advice(network, *, to=seed.BELEIDSGROEP, **fields) -> Advice:
    forum = Body.objects.get(network=network, name=seed.FORUM)
    return Advice.objects.create(
        **{
            "from_body": forum,
            "to_body": Body.objects.get(network=network, name=to),
            "mandate": forum.mandates.get(kind=Mandate.Kind.ADVISE),
            "domain": "policy",
            "subject": "Wachtlijsten",
            "text": "Maak de wachtlijsten zichtbaar.",
            "given_on": datetime.date(2026, 11, 1),
            **fields,
        }
    )


@pytest.fixture
def advice(network):
    return make_advice(network)


def url(advice):
    return reverse("referrals:advice", kwargs={"network": advice.from_body.network.slug, "pk": advice.pk})


def answer_url(advice):
    return reverse("referrals:advice_answer", kwargs={"network": advice.from_body.network.slug, "pk": advice.pk})


def test_it_sends_anonymous_users_to_login(client, advice):
    assertRedirects(client.get(url(advice)), f"{reverse('login')}?next={url(advice)}")


def test_it_answers_404_to_a_member_of_another_network(login, advice, other_network_member):
    assert login(other_network_member).get(url(advice)).status_code == 404


def test_it_answers_404_for_an_unknown_advice(login, network, coordinator):
    response = login(coordinator).get(reverse("referrals:advice", kwargs={"network": network.slug, "pk": 999}))

    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member", "coordinator"])
def test_every_member_of_the_network_reads_it(login, advice, request, persona):
    response = login(request.getfixturevalue(persona)).get(url(advice))

    assert response.status_code == 200
    assertContains(response, "<h1>Wachtlijsten</h1>", html=True)
    assertContains(response, "Maak de wachtlijsten zichtbaar.")


def test_it_offers_the_answer_to_the_chair_of_the_body_advised(login, advice, chair):
    assertContains(login(chair).get(url(advice)), answer_url(advice))


def test_it_offers_no_answer_to_a_member_who_does_not_run_the_body(login, advice, voting_member):
    assertNotContains(login(voting_member).get(url(advice)), answer_url(advice))


def test_it_shows_the_answer_with_reasons_and_the_history(login, advice, chair, forum_member):
    advice_answer(advice=advice, response="partly", reasons="Budget ontbreekt.", by=chair)

    response = login(forum_member).get(url(advice))

    assertContains(response, "Gedeeltelijk gevolgd")
    assertContains(response, "Budget ontbreekt.")
    assertContains(response, "Advies vastgelegd")
    assertContains(response, "Beantwoord: gedeeltelijk gevolgd")
    assertNotContains(response, answer_url(advice))


def test_it_names_the_meeting_and_the_mandate(login, network, forum_member):
    meeting = MeetingFactory(body=Body.objects.get(network=network, name=seed.FORUM), date=datetime.date(2026, 10, 20))
    advice = make_advice(network, meeting=meeting)

    response = login(forum_member).get(url(advice))

    assertContains(response, reverse("meetings:detail", kwargs={"network": network.slug, "pk": meeting.pk}))
    assertContains(response, "Adviesfunctie t.a.v. het kernteam")


def test_it_shows_html_in_texts_as_text(login, network, forum_member):
    advice = make_advice(network, subject="<b>vet</b>", text='<script>alert("x")</script>')

    response = login(forum_member).get(url(advice))

    assertContains(response, "&lt;b&gt;vet&lt;/b&gt;")
    assert '<script>alert("x")</script>' not in response.content.decode()


def test_it_refuses_a_post(login, advice, coordinator):
    assert login(coordinator).post(url(advice)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
def test_it_costs_the_same_queries_for_1_or_10_changes_in_its_history(
    login, advice, chair, size, django_assert_max_num_queries
):
    for index in range(size):
        advice.text = f"Versie {index}"
        advice.save()
    client, address = login(chair), url(advice)
    client.get(address)  # warm the content type cache

    # session, user, network, the user's object grants and group grants on it, advice
    # with its bodies, mandate, meeting and users, its history with users, the user's
    # grants and group grants on the body advised.
    with django_assert_max_num_queries(9):
        response = client.get(address)
    assert response.status_code == 200
