"""Answering advice: for those who run the body advised, once, with reasons where it is not followed."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from bodies import seed
from bodies.models import Body, Mandate
from bodies.tests.factories import BodyFactory, MandateFactory, UserFactory
from referrals.models import Advice

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
    return reverse("referrals:advice_answer", kwargs={"network": advice.from_body.network.slug, "pk": advice.pk})


def detail_url(advice):
    return reverse("referrals:advice", kwargs={"network": advice.from_body.network.slug, "pk": advice.pk})


def test_it_sends_anonymous_users_to_login(client, advice):
    assertRedirects(client.get(url(advice)), f"{reverse('login')}?next={url(advice)}")


def test_it_answers_404_to_a_member_of_another_network(login, advice, other_network_member):
    assert login(other_network_member).get(url(advice)).status_code == 404


def test_it_answers_404_for_another_networks_advice_under_this_networks_address(login, network, coordinator):
    elsewhere = BodyFactory(name="Forum elders")
    target = BodyFactory(network=elsewhere.network, name="Bestuur elders")
    mandate = MandateFactory(body=elsewhere, kind=Mandate.Kind.ADVISE, domains=["policy"])
    foreign = Advice.objects.create(
        from_body=elsewhere, to_body=target, mandate=mandate, domain="policy", subject="x", text="x",
        given_on=datetime.date(2026, 1, 1),
    )

    response = login(coordinator).get(reverse("referrals:advice_answer", kwargs={"network": network.slug, "pk": foreign.pk}))

    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["voting_member", "member_without_vote", "forum_member"])
def test_it_refuses_those_who_do_not_run_the_body_advised(login, advice, request, persona):
    assert login(request.getfixturevalue(persona)).get(url(advice)).status_code == 403


def test_it_refuses_the_chair_of_the_beleidsgroep_for_advice_to_the_kernteam(login, network, chair):
    advice = make_advice(network, to=seed.KERNTEAM)

    assert login(chair).post(url(advice), {"response": "followed"}).status_code == 403
    advice.refresh_from_db()
    assert advice.is_open


@pytest.mark.parametrize("persona", ["chair", "coordinator"])
def test_it_shows_the_form_to_those_who_run_the_body_advised(login, advice, request, persona):
    response = login(request.getfixturevalue(persona)).get(url(advice))

    assert response.status_code == 200
    assertContains(response, "<h1>Advies beantwoorden</h1>", html=True)


def test_a_get_changes_nothing(login, advice, chair):
    login(chair).get(url(advice))

    advice.refresh_from_db()
    assert advice.is_open


def test_it_records_a_partly_followed_answer_with_reasons(login, advice, chair):
    response = login(chair).post(url(advice), {"response": "partly", "reasons": "Budget ontbreekt."})

    assertRedirects(response, detail_url(advice))
    advice.refresh_from_db()
    assert (advice.response, advice.response_reasons, advice.answered_by) == ("partly", "Budget ontbreekt.", chair)


def test_it_shows_missing_reasons_next_to_the_field(login, advice, chair):
    response = login(chair).post(url(advice), {"response": "not_followed", "reasons": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["reasons"] == [
        "Motiveer waarom het advies niet of slechts gedeeltelijk gevolgd wordt."
    ]
    advice.refresh_from_db()
    assert advice.is_open


def test_it_refuses_an_unknown_answer(login, advice, chair):
    response = login(chair).post(url(advice), {"response": "ignored"})

    assert response.context["form"].errors["response"]
    advice.refresh_from_db()
    assert advice.is_open


def test_it_ignores_extra_fields(login, network, advice, chair):
    login(chair).post(
        url(advice),
        {
            "response": "followed",
            "answered_by": UserFactory().pk,
            "answered_on": "2020-01-01",
            "to_body": Body.objects.get(network=network, name=seed.KERNTEAM).pk,
            "subject": "Iets anders",
        },
    )

    advice.refresh_from_db()
    assert advice.answered_by == chair
    assert advice.answered_on == timezone.localdate()
    assert (advice.to_body.name, advice.subject) == (seed.BELEIDSGROEP, "Wachtlijsten")


def test_a_second_answer_is_refused_and_the_first_stays(login, advice, chair, coordinator):
    login(chair).post(url(advice), {"response": "partly", "reasons": "Budget ontbreekt."})

    response = login(coordinator).post(url(advice), {"response": "followed"}, follow=True)

    assertRedirects(response, detail_url(advice))
    assertContains(response, "Dit advies is al beantwoord.")
    advice.refresh_from_db()
    assert (advice.response, advice.answered_by) == ("partly", chair)


def test_it_refuses_a_post_without_csrf_token(advice, chair):
    client = Client(enforce_csrf_checks=True)
    client.force_login(chair)

    assert client.post(url(advice), {"response": "followed"}).status_code == 403
    advice.refresh_from_db()
    assert advice.is_open


def test_it_shows_html_in_the_advice_as_text(login, network, chair):
    advice = make_advice(network, text='<script>alert("x")</script>')

    response = login(chair).get(url(advice))

    assertContains(response, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    assert '<script>alert("x")</script>' not in response.content.decode()


@pytest.mark.parametrize("size", [1, 10])
def test_it_costs_the_same_queries_for_1_or_10_advice_in_the_network(
    login, network, chair, size, django_assert_max_num_queries
):
    advices = [make_advice(network) for _index in range(size)]
    client, address = login(chair), url(advices[-1])
    client.get(address)  # warm the content type cache

    # session, user, network, the user's object grants and group grants on it, advice
    # with its bodies, mandate, meeting and users, the user's grants and group grants
    # on the body advised.
    with django_assert_max_num_queries(8):
        response = client.get(address)
    assert response.status_code == 200
