"""A body's meetings: for every member of the network, planning for those who run the body."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

from .helpers import body, main_html

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def url(network, slug="kernteam"):
    return reverse("meetings:list", kwargs={"network": network.slug, "body": slug})


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("meetings.views.meetings.timezone.localdate", lambda: TODAY)


def test_it_redirects_anonymous_users_to_login(client, network):
    assertRedirects(client.get(url(network)), f"{reverse('login')}?next={url(network)}")


def test_it_answers_404_for_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(url(network)).status_code == 404


def test_it_answers_404_for_another_networks_body(login, network, coordinator, other_network_member):
    assert login(coordinator).get(url(network, "stuurgroep")).status_code == 404


def test_it_is_open_to_a_network_member_outside_the_body(login, network, forum_member):
    assert login(forum_member).get(url(network)).status_code == 200


def test_it_splits_upcoming_and_past_meetings(login, network, voting_member):
    MeetingFactory(body=body(network), date=TODAY, location="Vandaag")
    MeetingFactory(body=body(network), date=datetime.date(2026, 6, 1), location="Vroeger")

    page = main_html(login(voting_member).get(url(network)))

    upcoming, past = page.split('id="past-heading"')
    assert "Vandaag" in upcoming and "Vroeger" not in upcoming
    assert "Vroeger" in past


def test_it_links_the_meetings_for_members_of_the_body(login, network, voting_member):
    meeting = MeetingFactory(body=body(network), date=TODAY)

    assertContains(login(voting_member).get(url(network)), f'href="{meeting.get_absolute_url()}"')


def test_it_shows_no_link_to_the_internals_for_a_member_outside_the_body(login, network, forum_member):
    meeting = MeetingFactory(body=body(network), date=TODAY)

    response = login(forum_member).get(url(network))

    assertNotContains(response, f'href="{meeting.get_absolute_url()}"')
    assertContains(response, '<time datetime="2026-06-15">')


def test_it_offers_to_plan_a_meeting_to_those_who_run_the_body(login, network, coordinator):
    create = reverse("meetings:create", kwargs={"network": network.slug, "body": "kernteam"})

    assertContains(login(coordinator).get(url(network)), f'href="{create}"')


def test_it_does_not_offer_to_plan_a_meeting_to_a_member(login, network, voting_member):
    assertNotContains(login(voting_member).get(url(network)), "Vergadering plannen")


def test_it_shows_a_cancelled_meeting_as_cancelled(login, network, coordinator):
    MeetingFactory(body=body(network), date=TODAY, status="cancelled")

    assertContains(login(coordinator).get(url(network)), "Geannuleerd")


def test_it_escapes_html_in_a_location(login, network, coordinator):
    MeetingFactory(body=body(network), date=TODAY, location="<script>alert(1)</script>")

    response = login(coordinator).get(url(network))

    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
    assertNotContains(response, "<script>alert(1)")


def agenda_cell(page: str) -> str:
    """The Agendapunten cell of the only meeting row."""
    row = page[page.index("<tbody>"):page.index("</tbody>")]
    return row.split("<td>")[3].split("</td>")[0]


def test_it_counts_only_the_items_on_the_agenda(login, network, coordinator):
    meeting = MeetingFactory(body=body(network), date=TODAY)
    on_agenda = AgendaItemFactory(meeting=meeting)
    AgendaItemFactory(meeting=meeting, status="proposed")
    AgendaItemFactory(meeting=meeting, status="declined", decline_reason="Te vroeg")
    AgendaItemFactory(meeting=meeting, status="merged", merged_into=on_agenda)

    assert agenda_cell(main_html(login(coordinator).get(url(network)))) == "1"


def test_a_draft_agendas_count_is_hidden_from_a_member_outside_the_body(login, network, forum_member):
    AgendaItemFactory(meeting=MeetingFactory(body=body(network), date=TODAY))

    cell = agenda_cell(main_html(login(forum_member).get(url(network))))

    assert "1" not in cell
    assert "agenda nog niet gepubliceerd" in cell


def test_a_draft_agendas_count_is_shown_to_a_member_of_the_body(login, network, voting_member):
    AgendaItemFactory(meeting=MeetingFactory(body=body(network), date=TODAY))

    assert agenda_cell(main_html(login(voting_member).get(url(network)))) == "1"


def test_a_published_agendas_count_is_shown_to_every_member_of_the_network(login, network, forum_member):
    meeting = MeetingFactory(body=body(network), date=TODAY, agenda_published_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC))
    AgendaItemFactory(meeting=meeting)

    assert agenda_cell(main_html(login(forum_member).get(url(network)))) == "1"


@pytest.mark.parametrize("size", [1, 12])
def test_it_runs_the_same_number_of_queries_for_1_or_12_meetings(
    login, network, coordinator, size, django_assert_max_num_queries
):
    for index in range(size):
        meeting = MeetingFactory(body=body(network, seed.KERNTEAM), date=TODAY + datetime.timedelta(days=index - 6))
        AgendaItemFactory(meeting=meeting)
    client = login(coordinator)
    client.get(url(network))  # content types cached, as in a running server

    # session, user, network, the user's and groups' grants on the network, body,
    # the user's and groups' grants on the body (one check per right reuses them),
    # the meetings with their counts.
    with django_assert_max_num_queries(9):
        response = client.get(url(network))
    assert response.content.decode().count("<time datetime=") == size
