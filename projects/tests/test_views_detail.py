"""A project's sheet: every member reads it, with the agendas it was on that the reader may see."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Body
from bodies.tests.factories import BodyFactory, PersonFactory
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from meetings.models import AgendaItem
from projects.models import Project
from projects.services import project_update
from projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def url(project):
    return reverse("projects:detail", kwargs={"network": project.network.slug, "pk": project.pk})


def body(network, name=seed.BELEIDSGROEP) -> Body:
    return Body.objects.get(network=network, name=name)


def item_on(project, name, day, *, published=True, **kwargs) -> AgendaItem:
    meeting = MeetingFactory(
        body=body(project.network, name), date=day, agenda_published_at=timezone.now() if published else None
    )
    return AgendaItemFactory(meeting=meeting, project=project, **kwargs)


def agenda_url(item) -> str:
    return reverse("meetings:agenda", kwargs={"network": item.meeting.body.network.slug, "pk": item.meeting.pk})


@pytest.fixture
def project(network):
    return ProjectFactory(
        network=network,
        title="Crisisopvang",
        goal="Eén aanspreekpunt bij crisis.",
        description="Samen met het crisisnetwerk.",
        lead=PersonFactory(network=network, name="Nele Goossens"),
        status=Project.Status.RUNNING,
        start_date=datetime.date(2026, 1, 1),
    )


def test_it_sends_anonymous_users_to_login(client, project):
    assertRedirects(client.get(url(project)), f"{reverse('login')}?next={url(project)}")


def test_it_answers_404_to_a_member_of_another_network(login, project, other_network_member):
    assert login(other_network_member).get(url(project)).status_code == 404


def test_it_answers_404_for_another_networks_project_under_this_networks_address(login, network, coordinator):
    elsewhere = BodyFactory(name="Stuurgroep")
    other = ProjectFactory(network=elsewhere.network, body=elsewhere)

    assert login(coordinator).get(reverse("projects:detail", kwargs={"network": network.slug, "pk": other.pk})).status_code == 404


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member", "chair", "coordinator"])
def test_every_member_of_the_network_reads_the_sheet(login, project, request, persona):
    response = login(request.getfixturevalue(persona)).get(url(project))

    assert response.status_code == 200
    for text in ["Crisisopvang", "Eén aanspreekpunt bij crisis.", "Samen met het crisisnetwerk.", "Nele Goossens", "Lopend"]:
        assertContains(response, text)


@pytest.mark.parametrize("persona", ["chair", "coordinator"])
def test_it_links_to_the_edit_page_for_who_may_edit(login, project, request, persona):
    assertContains(login(request.getfixturevalue(persona)).get(url(project)), reverse("projects:edit", kwargs={"network": project.network.slug, "pk": project.pk}))


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member"])
def test_it_offers_no_edit_link_to_others(login, project, request, persona):
    assertNotContains(login(request.getfixturevalue(persona)).get(url(project)), "/edit/")


def test_it_lists_the_published_agendas_it_was_on_the_latest_first(login, project, forum_member):
    older = item_on(project, seed.BELEIDSGROEP, datetime.date(2026, 10, 1), title="Stand van zaken")
    newer = item_on(project, seed.KERNTEAM, datetime.date(2026, 11, 3), title="Opvolging")

    response = login(forum_member).get(url(project))

    assert response.context["agenda_items"] == [newer, older]
    assertContains(response, f'href="{agenda_url(older)}#item-{older.pk}"')
    assertContains(response, "3 november 2026")


def test_a_draft_agenda_shows_only_to_who_sees_the_bodys_internals(login, project, forum_member, voting_member):
    item = item_on(project, seed.BELEIDSGROEP, datetime.date(2026, 12, 1), published=False, title="Voorbereiding")

    assert login(forum_member).get(url(project)).context["agenda_items"] == []
    assert login(voting_member).get(url(project)).context["agenda_items"] == [item]


def test_proposed_or_declined_items_are_not_listed(login, project, coordinator):
    item_on(project, seed.BELEIDSGROEP, datetime.date(2026, 12, 1), status=AgendaItem.Status.PROPOSED)
    item_on(project, seed.BELEIDSGROEP, datetime.date(2026, 12, 2), status=AgendaItem.Status.DECLINED)

    assert login(coordinator).get(url(project)).context["agenda_items"] == []


def test_it_shows_who_changed_what_and_when(login, network, project, coordinator):
    project_update(
        project=project, title=project.title, body=body(network, seed.KERNTEAM), goal=project.goal,
        description=project.description, lead=project.lead, status=Project.Status.FINISHED,
        start_date=project.start_date, end_date=datetime.date(2026, 11, 20), by=coordinator,
    )

    response = login(coordinator).get(url(project))

    history = response.context["history"]
    assert history[0].who == "Sara Peeters"
    assert [(c.label, c.old, c.new) for c in history[0].changes] == [
        ("opgevolgd door", "Beleidsgroep", "Kernteam"),
        ("status", "Lopend", "Afgerond"),
        ("einde", "—", "20 november 2026"),
    ]
    assertContains(response, "Status: Lopend → Afgerond")


def test_the_history_is_kept_short(login, network, project, coordinator):
    for index in range(12):
        project_update(project=project, title=f"Crisisopvang {index}", body=project.body, status=project.status, by=coordinator)

    response = login(coordinator).get(url(project))

    assert len(response.context["history"]) == 10
    assert response.context["history_truncated"]
    assert response.context["history"][0].changes[0].new == "Crisisopvang 11"


def test_it_keeps_html_in_the_texts_as_text(login, network, coordinator):
    project = ProjectFactory(network=network, title="<i>Schuin</i>", description="<script>alert(1)</script>")
    item_on(project, seed.BELEIDSGROEP, datetime.date(2026, 12, 1), title="<b>Punt</b>")

    html = login(coordinator).get(url(project)).content.decode()

    assert "&lt;i&gt;Schuin&lt;/i&gt;" in html and "<i>Schuin</i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;Punt&lt;/b&gt;" in html and "<b>Punt</b>" not in html


def test_it_refuses_a_post(login, project, coordinator):
    assert login(coordinator).post(url(project)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
@pytest.mark.parametrize("persona", ["forum_member", "chair", "coordinator"])
def test_it_costs_the_same_queries_for_1_or_10_agenda_items(
    login, network, project, request, persona, size, django_assert_max_num_queries
):
    for index in range(size):
        # Each on another body's agenda, half of them drafts.
        meeting = MeetingFactory(
            body=BodyFactory(network=network), date=datetime.date(2026, 12, 1) + datetime.timedelta(days=index),
            agenda_published_at=timezone.now() if index % 2 == 0 else None,
        )
        AgendaItemFactory(meeting=meeting, project=project)
        project_update(project=project, title=f"Crisisopvang {index}", body=project.body, status=project.status, lead=PersonFactory(network=network))
    client = login(request.getfixturevalue(persona))
    client.get(url(project))  # warm the content type cache

    # session, user, network, the user's object grants and group grants on it, the
    # project with its body, lead and author, the agenda items with their meetings
    # and bodies, the user's grants and group grants on those bodies and the
    # project's, the history with its users, the people the history names.
    with django_assert_max_num_queries(11):
        response = client.get(url(project))
    assert response.status_code == 200
    assert len(response.context["agenda_items"]) in (size, (size + 1) // 2)
