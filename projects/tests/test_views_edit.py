"""Changing a project, its status too: the coordinator, or who runs the body that follows it up."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from bodies import seed
from bodies.models import Body
from bodies.tests.factories import BodyFactory, PersonFactory
from projects.models import Project
from projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def url(project):
    return reverse("projects:edit", kwargs={"network": project.network.slug, "pk": project.pk})


def body(network, name=seed.BELEIDSGROEP) -> Body:
    return Body.objects.get(network=network, name=name)


@pytest.fixture
def project(network):
    return ProjectFactory(
        network=network, title="Crisisopvang", goal="Eén aanspreekpunt.", status=Project.Status.RUNNING,
        start_date="2026-01-01",
    )


def form_data(project, **overrides):
    return {
        "title": project.title,
        "goal": project.goal,
        "description": project.description,
        "body": project.body_id,
        "lead": project.lead_id or "",
        "status": project.status,
        "start_date": project.start_date or "",
        "end_date": project.end_date or "",
        **overrides,
    }


def test_it_sends_anonymous_users_to_login(client, project):
    assertRedirects(client.get(url(project)), f"{reverse('login')}?next={url(project)}")


def test_it_answers_404_to_a_member_of_another_network(login, project, other_network_member):
    assert login(other_network_member).post(url(project), form_data(project, title="Weg")).status_code == 404


def test_it_answers_404_for_another_networks_project_under_this_networks_address(login, network, coordinator):
    elsewhere = BodyFactory(name="Stuurgroep")
    other = ProjectFactory(network=elsewhere.network, body=elsewhere)

    address = reverse("projects:edit", kwargs={"network": network.slug, "pk": other.pk})

    assert login(coordinator).get(address).status_code == 404


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member"])
def test_it_refuses_who_neither_coordinates_nor_runs_the_body(login, project, request, persona):
    client = login(request.getfixturevalue(persona))

    assert client.get(url(project)).status_code == 403
    assert client.post(url(project), form_data(project, title="Weg")).status_code == 403
    project.refresh_from_db()
    assert project.title == "Crisisopvang"


def test_a_chair_may_not_edit_a_project_of_a_body_they_do_not_run(login, network, chair):
    other = ProjectFactory(network=network, body=body(network, seed.KERNTEAM))

    assert login(chair).get(url(other)).status_code == 403


@pytest.mark.parametrize("persona", ["chair", "coordinator"])
def test_it_shows_the_sheet_filled_in(login, project, request, persona):
    response = login(request.getfixturevalue(persona)).get(url(project))

    assert response.status_code == 200
    assertContains(response, "<h1>Project bewerken</h1>", html=True)
    assertContains(response, 'value="Crisisopvang"')


def test_the_coordinator_finishes_a_project_and_the_list_no_longer_shows_it(login, network, project, coordinator):
    client = login(coordinator)

    response = client.post(url(project), form_data(project, status="finished", end_date="2026-11-20"), follow=True)

    assertRedirects(response, project.get_absolute_url())
    assertContains(response, "De wijzigingen aan “Crisisopvang” zijn bewaard.")
    project.refresh_from_db()
    assert project.status == Project.Status.FINISHED
    assert project.history.latest().history_user == coordinator
    listing = reverse("projects:list", kwargs={"network": network.slug})
    assert list(client.get(listing).context["page"].object_list) == []
    assert list(client.get(listing, {"status": "finished"}).context["page"].object_list) == [project]


def test_a_chair_changes_a_project_of_their_body(login, network, project, chair):
    lead = PersonFactory(network=network, name="Nele Goossens")

    login(chair).post(url(project), form_data(project, lead=lead.pk, status="stopped"))

    project.refresh_from_db()
    assert (project.lead, project.status) == (lead, Project.Status.STOPPED)
    assert project.history.latest().history_user == chair


def test_saving_without_changes_writes_no_history(login, project, coordinator):
    response = login(coordinator).post(url(project), form_data(project), follow=True)

    assertContains(response, "Er was niets gewijzigd.")
    assert project.history.count() == 1


def test_a_chair_cannot_move_the_project_to_a_body_they_do_not_run(login, network, project, chair):
    response = login(chair).post(url(project), form_data(project, body=body(network, seed.KERNTEAM).pk))

    assert "body" in response.context["form"].errors
    project.refresh_from_db()
    assert project.body == body(network)


def test_the_coordinator_moves_the_project_to_another_body(login, network, project, coordinator):
    login(coordinator).post(url(project), form_data(project, body=body(network, seed.KERNTEAM).pk))

    project.refresh_from_db()
    assert project.body == body(network, seed.KERNTEAM)


def test_a_body_no_longer_active_may_stay(login, network, coordinator):
    ended = BodyFactory(network=network, name="Opgeheven werkgroep", active_until="2025-01-01")
    project = ProjectFactory(network=network, body=ended)

    response = login(coordinator).post(url(project), form_data(project, status="finished"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.body, project.status) == (ended, Project.Status.FINISHED)


@pytest.mark.parametrize("field", ["body", "lead"])
def test_it_refuses_a_forged_body_or_lead_of_another_network(login, project, coordinator, field):
    elsewhere = BodyFactory(name="Stuurgroep")
    forged = {"body": elsewhere, "lead": PersonFactory(network=elsewhere.network)}[field]

    response = login(coordinator).post(url(project), form_data(project, **{field: forged.pk}))

    assert field in response.context["form"].errors
    project.refresh_from_db()
    assert project.body.network == project.network and project.lead is None


def test_it_refuses_an_end_before_the_start(login, project, coordinator):
    response = login(coordinator).post(url(project), form_data(project, end_date="2025-12-31"))

    assert response.context["form"].errors == {"end_date": ["Het einde ligt voor de start."]}
    project.refresh_from_db()
    assert project.end_date is None


def test_it_refuses_the_title_of_another_project(login, network, project, coordinator):
    ProjectFactory(network=network, title="Wachtlijsten")

    response = login(coordinator).post(url(project), form_data(project, title="WACHTLIJSTEN"))

    assert response.context["form"].errors == {"title": ["Er bestaat al een project met deze titel."]}
    # The page still names the project as it is stored.
    assertContains(response, "Crisisopvang")
    project.refresh_from_db()
    assert project.title == "Crisisopvang"


def test_it_refuses_an_unknown_status(login, project, coordinator):
    response = login(coordinator).post(url(project), form_data(project, status="deleted"))

    assert "status" in response.context["form"].errors


def test_it_refuses_a_text_longer_than_the_sheet_holds(login, project, coordinator):
    response = login(coordinator).post(url(project), form_data(project, description="x" * 10001))

    assert list(response.context["form"].errors) == ["description"]
