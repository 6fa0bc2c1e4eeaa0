"""The network's projects: every member reads them, the active ones first, filtered by status and body."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Body
from bodies.tests.factories import BodyFactory, PersonFactory
from projects.models import Project
from projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def url(network):
    return reverse("projects:list", kwargs={"network": network.slug})


def titles(response) -> list[str]:
    return [project.title for project in response.context["page"].object_list]


@pytest.fixture
def projects(network):
    return [
        ProjectFactory(network=network, title="Crisisopvang", status=Project.Status.RUNNING),
        ProjectFactory(network=network, title="Wachtlijsten", status=Project.Status.PREPARING),
        ProjectFactory(network=network, title="Vormingsaanbod", status=Project.Status.FINISHED),
        ProjectFactory(
            network=network,
            title="Digitaal dossier",
            status=Project.Status.STOPPED,
            body=Body.objects.get(network=network, name=seed.KERNTEAM),
        ),
    ]


def test_it_sends_anonymous_users_to_login(client, network):
    assertRedirects(client.get(url(network)), f"{reverse('login')}?next={url(network)}")


def test_it_answers_404_to_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(url(network)).status_code == 404


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member", "chair", "coordinator"])
def test_every_member_of_the_network_reads_it(login, network, projects, request, persona):
    response = login(request.getfixturevalue(persona)).get(url(network))

    assert response.status_code == 200
    assertContains(response, "Crisisopvang")


def test_it_shows_the_active_projects_by_default(login, network, projects, forum_member):
    assert titles(login(forum_member).get(url(network))) == ["Crisisopvang", "Wachtlijsten"]


@pytest.mark.parametrize(
    "status, expected",
    [
        ("active", ["Crisisopvang", "Wachtlijsten"]),
        ("all", ["Crisisopvang", "Digitaal dossier", "Vormingsaanbod", "Wachtlijsten"]),
        ("finished", ["Vormingsaanbod"]),
        ("stopped", ["Digitaal dossier"]),
    ],
)
def test_it_filters_by_status(login, network, projects, forum_member, status, expected):
    assert titles(login(forum_member).get(url(network), {"status": status})) == expected


def test_it_filters_by_the_body_that_follows_the_project_up(login, network, projects, forum_member):
    response = login(forum_member).get(url(network), {"status": "all", "body": "kernteam"})

    assert titles(response) == ["Digitaal dossier"]


def test_an_unknown_filter_falls_back_to_the_active_projects(login, network, projects, forum_member):
    other_body = BodyFactory(name="Stuurgroep elders")

    response = login(forum_member).get(url(network), {"status": "alles", "body": other_body.slug})

    assert response.status_code == 200
    assert titles(response) == ["Crisisopvang", "Wachtlijsten"]


def test_it_leaves_out_another_networks_projects(login, network, coordinator):
    elsewhere = BodyFactory(name="Stuurgroep")
    ProjectFactory(network=elsewhere.network, body=elsewhere, title="Geheim project")

    assertNotContains(login(coordinator).get(url(network), {"status": "all"}), "Geheim project")


def test_it_shows_the_body_lead_status_and_dates(login, network, forum_member):
    lead = PersonFactory(network=network, name="Nele Goossens")
    ProjectFactory(
        network=network, title="Crisisopvang", lead=lead, status=Project.Status.RUNNING,
        start_date="2026-01-01", end_date="2027-06-30",
    )

    response = login(forum_member).get(url(network))

    for text in ["Beleidsgroep", "Nele Goossens", "Lopend", "1 jan 2026", "30 jun 2027"]:
        assertContains(response, text)


@pytest.mark.parametrize("persona", ["chair", "coordinator"])
def test_it_links_to_a_new_project_for_who_may_make_one(login, network, request, persona):
    assertContains(login(request.getfixturevalue(persona)).get(url(network)), "Nieuw project")


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member"])
def test_it_offers_no_new_project_to_who_may_not_make_one(login, network, request, persona):
    assertNotContains(login(request.getfixturevalue(persona)).get(url(network)), "Nieuw project")


def test_it_pages_a_long_list(login, network, forum_member):
    for index in range(51):
        ProjectFactory(network=network, title=f"Project {index:02}")
    client = login(forum_member)

    assert len(titles(client.get(url(network)))) == 50
    assert titles(client.get(url(network), {"page": 2})) == ["Project 50"]


def test_it_shows_html_in_a_title_as_text(login, network, coordinator):
    ProjectFactory(network=network, title='<script>alert("x")</script>')

    response = login(coordinator).get(url(network))

    assertContains(response, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    assert '<script>alert("x")</script>' not in response.content.decode()


def test_it_refuses_a_post(login, network, coordinator):
    assert login(coordinator).post(url(network)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
@pytest.mark.parametrize("persona", ["chair", "voting_member", "coordinator"])
def test_it_costs_the_same_queries_for_1_or_10_projects(
    login, network, request, persona, size, django_assert_max_num_queries
):
    for index in range(size):
        ProjectFactory(
            network=network, title=f"Project {index}", lead=PersonFactory(network=network),
            body=BodyFactory(network=network),
        )
    client = login(request.getfixturevalue(persona))
    client.get(url(network))  # warm the content type cache

    # session, user, network, the user's object grants and group grants on it, the
    # network's bodies (filter and "Nieuw project"), the user's grants and group
    # grants on the active ones (not for the coordinator), the count and the page of
    # projects with their bodies and leads.
    with django_assert_max_num_queries(10):
        response = client.get(url(network), {"status": "all"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size
