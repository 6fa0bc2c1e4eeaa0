"""The network's advice register: every member reads it, open advice first, filtered by status and body."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Body, Mandate
from bodies.tests.factories import BodyFactory, MandateFactory
from referrals.models import Advice

pytestmark = pytest.mark.django_db


def make_advice(network, subject, *, to=seed.BELEIDSGROEP, answered=False, given_on=datetime.date(2026, 11, 1)):
    forum = Body.objects.get(network=network, name=seed.FORUM)
    return Advice.objects.create(
        from_body=forum,
        to_body=Body.objects.get(network=network, name=to),
        mandate=forum.mandates.get(kind=Mandate.Kind.ADVISE),
        domain="policy",
        subject=subject,
        text="…",
        given_on=given_on,
        **({"response": "followed", "answered_on": given_on} if answered else {}),
    )


def url(network):
    return reverse("referrals:advice_list", kwargs={"network": network.slug})


def subjects(response) -> list[str]:
    return [advice.subject for advice in response.context["page"].object_list]


def test_it_sends_anonymous_users_to_login(client, network):
    assertRedirects(client.get(url(network)), f"{reverse('login')}?next={url(network)}")


def test_it_answers_404_to_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(url(network)).status_code == 404


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member", "coordinator"])
def test_every_member_of_the_network_reads_it(login, network, request, persona):
    make_advice(network, "Wachtlijsten")

    response = login(request.getfixturevalue(persona)).get(url(network))

    assert response.status_code == 200
    assertContains(response, "Wachtlijsten")


def test_it_leaves_out_another_networks_advice(login, network, coordinator):
    elsewhere = BodyFactory(name="Forum elders")
    mandate = MandateFactory(body=elsewhere, kind=Mandate.Kind.ADVISE, domains=["policy"])
    Advice.objects.create(
        from_body=elsewhere, to_body=BodyFactory(network=elsewhere.network), mandate=mandate, domain="policy",
        subject="Geheim advies", text="x", given_on=datetime.date(2026, 1, 1),
    )

    assertNotContains(login(coordinator).get(url(network)), "Geheim advies")


def test_it_puts_open_advice_first(login, network, coordinator):
    make_advice(network, "Oud en open", given_on=datetime.date(2026, 1, 1))
    make_advice(network, "Nieuw en beantwoord", answered=True, given_on=datetime.date(2026, 11, 1))
    make_advice(network, "Recent en open", given_on=datetime.date(2026, 6, 1))

    assert subjects(login(coordinator).get(url(network))) == ["Recent en open", "Oud en open", "Nieuw en beantwoord"]


def test_it_filters_open_advice(login, network, coordinator):
    make_advice(network, "Open")
    make_advice(network, "Beantwoord", answered=True)

    assert subjects(login(coordinator).get(url(network), {"status": "open"})) == ["Open"]


def test_it_filters_answered_advice(login, network, coordinator):
    make_advice(network, "Open")
    make_advice(network, "Beantwoord", answered=True)

    assert subjects(login(coordinator).get(url(network), {"status": "answered"})) == ["Beantwoord"]


def test_it_filters_advice_given_or_received_by_a_body(login, network, coordinator):
    make_advice(network, "Aan de beleidsgroep")
    make_advice(network, "Aan het kernteam", to=seed.KERNTEAM)

    assert subjects(login(coordinator).get(url(network), {"body": "kernteam"})) == ["Aan het kernteam"]
    assert len(subjects(login(coordinator).get(url(network), {"body": "forum"}))) == 2


def test_it_ignores_another_networks_body_in_the_filter(login, network, coordinator, other_network_member):
    make_advice(network, "Wachtlijsten")

    response = login(coordinator).get(url(network), {"body": "stuurgroep"})

    assert response.status_code == 200
    assert response.context["form"].errors["body"]
    assert subjects(response) == ["Wachtlijsten"]


def test_it_offers_the_answer_only_where_the_user_runs_the_body_advised(login, network, chair):
    to_beleidsgroep = make_advice(network, "Aan de beleidsgroep")
    to_kernteam = make_advice(network, "Aan het kernteam", to=seed.KERNTEAM)

    response = login(chair).get(url(network))

    kwargs = {"network": network.slug}
    assertContains(response, reverse("referrals:advice_answer", kwargs={**kwargs, "pk": to_beleidsgroep.pk}))
    assertNotContains(response, reverse("referrals:advice_answer", kwargs={**kwargs, "pk": to_kernteam.pk}))


def test_it_shows_html_in_a_subject_as_text(login, network, coordinator):
    make_advice(network, '<script>alert("x")</script>')

    response = login(coordinator).get(url(network))

    assertContains(response, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    assert '<script>alert("x")</script>' not in response.content.decode()


def test_it_refuses_a_post(login, network, coordinator):
    assert login(coordinator).post(url(network)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
def test_it_costs_the_same_queries_for_1_or_10_advice(login, network, chair, size, django_assert_max_num_queries):
    forum = Body.objects.get(network=network, name=seed.FORUM)
    mandate = MandateFactory(body=forum, kind=Mandate.Kind.ADVISE, domains=["policy"])
    for index in range(size):
        target = BodyFactory(network=network)
        mandate.targets.add(target)
        Advice.objects.create(
            from_body=forum, to_body=target, mandate=mandate, domain="policy", subject=f"Advies {index}", text="…",
            given_on=datetime.date(2026, 11, 1),
        )
    client = login(chair)
    client.get(url(network))  # warm the content type cache

    # session, user, network, the user's object grants and group grants on it, the
    # filter's bodies, the count and the page of advice with their bodies, the user's
    # grants and group grants on the bodies advised (one prefetch for all).
    with django_assert_max_num_queries(10):
        response = client.get(url(network), {"status": "open"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size
