"""An agenda item about a project: chosen on the agenda, shown with a link, limited to the network's active projects."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from core.tests.helpers import keyed
from bodies import seed
from meetings.models import AgendaItem
from meetings.services import agenda as services
from projects.models import Project

from .helpers import body, main_html, meeting_of, messages_of

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def meeting(network):
    return meeting_of(network, seed.BELEIDSGROEP, day=SOON, duration_minutes=60)


def project_of(network, title: str, status=Project.Status.RUNNING) -> Project:
    return Project.objects.create(network=network, title=title, body=body(network), status=status)


def agenda_url(meeting) -> str:
    return reverse("meetings:agenda", kwargs={"network": meeting.body.network.slug, "pk": meeting.pk})


def item_url(name: str, item: AgendaItem) -> str:
    return reverse(f"meetings:{name}", kwargs={"network": item.meeting.body.network.slug, "pk": item.pk})


def project_url(project: Project) -> str:
    return reverse("projects:detail", kwargs={"network": project.network.slug, "pk": project.pk})


def test_the_coordinator_puts_an_item_about_a_project_on_the_agenda_and_it_links_to_the_project(
    login, network, meeting, coordinator
):
    project = project_of(network, "Eén gezin, één plan in de kinderopvang")
    client = login(coordinator)
    response = client.post(
        reverse("meetings:agenda_item_add", kwargs={"network": network.slug, "pk": meeting.pk}),
        keyed({"item-title": "Stand van zaken", "item-kind": "information", "item-project": project.pk}, prefix="item"),
        follow=True,
    )
    item = meeting.agenda_items.get()
    assert item.project == project
    html = main_html(response)
    assert f'href="{project_url(project)}"' in html
    assert "Eén gezin, één plan in de kinderopvang" in html
    # The meeting page and the minutes show it too.
    assertContains(client.get(meeting.get_absolute_url()), f'href="{project_url(project)}"')
    minutes = reverse("meetings:minutes", kwargs={"network": network.slug, "pk": meeting.pk})
    assertContains(client.get(minutes), f'href="{project_url(project)}"')


def test_the_item_form_offers_only_this_networks_active_projects(login, network, other_network, meeting, coordinator):
    running = project_of(network, "Lopend project")
    preparing = project_of(network, "Project in voorbereiding", Project.Status.PREPARING)
    project_of(network, "Afgerond project", Project.Status.FINISHED)
    project_of(network, "Stopgezet project", Project.Status.STOPPED)
    Project.objects.create(network=other_network, title="Project van elders", body=other_network.bodies.create(
        name="Stuurgroep elders", slug="stuurgroep-elders", kind="core_team"
    ))
    response = login(coordinator).get(agenda_url(meeting))
    options = [str(project) for project in response.context["item_form"].fields["project"].queryset]
    assert options == [running.title, preparing.title]  # by title
    html = main_html(response)
    assert "Afgerond project" not in html and "Project van elders" not in html


def test_a_project_of_another_network_posted_anyway_is_refused_and_nothing_is_added(
    login, network, other_network, meeting, coordinator
):
    elsewhere = Project.objects.create(
        network=other_network,
        title="Project van elders",
        body=other_network.bodies.create(name="Stuurgroep elders", slug="stuurgroep-elders", kind="core_team"),
    )
    response = login(coordinator).post(
        reverse("meetings:agenda_item_add", kwargs={"network": network.slug, "pk": meeting.pk}),
        keyed({"item-title": "Stand van zaken", "item-kind": "information", "item-project": elsewhere.pk}, prefix="item"),
    )
    assert response.status_code == 400
    assert response.context["item_form"].errors["project"]
    assert not meeting.agenda_items.exists()


def test_the_service_refuses_a_finished_project_and_another_networks_project(
    network, other_network, meeting, coordinator
):
    finished = project_of(network, "Afgerond project", Project.Status.FINISHED)
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_add(meeting=meeting, by=coordinator, title="Terugblik", project=finished)
    assert refused.value.messages == [
        "Het project “Afgerond project” is afgerond: kies een project in voorbereiding of een lopend project."
    ]
    elsewhere = Project.objects.create(
        network=other_network,
        title="Project van elders",
        body=other_network.bodies.create(name="Stuurgroep elders", slug="stuurgroep-elders", kind="core_team"),
    )
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_add(meeting=meeting, by=coordinator, title="Terugblik", project=elsewhere)
    assert refused.value.messages == ["Dit project hoort bij een ander netwerk."]
    assert not meeting.agenda_items.exists()


def test_an_item_keeps_its_project_after_the_project_is_finished(login, network, meeting, coordinator):
    project = project_of(network, "Lopend project")
    item = services.agenda_item_add(meeting=meeting, by=coordinator, title="Stand van zaken", project=project)
    Project.objects.filter(pk=project.pk).update(status=Project.Status.FINISHED)
    client = login(coordinator)
    form = client.get(item_url("agenda_item_edit", item)).context["form"]
    assert list(form.fields["project"].queryset) == [project]
    response = client.post(
        item_url("agenda_item_edit", item),
        {"title": "Stand van zaken en afsluiting", "kind": "information", "project": project.pk},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.project_id) == ("Stand van zaken en afsluiting", project.pk)


def test_changing_the_project_of_a_published_item_is_recorded_and_noted_as_a_change(network, meeting, coordinator):
    first, second = project_of(network, "Eerste project"), project_of(network, "Tweede project")
    item = services.agenda_item_add(meeting=meeting, by=coordinator, title="Stand van zaken", project=first)
    services.agenda_publish(meeting=meeting, by=coordinator)
    services.agenda_item_update(item=item, by=coordinator, project=second)
    assert list(meeting.agenda_changes.values_list("description", flat=True)) == ["Punt gewijzigd: Stand van zaken (project)"]
    latest = item.history.latest()
    assert (latest.project_id, latest.history_user) == (second.pk, coordinator)
    assert latest.prev_record.project_id == first.pk


def test_a_member_proposes_an_item_about_a_project(login, network, meeting, voting_member, chair):
    project = project_of(network, "Lopend project")
    response = login(voting_member).post(
        reverse("meetings:agenda_propose", kwargs={"network": network.slug, "pk": meeting.pk}),
        keyed({"proposal-title": "Verlenging", "proposal-kind": "discussion", "proposal-project": project.pk}, prefix="proposal"),
        follow=True,
    )
    assert messages_of(response) == ["Je voorstel “Verlenging” is ingediend. Je ziet hier wat ermee gebeurt."]
    proposal = meeting.agenda_items.get(status=AgendaItem.Status.PROPOSED)
    assert proposal.project == project
    # The chair sees what the proposal is about, and accepting it keeps the project.
    assertContains(login(chair).get(agenda_url(meeting)), f'href="{project_url(project)}"')
    services.agenda_proposal_accept(item=proposal, by=chair)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.project_id) == (AgendaItem.Status.ACCEPTED, project.pk)


def test_a_project_title_with_html_is_shown_as_text(login, network, meeting, coordinator):
    project = project_of(network, '<script>alert("x")</script> Project')
    services.agenda_item_add(meeting=meeting, by=coordinator, title="Stand van zaken", project=project)
    response = login(coordinator).get(agenda_url(meeting))
    assertNotContains(response, '<script>alert("x")</script>')
    assertContains(response, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Project")
