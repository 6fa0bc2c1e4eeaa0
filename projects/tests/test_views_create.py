"""Making a project: the coordinator for any active body, a chair or secretary for the bodies they run."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from core.tests.helpers import keyed
from bodies import seed
from bodies.models import Body
from bodies.tests.factories import BodyFactory, PersonFactory
from meetings.tests.helpers import csrf_client
from projects.models import Project

pytestmark = pytest.mark.django_db


def url(network):
    return reverse("projects:create", kwargs={"network": network.slug})


def body(network, name=seed.BELEIDSGROEP) -> Body:
    return Body.objects.get(network=network, name=name)


def form_data(network, **overrides):
    return keyed({
        "title": "Eén gezin, één plan",
        "goal": "Elk gezin één plan.",
        "description": "Met de gezinscoaches.",
        "body": body(network).pk,
        "lead": "",
        "status": "preparing",
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        **overrides,
    })


def body_choices(response) -> list[str]:
    return [label for value, label in response.context["form"].fields["body"].choices if value != ""]


def test_it_sends_anonymous_users_to_login(client, network):
    assertRedirects(client.get(url(network)), f"{reverse('login')}?next={url(network)}")


def test_it_answers_404_to_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).post(url(network), form_data(network)).status_code == 404
    assert not Project.objects.exists()


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member"])
def test_it_refuses_who_runs_no_body_and_does_not_coordinate(login, network, request, persona):
    client = login(request.getfixturevalue(persona))

    assert client.get(url(network)).status_code == 403
    assert client.post(url(network), form_data(network)).status_code == 403
    assert not Project.objects.exists()


def test_the_coordinator_chooses_among_all_active_bodies(login, network, coordinator):
    BodyFactory(network=network, name="Opgeheven werkgroep", active_until="2025-01-01")

    response = login(coordinator).get(url(network))

    assert response.status_code == 200
    assert body_choices(response) == [
        seed.KERNTEAM, seed.BELEIDSGROEP, seed.ONDERSTEUNINGSGROEP, seed.FORUM,
    ]


def test_a_chair_chooses_only_the_body_they_run(login, network, chair):
    response = login(chair).get(url(network))

    assert response.status_code == 200
    assert body_choices(response) == [seed.BELEIDSGROEP]


def test_the_lead_is_chosen_among_the_networks_people(login, network, coordinator):
    PersonFactory(network=network, name="Nele Goossens")
    PersonFactory(name="Piet Elders")

    leads = [str(label) for value, label in login(coordinator).get(url(network)).context["form"].fields["lead"].choices]

    assert "Nele Goossens" in leads
    assert "Piet Elders" not in leads


@pytest.mark.parametrize("persona", ["chair", "coordinator"])
def test_it_makes_the_project_and_shows_its_sheet(login, network, request, persona):
    user = request.getfixturevalue(persona)
    lead = PersonFactory(network=network, name="Nele Goossens")

    response = login(user).post(url(network), form_data(network, lead=lead.pk), follow=True)

    project = Project.objects.get()
    assertRedirects(response, project.get_absolute_url())
    assertContains(response, "Het project “Eén gezin, één plan” is aangemaakt.")
    assert (project.network, project.body, project.lead, project.created_by) == (network, body(network), lead, user)
    assert project.history.get().history_user == user


def test_it_ignores_a_posted_network_or_author(login, network, coordinator, other_network, chair):
    forged = {**form_data(network), "network": other_network.pk, "created_by": chair.pk}

    login(coordinator).post(url(network), forged)

    project = Project.objects.get()
    assert (project.network, project.created_by) == (network, coordinator)


def test_a_chair_cannot_put_a_project_under_a_body_they_do_not_run(login, network, chair):
    response = login(chair).post(url(network), form_data(network, body=body(network, seed.KERNTEAM).pk))

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not Project.objects.exists()


def test_it_refuses_a_forged_body_of_another_network(login, network, coordinator):
    elsewhere = BodyFactory(name="Stuurgroep")

    response = login(coordinator).post(url(network), form_data(network, body=elsewhere.pk))

    assert "body" in response.context["form"].errors
    assert not Project.objects.exists()


def test_it_refuses_a_forged_lead_of_another_network(login, network, coordinator):
    response = login(coordinator).post(url(network), form_data(network, lead=PersonFactory().pk))

    assert "lead" in response.context["form"].errors
    assert not Project.objects.exists()


def test_it_refuses_an_end_before_the_start(login, network, coordinator):
    response = login(coordinator).post(url(network), form_data(network, start_date="2027-06-01", end_date="2027-05-31"))

    assert response.context["form"].errors == {"end_date": ["Het einde ligt voor de start."]}
    assertContains(response, "Het einde ligt voor de start.")
    assert not Project.objects.exists()


def test_it_refuses_a_title_the_network_already_has(login, network, coordinator):
    client = login(coordinator)
    client.post(url(network), form_data(network, title="Crisisopvang"))

    response = client.post(url(network), form_data(network, title="crisisopvang"))

    assert response.context["form"].errors == {"title": ["Er bestaat al een project met deze titel."]}
    assert Project.objects.count() == 1


def test_a_double_submit_makes_one_project_and_sends_the_second_to_it(network, coordinator):
    client = csrf_client(coordinator)
    token = client.get(url(network)).context["csrf_token"]
    data = {**form_data(network), "csrfmiddlewaretoken": str(token)}

    first, second = client.post(url(network), data), client.post(url(network), data, follow=True)

    assert first.status_code == 302
    # The same form twice (one key): the second lands on the first one's project.
    assertRedirects(second, first["Location"])
    assertContains(second, "Dit formulier was al verstuurd.")
    assert Project.objects.count() == 1


def test_a_second_form_with_the_same_title_is_refused(network, coordinator):
    client = csrf_client(coordinator)
    token = client.get(url(network)).context["csrf_token"]
    first = client.post(url(network), {**form_data(network), "csrfmiddlewaretoken": str(token)})
    second = client.post(url(network), {**form_data(network), "csrfmiddlewaretoken": str(token)})

    assert first.status_code == 302
    assert second.status_code == 200
    assertContains(second, "Er bestaat al een project met deze titel.")
    assert Project.objects.count() == 1


@pytest.mark.parametrize("field, limit", [("title", 200), ("goal", 5000), ("description", 10000)])
def test_it_refuses_a_text_longer_than_the_sheet_holds(login, network, coordinator, field, limit):
    response = login(coordinator).post(url(network), form_data(network, **{field: "x" * (limit + 1)}))

    assert list(response.context["form"].errors) == [field]
    assert not Project.objects.exists()


def test_it_asks_for_a_title_and_a_body(login, network, coordinator):
    response = login(coordinator).post(url(network), form_data(network, title="  ", body=""))

    assert set(response.context["form"].errors) == {"title", "body"}
    assert not Project.objects.exists()


def test_it_keeps_html_in_the_texts_as_text(login, network, coordinator):
    client = login(coordinator)
    client.post(url(network), form_data(network, title="<b>Vet</b>", goal='<script>alert("x")</script>'))

    response = client.get(Project.objects.get().get_absolute_url())

    html = response.content.decode()
    assert "&lt;b&gt;Vet&lt;/b&gt;" in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<b>Vet</b>" not in html and '<script>alert("x")</script>' not in html
