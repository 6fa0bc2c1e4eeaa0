"""One assignment: its description, report and working group, for every member of the network."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Body, Mandate
from bodies.tests.factories import BodyFactory
from referrals.models import Assignment

pytestmark = pytest.mark.django_db


def make_assignment(network, **fields) -> Assignment:
    beleidsgroep = Body.objects.get(network=network, name=seed.BELEIDSGROEP)
    return Assignment.objects.create(
        **{
            "from_body": beleidsgroep,
            "to_body": Body.objects.get(network=network, name=seed.ONDERSTEUNINGSGROEP),
            "mandate": beleidsgroep.mandates.get(kind=Mandate.Kind.ASSIGN),
            "title": "Procedure crisisopvang",
            "description": "Werk een procedure uit.",
            "due_date": datetime.date(2026, 12, 31),
            "given_on": datetime.date(2026, 11, 1),
            **fields,
        }
    )


@pytest.fixture
def assignment(network):
    return make_assignment(network)


def url(assignment):
    return reverse("referrals:assignment", kwargs={"network": assignment.from_body.network.slug, "pk": assignment.pk})


def report_url(assignment):
    return reverse(
        "referrals:assignment_report", kwargs={"network": assignment.from_body.network.slug, "pk": assignment.pk}
    )


def test_it_sends_anonymous_users_to_login(client, assignment):
    assertRedirects(client.get(url(assignment)), f"{reverse('login')}?next={url(assignment)}")


def test_it_answers_404_to_a_member_of_another_network(login, assignment, other_network_member):
    assert login(other_network_member).get(url(assignment)).status_code == 404


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member", "chair"])
def test_every_member_of_the_network_reads_it(login, assignment, request, persona):
    response = login(request.getfixturevalue(persona)).get(url(assignment))

    assert response.status_code == 200
    assertContains(response, "<h1>Procedure crisisopvang</h1>", html=True)
    assertContains(response, "Werk een procedure uit.")


def test_it_offers_the_report_to_those_who_run_the_receiving_body(login, assignment, coordinator):
    assertContains(login(coordinator).get(url(assignment)), report_url(assignment))


def test_it_offers_no_report_to_the_chair_of_the_giving_body(login, assignment, chair):
    assertNotContains(login(chair).get(url(assignment)), report_url(assignment))


def test_it_shows_the_report(login, network, forum_member):
    assignment = make_assignment(network, report="Procedure klaar.", reported_on=datetime.date(2026, 11, 20))

    response = login(forum_member).get(url(assignment))

    assertContains(response, "Procedure klaar.")
    assertContains(response, "Teruggekoppeld op 20 november 2026")


def test_it_links_to_the_working_group_it_started(login, network, forum_member):
    support = Body.objects.get(network=network, name=seed.ONDERSTEUNINGSGROEP)
    group = BodyFactory(network=network, name="Werkgroep Vorming", slug="vorming", kind=Body.Kind.WORKING_GROUP, parent=support)
    assignment = make_assignment(network, working_group=group)

    response = login(forum_member).get(url(assignment))

    assertContains(response, reverse("pages:body", kwargs={"network": network.slug, "body": "vorming"}))
    assertContains(response, "Werkgroep Vorming")


def test_it_marks_an_open_assignment_past_its_due_date(login, network, forum_member):
    assignment = make_assignment(network, due_date=datetime.date(2020, 1, 1), given_on=datetime.date(2019, 12, 1))

    assertContains(login(forum_member).get(url(assignment)), "te laat")


def test_it_shows_html_in_texts_as_text(login, network, forum_member):
    assignment = make_assignment(network, title="<b>vet</b>", description='<script>alert("x")</script>')

    response = login(forum_member).get(url(assignment))

    assertContains(response, "&lt;b&gt;vet&lt;/b&gt;")
    assert '<script>alert("x")</script>' not in response.content.decode()


def test_it_refuses_a_post(login, assignment, coordinator):
    assert login(coordinator).post(url(assignment)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
def test_it_costs_the_same_queries_for_1_or_10_assignments_in_the_network(
    login, network, coordinator, size, django_assert_max_num_queries
):
    assignments = [make_assignment(network) for _index in range(size)]
    client, address = login(coordinator), url(assignments[-1])
    client.get(address)  # warm the content type cache

    # session, user, network, the user's object grants and group grants on it,
    # assignment with its bodies, mandate, working group and users, the user's grants
    # and group grants on the receiving body.
    with django_assert_max_num_queries(8):
        response = client.get(address)
    assert response.status_code == 200
