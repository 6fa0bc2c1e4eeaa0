"""Giving an assignment from a body's page: for those who run a body with an assign mandate."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from core.tests.helpers import keyed
from bodies import seed
from bodies.models import Body, Mandate
from bodies.tests.factories import BodyFactory, MandateFactory, UserFactory
from referrals.models import Assignment

pytestmark = pytest.mark.django_db


def url(network, body="beleidsgroep"):
    return reverse("referrals:assignment_give", kwargs={"network": network.slug, "body": body})


def body(network, slug) -> Body:
    return Body.objects.get(network=network, slug=slug)


def form_data(network, **overrides):
    return keyed({
        "to_body": body(network, "ondersteuningsgroep").pk,
        "title": "Procedure crisisopvang",
        "description": "Werk een procedure uit.",
        "due_date": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        **overrides,
    })


def test_it_sends_anonymous_users_to_login(client, network):
    assertRedirects(client.get(url(network)), f"{reverse('login')}?next={url(network)}")


def test_it_answers_404_to_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(url(network)).status_code == 404


@pytest.mark.parametrize("persona", ["voting_member", "member_without_vote", "forum_member"])
def test_it_refuses_those_who_do_not_run_the_beleidsgroep(login, network, request, persona):
    response = login(request.getfixturevalue(persona)).post(url(network), form_data(network))

    assert response.status_code == 403
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("persona", ["chair", "coordinator"])
def test_it_shows_the_form_to_those_who_run_the_beleidsgroep(login, network, request, persona):
    response = login(request.getfixturevalue(persona)).get(url(network))

    assert response.status_code == 200
    assertContains(response, "<h1>Opdracht geven</h1>", html=True)


def test_it_offers_only_the_mandates_targets(login, network, chair):
    form = login(chair).get(url(network)).context["form"]

    assert [label for value, label in form.fields["to_body"].choices if value] == [seed.ONDERSTEUNINGSGROEP]


def test_it_records_the_assignment(login, network, chair):
    response = login(chair).post(url(network), form_data(network))

    assignment = Assignment.objects.get()
    assertRedirects(response, reverse("referrals:assignment", kwargs={"network": network.slug, "pk": assignment.pk}))
    assert (assignment.from_body.slug, assignment.to_body.slug, assignment.given_by) == (
        "beleidsgroep",
        "ondersteuningsgroep",
        chair,
    )


def test_it_ignores_extra_fields(login, network, chair):
    login(chair).post(
        url(network),
        form_data(
            network,
            from_body=body(network, "kernteam").pk,
            report="Al gedaan.",
            reported_on="2020-01-01",
            given_on="2020-01-01",
            given_by=UserFactory().pk,
        ),
    )

    assignment = Assignment.objects.get()
    assert assignment.from_body.slug == "beleidsgroep"
    assert assignment.is_open
    assert (assignment.given_on, assignment.given_by) == (timezone.localdate(), chair)


def test_it_refuses_another_networks_body(login, network, chair):
    response = login(chair).post(url(network), form_data(network, to_body=BodyFactory(name="Elders").pk))

    assert response.context["form"].errors["to_body"]
    assert not Assignment.objects.exists()


def test_it_refuses_a_body_outside_the_targets(login, network, chair):
    response = login(chair).post(url(network), form_data(network, to_body=body(network, "kernteam").pk))

    assert response.context["form"].errors["to_body"]
    assert not Assignment.objects.exists()


def test_it_shows_a_due_date_in_the_past_next_to_the_field(login, network, chair):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = login(chair).post(url(network), form_data(network, due_date=yesterday.isoformat()))

    assert response.context["form"].errors["due_date"] == ["De datum voor de terugkoppeling ligt in het verleden."]
    assert not Assignment.objects.exists()


def test_it_enforces_the_titles_maximum_length(login, network, chair):
    response = login(chair).post(url(network), form_data(network, title="x" * 201))

    assert response.context["form"].errors["title"]


def test_it_explains_that_a_body_without_assign_mandate_gives_no_assignments(login, network, coordinator):
    response = login(coordinator).get(url(network, "forum"))

    assert response.context["form"] is None
    assertContains(response, "Netwerk Forum heeft vandaag geen geldig mandaat om opdrachten te geven.")


def test_it_refuses_a_post_without_csrf_token(network, chair):
    client = Client(enforce_csrf_checks=True)
    client.force_login(chair)

    assert client.post(url(network), form_data(network)).status_code == 403
    assert not Assignment.objects.exists()


def test_it_refuses_other_methods(login, network, chair):
    assert login(chair).delete(url(network)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
def test_it_costs_the_same_queries_for_1_or_10_targets(login, network, chair, size, django_assert_max_num_queries):
    mandate = MandateFactory(body=body(network, "beleidsgroep"), kind=Mandate.Kind.ASSIGN, domains=["content"])
    mandate.targets.set([BodyFactory(network=network) for _index in range(size)])
    client = login(chair)
    client.get(url(network))  # warm the content type cache

    # session, user, network, the user's object grants and group grants on it, body,
    # the user's grants and group grants on the body, valid assign mandates, their targets.
    with django_assert_max_num_queries(10):
        response = client.get(url(network))
    assert response.status_code == 200
