"""Mijn overzicht: my bodies and roles, my upcoming meetings with my reply, my open action items."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from bodies import seed
from bodies.tests.factories import MembershipFactory, SeatFactory
from meetings.models import ActionItem, Attendance, Meeting
from projects.models import Project

from meetings.tests.helpers import body, main_html, meeting_of, person

pytestmark = pytest.mark.django_db


def url(network):
    return reverse("pages:mine", kwargs={"network": network.slug})


def soon(days=7):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_anonymous_visitors_go_to_login(client, network):
    assert client.get(url(network))["Location"].startswith(reverse("login"))


def test_a_member_of_another_network_gets_404(login, network, other_network_member):
    assert login(other_network_member).get(url(network)).status_code == 404


def test_it_shows_my_bodies_with_role_vote_and_office(login, network, chair, coordinator):
    html = main_html(login(chair).get(url(network)))
    assert "Beleidsgroep</a>:" in html
    assert "Contractant (werkgever)" in html and "met stemrecht" in html and "Voorzitter" in html

    html = main_html(login(coordinator).get(url(network)))
    assert "Kernteam</a>:" in html and "zonder stemrecht" in html


def test_it_lists_the_upcoming_meetings_of_my_bodies_with_reply_buttons(login, network, voting_member):
    kernteam = meeting_of(network, seed.KERNTEAM, soon(3), location="Kantoor Genk")
    meeting_of(network, seed.BELEIDSGROEP, soon(10))
    meeting_of(network, seed.FORUM, soon(5))  # mine ex officio: the Kernteam sits in the Forum
    meeting_of(network, seed.KERNTEAM, soon(-2))  # past
    meeting_of(network, seed.KERNTEAM, soon(4), status=Meeting.Status.CANCELLED)
    Attendance.objects.create(meeting=kernteam, person=person(voting_member), reply="attending")

    response = login(voting_member).get(url(network))

    html = main_html(response)
    assert html.count('name="reply" value="attending"') == 3
    assert html.index("Kernteam</strong>") < html.index("Netwerk Forum</strong>") < html.index("Beleidsgroep</strong>")
    assertContains(response, "Je antwoord: je komt.")
    agenda = reverse("meetings:agenda", kwargs={"network": network.slug, "pk": kernteam.pk})
    assertContains(response, f'href="{agenda}"')


def test_a_meeting_after_my_membership_ends_is_not_mine(login, network, voting_member):
    meeting = meeting_of(network, seed.KERNTEAM, soon(30))
    person(voting_member).memberships.filter(body=body(network)).update(end_date=soon(20))

    assertNotContains(login(voting_member).get(url(network)), meeting.get_absolute_url())


def test_it_lists_my_open_action_items_with_a_done_button(login, network, voting_member, coordinator):
    meeting = meeting_of(network)
    ActionItem.objects.create(meeting=meeting, title="Offerte <b>opvragen</b>", owner=person(voting_member), due_date=soon(-1))
    ActionItem.objects.create(meeting=meeting, title="Van iemand anders", owner=person(coordinator), due_date=soon())
    ActionItem.objects.create(
        meeting=meeting, title="Al gedaan", owner=person(voting_member), due_date=soon(), status="done", done_at=timezone.now()
    )

    response = login(voting_member).get(url(network))

    assertContains(response, "Offerte &lt;b&gt;opvragen&lt;/b&gt;")
    assertContains(response, "te laat")
    assertNotContains(response, "Van iemand anders")
    assertNotContains(response, "Al gedaan")
    assertContains(response, "Afgewerkt<span")


def test_it_offers_the_personal_calendar_link(login, network, voting_member):
    assertContains(login(voting_member).get(url(network)), "Agenda-abonnement</h2>")


def test_a_login_without_a_person_in_the_network_is_told_so(login, network, network_admin):
    assertContains(login(network_admin).get(url(network)), "Je login is aan geen persoon van dit netwerk gekoppeld")


def test_the_menu_links_to_mijn_overzicht(login, network, voting_member):
    assertContains(login(voting_member).get(url(network)), f'aria-current="page"\n                   href="{url(network)}"')


@pytest.mark.parametrize("size", [1, 8])
def test_it_runs_the_same_number_of_queries_for_1_or_8_bodies_meetings_and_actions(
    login, network, voting_member, size, django_assert_max_num_queries
):
    me = person(voting_member)
    for index in range(size):
        seat = SeatFactory(body__network=network, count=None)
        MembershipFactory(seat=seat, person=me)
        meeting = Meeting.objects.create(body=seat.body, date=soon(index + 1))
        Attendance.objects.create(meeting=meeting, person=me, reply="attending")
        ActionItem.objects.create(meeting=meeting, title=f"actie {index}", owner=me, due_date=soon())
        Project.objects.create(network=network, title=f"Project {index}", body=seat.body, lead=me, status="running")
    client = login(voting_member)
    client.get(url(network))

    # session, user, network, the user's and groups' grants on it; my person, my
    # memberships with body and role, my upcoming meetings, my replies, my open
    # actions with meeting and body; my projects with their body; the menu's
    # coordinate check (two grants); the calendar link card (CAL).
    with django_assert_max_num_queries(14):
        response = client.get(url(network))
    html = response.content.decode()
    assert html.count("<strong>actie ") == size
    assert html.count(">Project ") == size


def test_it_lists_the_active_projects_i_lead(login, network, voting_member, chair):
    me = person(voting_member)
    running = Project.objects.create(network=network, title="Crisisopvang", body=body(network), lead=me, status="running")
    Project.objects.create(network=network, title="Afgerond project", body=body(network), lead=me, status="finished")
    Project.objects.create(network=network, title="Van iemand anders", body=body(network), lead=person(chair))
    section = main_html(login(voting_member).get(url(network))).split('id="my-projects-heading"')[1]
    detail = reverse("projects:detail", kwargs={"network": network.slug, "pk": running.pk})
    assert f'href="{detail}">Crisisopvang</a>' in section
    assert "lopend, opgevolgd door Kernteam" in section
    assert "Afgerond project" not in section and "Van iemand anders" not in section


def test_it_says_so_when_i_lead_no_project(login, network, voting_member):
    assertContains(login(voting_member).get(url(network)), "Je trekt geen lopende projecten.")
