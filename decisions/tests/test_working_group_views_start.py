"""Starting a thematic working group from a body's page: for those who run a body that may start one."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertRedirects

from core.tests.helpers import keyed
from bodies import seed
from bodies.models import Body, Membership, Person
from bodies.tests.factories import PersonFactory
from decisions.forms.assignments import WorkingGroupStartForm
from decisions.models import Assignment
from decisions.services.assignments import working_group_mandates, working_group_steerers

pytestmark = pytest.mark.django_db


def url(network, body="beleidsgroep"):
    return reverse("decisions:working_group_start", kwargs={"network": network.slug, "body": body})


def sheet_url(network, body):
    return reverse("bodies:body", kwargs={"network": network.slug, "body": body})


@pytest.fixture
def people(network):
    return [PersonFactory(network=network, name="Nele Goossens"), PersonFactory(network=network, name="Emma Hermans")]


def form_data(people, **overrides):
    return keyed({
        "name": "Werkgroep Vorming",
        "tasks": "Vormingsaanbod in kaart brengen.\r\nEen vormingsplan voorstellen.",
        "members": [person.pk for person in people],
        "cadence_description": "1 X per maand",
        "rrule": "FREQ=MONTHLY",
        "due_date": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        **overrides,
    })


def working_groups():
    return Body.objects.filter(kind=Body.Kind.WORKING_GROUP)


def test_it_sends_anonymous_users_to_login(client, network):
    assertRedirects(client.get(url(network)), f"{reverse('login')}?next={url(network)}")


def test_it_answers_404_to_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(url(network)).status_code == 404


@pytest.mark.parametrize("persona", ["voting_member", "member_without_vote", "forum_member"])
def test_it_refuses_those_who_do_not_run_the_beleidsgroep(login, network, people, request, persona):
    response = login(request.getfixturevalue(persona)).post(url(network), form_data(people))

    assert response.status_code == 403
    assert not working_groups().exists()


def test_it_shows_the_chair_a_form_with_a_due_date_and_no_choice_of_steering_body(login, network, chair):
    response = login(chair).get(url(network))

    assert response.status_code == 200
    assertContains(response, "<h1>Themawerkgroep opstarten</h1>", html=True)
    assertContains(response, "Inhoudelijke Ondersteuningsgroep krijgt de opdracht om de werkgroep aan te sturen en op te volgen.")
    assert set(response.context["form"].fields) == {
        "name", "tasks", "members", "cadence_description", "rrule", "due_date", "form_key",
    }


def test_it_starts_the_working_group_and_shows_its_sheet(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people))

    group = working_groups().get()
    assertRedirects(response, sheet_url(network, group.slug))
    assert group.parent.slug == "ondersteuningsgroep"
    assert [task.text for task in group.tasks.all()] == [
        "Vormingsaanbod in kaart brengen.",
        "Een vormingsplan voorstellen.",
    ]
    assert Assignment.objects.get(working_group=group).given_by == chair


def test_the_support_group_starts_a_group_it_steers_without_a_due_date(login, network, coordinator, people):
    form = login(coordinator).get(url(network, "ondersteuningsgroep")).context["form"]
    assert "due_date" not in form.fields

    login(coordinator).post(url(network, "ondersteuningsgroep"), form_data(people, due_date=""))

    assert working_groups().get().parent.slug == "ondersteuningsgroep"
    assert not Assignment.objects.exists()


def test_it_explains_that_the_forum_cannot_start_a_working_group(login, network, coordinator):
    response = login(coordinator).get(url(network, "forum"))

    assert response.context["form"] is None
    assertContains(response, "Netwerk Forum kan geen themawerkgroep opstarten")


def test_it_refuses_a_person_of_another_network(login, network, chair, people, other_network):
    stranger = PersonFactory(network=other_network, name="Piet Anders")

    response = login(chair).post(url(network), form_data(people, members=[people[0].pk, stranger.pk]))

    assert response.status_code == 200
    assert response.context["form"].errors["members"]
    assert not working_groups().exists()


def test_it_ignores_extra_fields(login, network, chair, people):
    kernteam = Body.objects.get(network=network, slug="kernteam")
    login(chair).post(
        url(network),
        form_data(
            people, kind="core_team", parent=kernteam.pk, steered_by=kernteam.pk, network=999,
            has_voting_right="", office="chair", slug="kernteam-2",
        ),
    )

    group = working_groups().get()
    assert (group.kind, group.parent.slug, group.slug) == (Body.Kind.WORKING_GROUP, "ondersteuningsgroep", "werkgroep-vorming")
    assert set(Membership.objects.filter(body=group).values_list("has_voting_right", "office")) == {(True, "")}


def test_it_shows_an_unreadable_rule_next_to_the_field(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people, rrule="FREQ=SOMETIMES"))

    assert response.context["form"].errors["rrule"][0].startswith("Onleesbare herhalingsregel")
    assert not working_groups().exists()


def test_the_form_refuses_a_rule_that_is_no_meeting_rhythm_in_dutch(network, people):
    beleidsgroep = Body.objects.get(network=network, slug="beleidsgroep")
    steerers = working_group_steerers(beleidsgroep, working_group_mandates(beleidsgroep, timezone.localdate()))
    form = WorkingGroupStartForm(form_data(people, rrule="FREQ=SECONDLY"), network=network, steerers=steerers)

    assert not form.is_valid()
    assert form.errors["rrule"][0].startswith(
        "Deze herhalingsregel is geen vergaderritme: FREQ=SECONDLY. Toegelaten: FREQ=DAILY, WEEKLY, MONTHLY of YEARLY"
    )


def test_it_shows_a_rule_every_second_next_to_the_field_and_starts_nothing(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people, rrule="FREQ=SECONDLY"))

    assert response.status_code == 200
    assert response.context["form"].errors["rrule"][0].startswith("Deze herhalingsregel is geen vergaderritme")
    assert not working_groups().exists()


def test_it_shows_a_name_already_in_use_next_to_the_field(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people, name="Kernteam"))

    assert response.context["form"].errors["name"] == ["Er bestaat al een orgaan met de naam Kernteam."]


def test_it_asks_for_at_least_one_task_and_one_member(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people, tasks="\r\n  \r\n", members=[]))

    errors = response.context["form"].errors
    assert errors["tasks"] == ["Dit veld is verplicht."]
    assert errors["members"] == ["Dit veld is verplicht."]


def test_it_shows_html_in_the_name_as_text_on_the_new_sheet(login, network, chair, people):
    name = '<script>alert("x")</script>'

    response = login(chair).post(url(network), form_data(people, name=name), follow=True)

    assertContains(response, escape(name))
    assert name not in response.content.decode()


def test_it_refuses_a_post_without_csrf_token(network, chair, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(chair)

    assert client.post(url(network), form_data(people)).status_code == 403
    assert not working_groups().exists()


def test_it_refuses_other_methods(login, network, chair):
    assert login(chair).put(url(network)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
def test_it_costs_the_same_queries_for_1_or_10_people_in_the_network(
    login, network, chair, size, django_assert_max_num_queries
):
    for _index in range(size):
        PersonFactory(network=network)
    client = login(chair)
    client.get(url(network))  # warm the content type cache

    # session, user, network, the user's object grants and group grants on it, body,
    # the user's grants and group grants on the body, valid assign and steer mandates,
    # their targets, the network's people (rendered as choices).
    with django_assert_max_num_queries(11):
        response = client.get(url(network))
    assert response.status_code == 200
    assert len(response.context["form"].fields["members"].choices) == Person.objects.filter(network=network).count()
