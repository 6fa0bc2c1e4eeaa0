"""Reporting back on an assignment: for those who run the receiving body, once."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from bodies import seed
from bodies.models import Body, Mandate
from bodies.tests.factories import UserFactory
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
    return reverse(
        "referrals:assignment_report", kwargs={"network": assignment.from_body.network.slug, "pk": assignment.pk}
    )


def detail_url(assignment):
    return reverse("referrals:assignment", kwargs={"network": assignment.from_body.network.slug, "pk": assignment.pk})


def test_it_sends_anonymous_users_to_login(client, assignment):
    assertRedirects(client.get(url(assignment)), f"{reverse('login')}?next={url(assignment)}")


def test_it_answers_404_to_a_member_of_another_network(login, assignment, other_network_member):
    assert login(other_network_member).get(url(assignment)).status_code == 404


@pytest.mark.parametrize("persona", ["voting_member", "forum_member", "chair"])
def test_it_refuses_those_who_do_not_run_the_support_group(login, assignment, request, persona):
    response = login(request.getfixturevalue(persona)).post(url(assignment), {"report": "Klaar."})

    assert response.status_code == 403
    assignment.refresh_from_db()
    assert assignment.is_open


def test_it_shows_the_form_to_the_coordinator(login, assignment, coordinator):
    response = login(coordinator).get(url(assignment))

    assert response.status_code == 200
    assertContains(response, "<h1>Terugkoppelen</h1>", html=True)


def test_it_records_the_report(login, assignment, coordinator):
    response = login(coordinator).post(url(assignment), {"report": "Procedure klaar."})

    assertRedirects(response, detail_url(assignment))
    assignment.refresh_from_db()
    assert (assignment.report, assignment.reported_on, assignment.reported_by) == (
        "Procedure klaar.",
        timezone.localdate(),
        coordinator,
    )


def test_it_shows_a_missing_report_next_to_the_field(login, assignment, coordinator):
    response = login(coordinator).post(url(assignment), {"report": ""})

    assert response.context["form"].errors["report"] == ["Dit veld is verplicht."]
    assignment.refresh_from_db()
    assert assignment.is_open


def test_it_ignores_extra_fields(login, assignment, coordinator):
    login(coordinator).post(
        url(assignment),
        {"report": "Klaar.", "reported_by": UserFactory().pk, "reported_on": "2020-01-01", "due_date": "2099-01-01"},
    )

    assignment.refresh_from_db()
    assert (assignment.reported_by, assignment.reported_on) == (coordinator, timezone.localdate())
    assert assignment.due_date == datetime.date(2026, 12, 31)


def test_a_second_report_is_refused_and_the_first_stays(login, assignment, coordinator):
    login(coordinator).post(url(assignment), {"report": "Eerste."})

    response = login(coordinator).post(url(assignment), {"report": "Tweede."}, follow=True)

    assertRedirects(response, detail_url(assignment))
    assertContains(response, "Over deze opdracht is al teruggekoppeld.")
    assignment.refresh_from_db()
    assert assignment.report == "Eerste."


def test_it_refuses_a_post_without_csrf_token(assignment, coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)

    assert client.post(url(assignment), {"report": "Klaar."}).status_code == 403
    assignment.refresh_from_db()
    assert assignment.is_open


def test_it_shows_html_in_the_assignment_as_text(login, network, coordinator):
    assignment = make_assignment(network, title="<b>vet</b>", description='<script>alert("x")</script>')

    response = login(coordinator).get(url(assignment))

    assertContains(response, "&lt;b&gt;vet&lt;/b&gt;")
    assert '<script>alert("x")</script>' not in response.content.decode()


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
