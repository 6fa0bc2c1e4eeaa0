"""The agenda page: who sees and changes what, bad input, and its cost in queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from core.tests.helpers import keyed
from bodies import seed
from referrals.models import Advice
from meetings.services.decisions import decision_escalate, decision_propose
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from meetings.models import ActionItem, AgendaItem, Meeting
from meetings.services import agenda as services
from meetings.signals import agenda_published

from .helpers import body, csrf_client, main_html, meeting_of, messages_of, person

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def meeting(network):
    return meeting_of(network, seed.BELEIDSGROEP, day=SOON, duration_minutes=60)


def url(name, obj, **kwargs):
    network = (obj.meeting if isinstance(obj, AgendaItem) else obj).body.network.slug
    return reverse(f"meetings:{name}", kwargs={"network": network, "pk": obj.pk, **kwargs})


def add(meeting, user, title, **kwargs):
    return services.agenda_item_add(meeting=meeting, by=user, title=title, **kwargs)


def item_form(**fields):
    data = {"item-title": "Begroting 2027", "item-kind": "decision", "item-planned_minutes": "20"}
    data.update({f"item-{name}": value for name, value in fields.items()})
    return keyed(data, prefix="item")


def titles(meeting):
    return list(meeting.agenda_items.on_agenda().order_by("position", "pk").values_list("title", flat=True))


# Who sees the page ----------------------------------------------------------------------


def test_a_draft_is_shown_to_the_body_and_refused_to_the_rest_of_the_network(
    login, meeting, coordinator, member_without_vote, forum_member
):
    add(meeting, coordinator, "Begroting 2027")
    assertContains(login(member_without_vote).get(url("agenda", meeting)), "Begroting 2027")
    assert login(forum_member).get(url("agenda", meeting)).status_code == 403


def test_a_published_agenda_is_read_by_every_member_of_the_network(login, meeting, coordinator, forum_member):
    add(meeting, coordinator, "Begroting 2027")
    services.agenda_publish(meeting=meeting, by=coordinator)
    response = login(forum_member).get(url("agenda", meeting))
    assertContains(response, "Begroting 2027")
    html = main_html(response)
    assert "Agenda publiceren" not in html and "Omhoog" not in html and "Punt voorstellen" not in html
    # The meeting page itself stays internal: no link to it from here.
    assert meeting.get_absolute_url() not in html


def test_another_network_gets_404_for_the_page_and_every_item_url(login, meeting, coordinator, other_network_member):
    item = add(meeting, coordinator, "Begroting 2027")
    services.agenda_publish(meeting=meeting, by=coordinator)
    client = login(other_network_member)
    assert client.get(url("agenda", meeting)).status_code == 404
    assert client.get(url("agenda_item_edit", item)).status_code == 404
    assert client.post(url("agenda_item_remove", item)).status_code == 404


def test_an_id_of_another_network_under_this_networks_address_is_404(login, network, other_network, coordinator):
    foreign = AgendaItemFactory(meeting=MeetingFactory(body__network=other_network))
    client = login(coordinator)
    edit = reverse("meetings:agenda_item_edit", kwargs={"network": network.slug, "pk": foreign.pk})
    agenda = reverse("meetings:agenda", kwargs={"network": network.slug, "pk": foreign.meeting.pk})
    assert client.get(edit).status_code == 404
    assert client.get(agenda).status_code == 404


def test_members_without_the_right_to_run_the_body_get_403_on_every_change(login, meeting, coordinator, voting_member):
    item = add(meeting, coordinator, "Begroting 2027")
    client = login(voting_member)
    for name in ("agenda_item_add", "agenda_reorder", "agenda_publish", "agenda_suggestion_add"):
        assert client.post(url(name, meeting)).status_code == 403, name
    for name in ("agenda_item_remove", "agenda_item_move", "agenda_proposal_accept", "attachment_add"):
        assert client.post(url(name, item)).status_code == 403, name
    assert client.get(url("agenda_item_edit", item)).status_code == 403


def test_state_changes_refuse_get(login, meeting, coordinator):
    item = add(meeting, coordinator, "Begroting 2027")
    client = login(coordinator)
    for name in ("agenda_item_add", "agenda_reorder", "agenda_publish", "agenda_propose", "agenda_suggestion_add"):
        assert client.get(url(name, meeting)).status_code == 405, name
    for name in ("agenda_item_remove", "agenda_item_move", "agenda_proposal_merge", "agenda_proposal_decline"):
        assert client.get(url(name, item)).status_code == 405, name


def test_a_post_without_csrf_token_is_refused(meeting, coordinator):
    response = csrf_client(coordinator).post(url("agenda_item_add", meeting), item_form())
    assert response.status_code == 403
    assert titles(meeting) == []


# Building the agenda --------------------------------------------------------------------


def test_the_chair_adds_an_item_with_a_presenter_and_sees_it_on_the_agenda(login, meeting, chair, voting_member):
    client = login(chair)
    response = client.post(
        url("agenda_item_add", meeting), item_form(presenter=person(voting_member).pk), follow=True
    )
    assert messages_of(response) == ["“Begroting 2027” staat op de agenda."]
    item = meeting.agenda_items.get()
    assert (item.presenter, item.planned_minutes, item.kind) == (person(voting_member), 20, "decision")
    assertContains(response, "inbreng: Tom Janssens")


def test_a_presenter_from_outside_the_body_is_not_a_choice(login, meeting, chair, forum_member):
    response = login(chair).post(url("agenda_item_add", meeting), item_form(presenter=person(forum_member).pk))
    assert response.status_code == 400
    assert titles(meeting) == []


def test_the_same_form_sent_twice_adds_one_item(login, meeting, chair):
    client = login(chair)
    client.post(url("agenda_item_add", meeting), item_form())
    response = client.post(url("agenda_item_add", meeting), item_form())
    assert response.status_code == 400
    assertContains(response, "Er staat al een punt met de titel", status_code=400)
    assert titles(meeting) == ["Begroting 2027"]


@pytest.mark.parametrize(
    "fields, error",
    [
        ({"title": "x" * 201}, "niet meer dan 200 tekens"),
        ({"description": "x" * 5001}, "niet meer dan 5000 tekens"),
        ({"planned_minutes": "601"}, "hoogstens 600"),
        ({"planned_minutes": "-5"}, "minstens 1"),
        ({"kind": "coup"}, "Selecteer een geldige keuze"),
        ({"title": ""}, "Dit veld is verplicht"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message(login, meeting, chair, fields, error):
    response = login(chair).post(url("agenda_item_add", meeting), item_form(**fields))
    assert response.status_code == 400
    assertContains(response, error, status_code=400)
    assert titles(meeting) == []


def test_html_in_titles_and_descriptions_is_shown_as_text(login, meeting, chair):
    client = login(chair)
    client.post(
        url("agenda_item_add", meeting),
        item_form(title="<script>alert(1)</script>", description="<img src=x onerror=alert(2)>"),
    )
    html = main_html(client.get(url("agenda", meeting)))
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_running_total_warns_when_the_items_take_longer_than_the_meeting(login, meeting, chair):
    add(meeting, chair, "A", planned_minutes=40)
    client = login(chair)
    response = client.get(url("agenda", meeting))
    assertContains(response, "Voorziene tijd: 40 van 60 minuten.")
    assertNotContains(response, "meer gepland dan de vergadering duurt")
    add(meeting, chair, "B", planned_minutes=35)
    add(meeting, chair, "C")
    response = client.get(url("agenda", meeting))
    assertContains(response, "Voorziene tijd: 75 van 60 minuten.")
    assertContains(response, "Er zijn 15 minuten meer gepland dan de vergadering duurt.")
    assertContains(response, "1 punt zonder voorziene tijd.")


def test_editing_an_item_saves_it_and_returns_to_the_agenda(login, meeting, chair):
    item = add(meeting, chair, "Begroting")
    client = login(chair)
    assertContains(client.get(url("agenda_item_edit", item)), 'value="Begroting"')
    response = client.post(
        url("agenda_item_edit", item), {"title": "Begroting 2027", "kind": "decision", "planned_minutes": "25"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{item.pk}")
    item.refresh_from_db()
    assert (item.title, item.kind, item.planned_minutes) == ("Begroting 2027", "decision", 25)


def test_removing_an_item_from_a_draft_deletes_it(login, meeting, chair):
    item = add(meeting, chair, "Varia")
    response = login(chair).post(url("agenda_item_remove", item), follow=True)
    assert messages_of(response) == ["“Varia” is van de agenda geschrapt."]
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_move_without_script_moves_one_place_and_keeps_the_focus_on_the_moved_item(login, meeting, chair):
    add(meeting, chair, "A")
    b = add(meeting, chair, "B")
    client = login(chair)
    response = client.post(url("agenda_item_move", b), {"direction": "up"})
    assert response["Location"].endswith(f"?moved={b.pk}&dir=up#item-{b.pk}")
    assert titles(meeting) == ["B", "A"]
    page = client.get(response["Location"])
    assert messages_of(page) == ["“B” is een plaats omhoog geschoven."]
    html = main_html(page)
    up_button = html[html.index(f'id="item-{b.pk}"') :].split('value="up"', 1)[1].split(">", 1)[0]
    assert "autofocus" in up_button


def test_reorder_answers_json_to_the_script_and_refuses_forged_ids(login, meeting, network, other_network, chair):
    a, b = add(meeting, chair, "A"), add(meeting, chair, "B")
    foreign = AgendaItemFactory(meeting=MeetingFactory(body__network=other_network))
    client = login(chair)
    json = {"HTTP_ACCEPT": "application/json"}
    response = client.post(url("agenda_reorder", meeting), {"order": [b.pk, a.pk]}, **json)
    assert response.json() == {"ok": True, "message": "De nieuwe volgorde is bewaard."}
    assert titles(meeting) == ["B", "A"]

    response = client.post(url("agenda_reorder", meeting), {"order": [a.pk, foreign.pk]}, **json)
    assert response.status_code == 400
    assert "klopt niet" in response.json()["message"]
    assert titles(meeting) == ["B", "A"]


def test_publishing_twice_publishes_once(login, meeting, chair):
    add(meeting, chair, "A")
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs["meeting"].pk)

    agenda_published.connect(receiver, weak=False)
    try:
        client = login(chair)
        first = client.post(url("agenda_publish", meeting), follow=True)
        second = client.post(url("agenda_publish", meeting), follow=True)
    finally:
        agenda_published.disconnect(receiver)
    assert messages_of(first) == ["De agenda is gepubliceerd: de leden worden verwittigd."]
    assert messages_of(second) == ["Deze agenda is al gepubliceerd."]
    assert calls == [meeting.pk]


def test_a_change_after_publication_from_the_page_is_noted_for_the_next_announcement(login, meeting, chair):
    add(meeting, chair, "A")
    services.agenda_publish(meeting=meeting, by=chair)
    login(chair).post(url("agenda_item_add", meeting), item_form(title="Dringend: personeel"))
    assert list(meeting.agenda_changes.values_list("description", "announced_at")) == [
        ("Punt toegevoegd: Dringend: personeel", None)
    ]


def test_a_cancelled_meeting_shows_its_agenda_without_controls(login, meeting, chair):
    add(meeting, chair, "A")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    response = login(chair).get(url("agenda", meeting))
    html = main_html(response)
    assert "geannuleerd" in html and "Omhoog" not in html and "Punt toevoegen" not in html


# Proposals ------------------------------------------------------------------------------


def test_a_member_proposes_and_reads_the_outcome(login, meeting, chair, voting_member):
    client = login(voting_member)
    page = client.get(url("agenda", meeting))
    assertContains(page, "Je kunt een punt voorstellen tot de agenda gepubliceerd is")
    response = client.post(
        url("agenda_propose", meeting),
        keyed({"proposal-title": "Wachtlijsten", "proposal-kind": "discussion", "proposal-description": "Cijfers Q3"}, prefix="proposal"),
        follow=True,
    )
    assert messages_of(response) == ["Je voorstel “Wachtlijsten” is ingediend. Je ziet hier wat ermee gebeurt."]
    assertContains(response, "wacht op een beslissing")
    proposal = meeting.agenda_items.get()
    assert (proposal.status, proposal.proposed_by) == ("proposed", person(voting_member))
    assert titles(meeting) == []

    login(chair).post(url("agenda_proposal_decline", proposal), {"reason": "Staat al op de Kernteamagenda."})
    response = login(voting_member).get(url("agenda", meeting))
    assertContains(response, "afgewezen")
    assertContains(response, "Reden: Staat al op de Kernteamagenda.")


def test_a_decline_without_reason_is_refused(login, meeting, chair, voting_member):
    proposal = services.agenda_item_propose(meeting=meeting, by=voting_member, person=person(voting_member), title="P")
    response = login(chair).post(url("agenda_proposal_decline", proposal), {"reason": ""}, follow=True)
    assert "Geef een reden" in messages_of(response)[0]
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_the_chair_accepts_and_merges_proposals(login, meeting, chair, voting_member, member_without_vote):
    jaarplan = add(meeting, chair, "Jaarplan")
    first = services.agenda_item_propose(meeting=meeting, by=voting_member, person=person(voting_member), title="P1")
    second = services.agenda_item_propose(
        meeting=meeting, by=member_without_vote, person=person(member_without_vote), title="P2"
    )
    client = login(chair)
    page = client.get(url("agenda", meeting))
    assertContains(page, "Voorgesteld door Tom Janssens")
    client.post(url("agenda_proposal_accept", first), follow=True)
    response = client.post(url("agenda_proposal_merge", second), {"into": jaarplan.pk}, follow=True)
    assert messages_of(response) == ["“P2” is samengevoegd met “Jaarplan”."]
    assert titles(meeting) == ["Jaarplan", "P1"]
    assertContains(login(member_without_vote).get(url("agenda", meeting)), "met “Jaarplan”")


def test_a_merged_proposal_is_shown_under_its_item_to_the_bodys_members_only(
    login, network, meeting, chair, voting_member, forum_member
):
    from projects.tests.factories import ProjectFactory

    jaarplan = add(meeting, chair, "Jaarplan", project=ProjectFactory(network=network, title="Jaarplan 2027"))
    proposal = services.agenda_item_propose(
        meeting=meeting, by=voting_member, person=person(voting_member), title="Wachtlijsten",
        description="Hoe lang wachten gezinnen?", project=ProjectFactory(network=network, title="Jeugdhulp dichtbij"),
    )
    services.agenda_proposal_merge(item=proposal, into=jaarplan, by=chair)

    item = main_html(login(voting_member).get(url("agenda", meeting)))
    item = item[item.index(f'id="item-{jaarplan.pk}"'):]
    item = item[: item.index("</li>")]
    assert "Hoe lang wachten gezinnen?" in item
    assert "Samengevoegd: “Wachtlijsten”, voorgesteld door Tom Janssens." in item
    assert "Jeugdhulp dichtbij" in item

    services.agenda_publish(meeting=meeting, by=chair)
    page = main_html(login(forum_member).get(url("agenda", meeting)))
    assert "Hoe lang wachten gezinnen?" in page
    assert "Samengevoegd:" not in page


def test_merging_into_a_forged_or_foreign_item_is_refused(login, meeting, other_network, chair, voting_member):
    proposal = services.agenda_item_propose(meeting=meeting, by=voting_member, person=person(voting_member), title="P")
    foreign = AgendaItemFactory(meeting=MeetingFactory(body__network=other_network))
    client = login(chair)
    for into in (foreign.pk, "999999", "abc", proposal.pk):
        response = client.post(url("agenda_proposal_merge", proposal), {"into": into}, follow=True)
        assert "Kies een punt van deze agenda" in messages_of(response)[0]
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_after_the_deadline_the_page_says_so_and_a_proposal_is_refused(login, network, voting_member):
    late = meeting_of(network, seed.BELEIDSGROEP, day=timezone.localdate() + datetime.timedelta(days=2))
    client = login(voting_member)
    assertContains(client.get(url("agenda", late)), "Voorstellen kon tot en met")
    response = client.post(url("agenda_propose", late), keyed({"proposal-title": "Te laat", "proposal-kind": "discussion"}, prefix="proposal"))
    assert response.status_code == 400
    assert not late.agenda_items.exists()


def test_forum_members_do_not_propose_to_the_beleidsgroep(login, meeting, forum_member):
    response = login(forum_member).post(url("agenda_propose", meeting), keyed({"proposal-title": "X"}, prefix="proposal"))
    assert response.status_code == 403


# Suggestions ----------------------------------------------------------------------------


def test_a_suggestion_is_added_in_one_click_and_then_no_longer_offered(login, network, meeting, chair, coordinator):
    earlier = meeting_of(network, seed.BELEIDSGROEP, day=SOON - datetime.timedelta(days=60))
    action = ActionItem.objects.create(meeting=earlier, title="Nota opstellen", owner=person(coordinator), due_date=SOON)
    client = login(chair)
    assertContains(client.get(url("agenda", meeting)), "Nota opstellen")
    response = client.post(url("agenda_suggestion_add", meeting), keyed({"key": f"action:{action.pk}"}), follow=True)
    assert messages_of(response) == ["“Actiepunt: Nota opstellen” staat op de agenda."]
    again = client.post(url("agenda_suggestion_add", meeting), keyed({"key": f"action:{action.pk}"}), follow=True)
    assert messages_of(again) == ["Deze suggestie staat al op de agenda."]
    assert titles(meeting) == ["Actiepunt: Nota opstellen"]


def test_an_escalated_item_on_the_agenda_says_which_body_put_it_forward(login, network, coordinator, chair):
    mandate = network.bodies.get(slug="kernteam").mandates.get(kind="decide")
    mandate.limit_eur = Decimal("5000")
    mandate.save()
    kernteam_meeting = meeting_of(network, day=SOON - datetime.timedelta(days=3))
    original = decision_propose(
        meeting=kernteam_meeting, domain="finance", text="Nieuwe laptops", amount_eur=Decimal("7500"), by=None
    )
    target = meeting_of(network, seed.BELEIDSGROEP, day=SOON)
    decision_escalate(decision=original, by=coordinator)

    page = main_html(login(chair).get(url("agenda", target)))

    day = kernteam_meeting.date
    assert f"Voorgelegd door Kernteam (vergadering van {day.day} " in page
    assert "Nieuwe laptops" in page


def test_a_forged_suggestion_key_is_refused(login, meeting, chair):
    response = login(chair).post(url("agenda_suggestion_add", meeting), keyed({"key": "advice:1; DROP TABLE"}), follow=True)
    assert messages_of(response) == ["Deze suggestie hoort niet bij deze vergadering."]
    assert titles(meeting) == []


# Cost -----------------------------------------------------------------------------------


def fill(network, meeting, coordinator, chair, voting_member, n: int):
    """n items with presenter, project and an attachment row, n proposals (and n merged), n open
    actions, n pieces of advice and n earlier meetings whose minutes await approval."""
    from meetings.models import AgendaAttachment
    from projects.models import Project

    earlier = meeting_of(network, seed.BELEIDSGROEP, day=SOON - datetime.timedelta(days=60))
    forum, beleidsgroep = body(network, seed.FORUM), body(network, seed.BELEIDSGROEP)
    mandate = forum.mandates.get(kind="advise")
    for i in range(n):
        project = Project.objects.create(network=network, title=f"Project {i}", body=beleidsgroep)
        item = add(meeting, coordinator, f"Punt {i}", presenter=person(chair), planned_minutes=5, project=project)
        AgendaAttachment.objects.create(item=item, file=f"agenda/x/{i}.pdf", name=f"{i}.pdf", size=10, content_type="application/pdf")
        services.agenda_item_propose(meeting=meeting, by=voting_member, person=person(voting_member), title=f"Voorstel {i}")
        merged = services.agenda_item_propose(
            meeting=meeting, by=voting_member, person=person(voting_member), title=f"Samen {i}", project=project
        )
        services.agenda_proposal_merge(item=merged, into=item, by=coordinator)
        ActionItem.objects.create(meeting=earlier, title=f"Actie {i}", owner=person(coordinator), due_date=SOON)
        Advice.objects.create(
            from_body=forum, to_body=beleidsgroep, mandate=mandate, domain="policy", subject=f"Advies {i}",
            text="Advies", given_on=SOON - datetime.timedelta(days=10),
        )
        meeting_of(network, seed.BELEIDSGROEP, day=SOON - datetime.timedelta(days=90 + i), minutes_status="awaiting")


@pytest.mark.parametrize("n", [2, 12])
def test_the_agenda_page_costs_the_same_queries_for_2_or_12_of_everything(
    login, network, meeting, coordinator, chair, voting_member, n, django_assert_max_num_queries
):
    fill(network, meeting, coordinator, chair, voting_member, n)
    client = login(chair)
    client.get(url("agenda", meeting))  # warm the content-type cache
    # Queries (17): session, user; network; rights on the network (user, groups);
    # meeting with body; rights on the body (user, groups); person; items with
    # presenter, proposer, merged-into item, escalated decision and project;
    # attachments; suggestions: taken keys, actions, advice, escalated decisions,
    # minutes awaiting approval; presenters; the projects an item can be about.
    with django_assert_max_num_queries(18) as captured:
        response = client.get(url("agenda", meeting))
    assert response.status_code == 200
    assertContains(response, f"Punt {n - 1}")
    assertContains(response, f"Voorstel {n - 1}")
    assertContains(response, f"Advies {n - 1}")
    assertContains(response, f"Project {n - 1}")
    assertContains(response, f"Samengevoegd: “Samen {n - 1}”")
    print(f"agenda page, n={n}: {len(captured)} queries")


@pytest.mark.parametrize("n", [2, 12])
def test_the_published_agenda_costs_a_network_member_the_same_for_2_or_12_items(
    login, network, meeting, coordinator, chair, voting_member, forum_member, n, django_assert_max_num_queries
):
    fill(network, meeting, coordinator, chair, voting_member, n)
    services.agenda_publish(meeting=meeting, by=coordinator)
    client = login(forum_member)
    client.get(url("agenda", meeting))
    # Queries (11): as above, without suggestions and presenters.
    with django_assert_max_num_queries(11) as captured:
        response = client.get(url("agenda", meeting))
    assert response.status_code == 200
    assertNotContains(response, "Voorstel 0")
    assertContains(response, f"Project {n - 1}")
    print(f"published agenda for a network member, n={n}: {len(captured)} queries")


def test_the_meeting_page_links_to_its_agenda(login, meeting, chair, voting_member):
    agenda = url("agenda", meeting)
    response = login(chair).get(meeting.get_absolute_url())
    assertContains(response, f'<a href="{agenda}">Agenda opstellen</a>', html=True)
    response = login(voting_member).get(meeting.get_absolute_url())
    assertContains(response, f'<a href="{agenda}">Agenda en voorstellen</a>', html=True)
    assertContains(response, "nog niet gepubliceerd")


def test_who_runs_the_body_adds_items_directly_and_gets_no_proposal_form(login, meeting, chair):
    html = main_html(login(chair).get(url("agenda", meeting)))
    assert "Punt toevoegen" in html and "Punt voorstellen" not in html


def test_huge_proposals_and_reasons_are_refused(login, meeting, chair, voting_member):
    response = login(voting_member).post(
        url("agenda_propose", meeting), keyed({"proposal-title": "x" * 10_000, "proposal-kind": "discussion"}, prefix="proposal")
    )
    assert response.status_code == 400
    proposal = services.agenda_item_propose(meeting=meeting, by=voting_member, person=person(voting_member), title="P")
    response = login(chair).post(url("agenda_proposal_decline", proposal), {"reason": "x" * 1001}, follow=True)
    assert "hoogstens 1000 tekens" in messages_of(response)[0]
    proposal.refresh_from_db()
    assert proposal.status == "proposed"
