"""The network's assignments: every member reads them, open first, filtered by status and body."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Body, Mandate
from bodies.tests.factories import BodyFactory, MandateFactory
from referrals.models import Assignment

pytestmark = pytest.mark.django_db


def make_assignment(network, title, *, reported=False, due_date=datetime.date(2026, 12, 31), to=seed.ONDERSTEUNINGSGROEP):
    beleidsgroep = Body.objects.get(network=network, name=seed.BELEIDSGROEP)
    return Assignment.objects.create(
        from_body=beleidsgroep,
        to_body=Body.objects.get(network=network, name=to),
        mandate=beleidsgroep.mandates.get(kind=Mandate.Kind.ASSIGN),
        title=title,
        due_date=due_date,
        given_on=datetime.date(2026, 11, 1),
        **({"report": "Klaar.", "reported_on": datetime.date(2026, 11, 20)} if reported else {}),
    )


def url(network):
    return reverse("referrals:assignment_list", kwargs={"network": network.slug})


def titles(response) -> list[str]:
    return [assignment.title for assignment in response.context["page"].object_list]


def test_it_sends_anonymous_users_to_login(client, network):
    assertRedirects(client.get(url(network)), f"{reverse('login')}?next={url(network)}")


def test_it_answers_404_to_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(url(network)).status_code == 404


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member", "coordinator"])
def test_every_member_of_the_network_reads_it(login, network, request, persona):
    make_assignment(network, "Procedure crisisopvang")

    response = login(request.getfixturevalue(persona)).get(url(network))

    assert response.status_code == 200
    assertContains(response, "Procedure crisisopvang")


def test_it_leaves_out_another_networks_assignments(login, network, coordinator):
    elsewhere = BodyFactory(name="Bestuur elders")
    mandate = MandateFactory(body=elsewhere, kind=Mandate.Kind.ASSIGN, domains=["working_groups"])
    Assignment.objects.create(
        from_body=elsewhere, to_body=BodyFactory(network=elsewhere.network), mandate=mandate, title="Geheime opdracht",
        due_date=datetime.date(2026, 12, 31), given_on=datetime.date(2026, 1, 1),
    )

    assertNotContains(login(coordinator).get(url(network)), "Geheime opdracht")


def test_it_puts_open_assignments_first_the_most_urgent_on_top(login, network, coordinator):
    make_assignment(network, "Teruggekoppeld", reported=True, due_date=datetime.date(2026, 1, 1))
    make_assignment(network, "Later", due_date=datetime.date(2027, 6, 1))
    make_assignment(network, "Eerst", due_date=datetime.date(2026, 12, 1))

    assert titles(login(coordinator).get(url(network))) == ["Eerst", "Later", "Teruggekoppeld"]


def test_it_filters_open_assignments(login, network, coordinator):
    make_assignment(network, "Lopend")
    make_assignment(network, "Teruggekoppeld", reported=True)

    assert titles(login(coordinator).get(url(network), {"status": "open"})) == ["Lopend"]


def test_it_filters_reported_assignments(login, network, coordinator):
    make_assignment(network, "Lopend")
    make_assignment(network, "Teruggekoppeld", reported=True)

    assert titles(login(coordinator).get(url(network), {"status": "reported"})) == ["Teruggekoppeld"]


def test_it_filters_assignments_given_or_received_by_a_body(login, network, coordinator):
    make_assignment(network, "Aan de ondersteuningsgroep")
    make_assignment(network, "Aan het kernteam", to=seed.KERNTEAM)

    assert titles(login(coordinator).get(url(network), {"body": "kernteam"})) == ["Aan het kernteam"]
    assert len(titles(login(coordinator).get(url(network), {"body": "beleidsgroep"}))) == 2


def test_it_offers_the_report_only_where_the_user_runs_the_receiving_body(login, network, chair, coordinator):
    assignment = make_assignment(network, "Procedure crisisopvang")
    report = reverse("referrals:assignment_report", kwargs={"network": network.slug, "pk": assignment.pk})

    assertNotContains(login(chair).get(url(network)), report)
    assertContains(login(coordinator).get(url(network)), report)


def test_it_shows_html_in_a_title_as_text(login, network, coordinator):
    make_assignment(network, '<script>alert("x")</script>')

    response = login(coordinator).get(url(network))

    assertContains(response, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    assert '<script>alert("x")</script>' not in response.content.decode()


def test_it_refuses_a_post(login, network, coordinator):
    assert login(coordinator).post(url(network)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
def test_it_costs_the_same_queries_for_1_or_10_assignments(
    login, network, chair, size, django_assert_max_num_queries
):
    beleidsgroep = Body.objects.get(network=network, name=seed.BELEIDSGROEP)
    mandate = beleidsgroep.mandates.get(kind=Mandate.Kind.ASSIGN)
    support = Body.objects.get(network=network, name=seed.ONDERSTEUNINGSGROEP)
    for index in range(size):
        target = BodyFactory(network=network)
        group = BodyFactory(network=network, kind=Body.Kind.WORKING_GROUP, parent=support)
        Assignment.objects.create(
            from_body=beleidsgroep, to_body=target, mandate=mandate, title=f"Opdracht {index}", working_group=group,
            due_date=datetime.date(2026, 12, 31), given_on=datetime.date(2026, 11, 1),
        )
    client = login(chair)
    client.get(url(network))  # warm the content type cache

    # session, user, network, the user's object grants and group grants on it, the
    # filter's bodies, the count and the page of assignments with their bodies and
    # working groups, the user's grants and group grants on the receiving bodies.
    with django_assert_max_num_queries(10):
        response = client.get(url(network))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size
