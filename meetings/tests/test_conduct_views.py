"""The meeting itself, as pages: replying, attendance with a substitute (also by htmx), minutes,
action items and the approval of the minutes, with who may do what and bad input."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from core.dates import long_date
from core.tests.helpers import keyed
from bodies import seed
from bodies.tests.factories import MembershipFactory, PersonFactory, SeatFactory, UserFactory
from meetings.services.decisions import decision_propose
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from meetings.models import ActionItem, AgendaItem, Attendance, Meeting, MinutesApproval

from .helpers import csrf_client, main_html, meeting_of, messages_of, person, present

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def url(name, meeting_or_action, network=None):
    network = network or (
        meeting_or_action.body.network if isinstance(meeting_or_action, Meeting) else meeting_or_action.meeting.body.network
    )
    return reverse(f"meetings:{name}", kwargs={"network": network.slug, "pk": meeting_or_action.pk})


@pytest.fixture
def upcoming(network):
    """The Beleidsgroep meets next week: every persona but the Forum member is invited."""
    return meeting_of(network, seed.BELEIDSGROEP, today() + datetime.timedelta(days=7))


@pytest.fixture
def held(network):
    """The Beleidsgroep met today, with one agenda item."""
    meeting = meeting_of(network, seed.BELEIDSGROEP, today())
    AgendaItemFactory(meeting=meeting, title="Begroting 2027")
    return meeting


# Replying -------------------------------------------------------------------------------------


def test_a_member_says_they_come_and_sees_it_on_the_meeting_page(login, upcoming, voting_member):
    client = login(voting_member)
    response = client.post(url("reply", upcoming), {"reply": "attending"}, follow=True)

    assert messages_of(response) == ["Bewaard: je komt naar de vergadering."]
    assertContains(response, "Je antwoord: je komt.")
    assert Attendance.objects.get(person=person(voting_member)).reply == "attending"


def test_the_reply_returns_to_a_local_next_page_only(login, upcoming, voting_member):
    client = login(voting_member)
    mine = reverse("pages:mine", kwargs={"network": upcoming.body.network.slug})

    assert client.post(url("reply", upcoming), {"reply": "attending", "next": mine})["Location"] == mine
    evil = client.post(url("reply", upcoming), {"reply": "attending", "next": "https://evil.example/"})
    assert evil["Location"] == upcoming.get_absolute_url()


def test_a_double_submit_keeps_one_reply(login, upcoming, voting_member):
    client = login(voting_member)
    client.post(url("reply", upcoming), {"reply": "attending"})
    client.post(url("reply", upcoming), {"reply": "attending"})

    assert Attendance.objects.filter(person=person(voting_member)).count() == 1


def test_the_coordinator_not_in_the_body_is_told_only_members_are_invited(login, working_group, coordinator):
    # The Kernteam sits ex officio in the support group and the Forum; a working group it does not.
    meeting = MeetingFactory(body=working_group, date=today() + datetime.timedelta(days=7))

    response = login(coordinator).post(url("reply", meeting), {"reply": "attending"}, follow=True)

    assert messages_of(response) == [f"Alleen wie op {long_date(meeting.date)} lid is van Werkgroep Vorming, is uitgenodigd."]
    assert not Attendance.objects.exists()


def test_a_network_member_outside_the_body_gets_403(login, upcoming, forum_member):
    assert login(forum_member).post(url("reply", upcoming), {"reply": "attending"}).status_code == 403


def test_another_networks_member_gets_404(login, upcoming, other_network_member):
    assert login(other_network_member).post(url("reply", upcoming), {"reply": "attending"}).status_code == 404


def test_a_past_meeting_takes_no_reply_and_shows_no_buttons(login, network, voting_member):
    past = meeting_of(network, seed.BELEIDSGROEP, today() - datetime.timedelta(days=1))
    client = login(voting_member)

    response = client.post(url("reply", past), {"reply": "attending"}, follow=True)

    assert messages_of(response) == ["Deze vergadering is voorbij: je kunt niet meer antwoorden."]
    assertNotContains(response, 'name="reply"')


def test_reply_refuses_get_and_a_post_without_csrf(login, upcoming, voting_member):
    assert login(voting_member).get(url("reply", upcoming)).status_code == 405
    assert csrf_client(voting_member).post(url("reply", upcoming), {"reply": "attending"}).status_code == 403
    assert not Attendance.objects.exists()


def test_the_meeting_page_lists_the_invited_with_their_reply(login, upcoming, coordinator, voting_member):
    login(voting_member).post(url("reply", upcoming), {"reply": "not_attending"})

    html = main_html(login(coordinator).get(upcoming.get_absolute_url()))

    row = html[html.index('<th scope="row">Tom Janssens') :]
    assert "Ik kan niet komen" in row[: row.index("</tr>")]
    assert "geen antwoord" in html


# Attendance with a substitute, with and without htmx ---------------------------------------


def test_the_coordinator_records_a_substitute_and_the_page_names_them(login, network, held, coordinator, voting_member):
    deputy = PersonFactory(network=network, name="Karel Plaatsvervanger")
    me = person(voting_member).pk

    response = login(coordinator).post(
        url("attendance", held), {f"person_{me}": "substituted", f"substitute_{me}": deputy.pk}, follow=True
    )

    assert messages_of(response) == ["De aanwezigheden zijn bewaard."]
    assert Attendance.objects.get(person_id=me).substitute == deputy
    assertContains(response, "1 lid liet zich vervangen; een vervanger telt niet mee voor het quorum en stemt niet.")


def test_htmx_gets_the_refreshed_quorum_block_only(login, held, coordinator, voting_member, chair):
    response = login(coordinator).post(
        url("attendance", held),
        {f"person_{person(voting_member).pk}": "present", f"person_{person(chair).pk}": "present"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="quorum"')
    assert "2 van de" in html and "<main" not in html
    assert "Aanwezigheden bewaard." in html


def test_htmx_shows_the_missing_substitute_in_the_quorum_block(login, held, coordinator, voting_member):
    response = login(coordinator).post(
        url("attendance", held), {f"person_{person(voting_member).pk}": "substituted"}, headers={"HX-Request": "true"}
    )

    assertContains(response, "Kies wie in de plaats kwam van een lid dat zich liet vervangen.")
    assert not Attendance.objects.exists()


def test_a_substitute_of_another_network_is_not_a_choice(login, held, coordinator, voting_member, other_network_member):
    me = person(voting_member).pk

    response = login(coordinator).post(
        url("attendance", held),
        {f"person_{me}": "substituted", f"substitute_{me}": person(other_network_member).pk},
    )

    assert response.status_code == 400
    assertContains(response, f'id="id_substitute_{me}_error"', status_code=400)
    assert not Attendance.objects.exists()


# Minutes: who reads them, before and after approval ------------------------------------------


@pytest.mark.parametrize(
    ("persona", "before", "after"),
    [
        ("forum_member", 403, 200),
        ("member_without_vote", 200, 200),
        ("voting_member", 200, 200),
        ("chair", 200, 200),
        ("coordinator", 200, 200),
        ("network_admin", 200, 200),
        ("other_network_member", 404, 404),
    ],
)
def test_minutes_are_for_insiders_until_approved_then_for_the_network(login, request, held, persona, before, after):
    item = held.agenda_items.get()
    item.minutes = "Besproken: de begroting is in evenwicht."
    item.save()
    client = login(request.getfixturevalue(persona))

    assert client.get(url("minutes", held)).status_code == before

    Meeting.objects.filter(pk=held.pk).update(minutes_status="approved")
    response = client.get(url("minutes", held))
    assert response.status_code == after
    if after == 200:
        assertContains(response, "Besproken: de begroting is in evenwicht.")


def test_the_meeting_page_stays_for_insiders_even_when_the_minutes_are_approved(login, held, forum_member):
    Meeting.objects.filter(pk=held.pk).update(minutes_status="approved")

    assert login(forum_member).get(held.get_absolute_url()).status_code == 403


def test_a_network_member_reading_approved_minutes_gets_no_links_to_internal_pages(login, held, forum_member):
    decision_propose(
        meeting=held, domain="staff", text="Aanwerving", amount_eur=None, by=None, agenda_item=held.agenda_items.get()
    )
    Meeting.objects.filter(pk=held.pk).update(minutes_status="approved")

    response = login(forum_member).get(url("minutes", held))

    assertContains(response, "Aanwerving")
    assert "/decisions/" not in main_html(response)
    assertNotContains(response, 'id="minutes-form"')


# Minutes: writing them ----------------------------------------------------------------------


def minutes_field(item) -> str:
    return f"minutes_{item.pk}"


def test_the_chair_writes_the_minutes_of_an_item_with_html_escaped(login, held, chair):
    item = held.agenda_items.get()
    client = login(chair)

    response = client.post(url("minutes", held), {minutes_field(item): "<script>alert(1)</script> akkoord"}, follow=True)

    item.refresh_from_db()
    assert item.minutes == "<script>alert(1)</script> akkoord"
    assert messages_of(response) == ["Het verslag is bewaard."]
    assert "<script>alert(1)</script>" not in response.content.decode()
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt; akkoord")


def test_one_save_keeps_what_was_typed_in_every_item(login, held, chair):
    first = held.agenda_items.get()
    second = AgendaItemFactory(meeting=held, title="Personeel")

    login(chair).post(url("minutes", held), {minutes_field(first): "Over de begroting.", minutes_field(second): "Over het personeel."})

    first.refresh_from_db(), second.refresh_from_db()
    assert (first.minutes, second.minutes) == ("Over de begroting.", "Over het personeel.")


def test_every_items_textarea_belongs_to_the_one_minutes_form(login, held, chair):
    AgendaItemFactory(meeting=held, title="Personeel")

    html = main_html(login(chair).get(url("minutes", held)))

    assert html.count('<form method="post" id="minutes-form"') == 1
    assert html.count('form="minutes-form"') == 2 * 2  # each item: its textarea and its save button
    assert html.count("data-warn-unsaved") == 1 + 2  # the minutes form and each item's action form
    assert "js/unsaved-warning.js" in login(chair).get(url("minutes", held)).content.decode()


def test_the_save_returns_to_the_item_whose_button_was_pressed(login, held, chair):
    item = held.agenda_items.get()

    response = login(chair).post(url("minutes", held), {minutes_field(item): "Goed.", "focus": item.pk})

    assert response["Location"].endswith(f"#item-{item.pk}")


def test_a_voting_member_may_not_write_minutes(login, held, voting_member):
    item = held.agenda_items.get()

    assert login(voting_member).post(url("minutes", held), {minutes_field(item): "x"}).status_code == 403
    item.refresh_from_db()
    assert item.minutes == ""


def test_a_field_for_an_item_of_another_meeting_changes_nothing(login, network, held, chair):
    elsewhere = AgendaItemFactory(meeting=meeting_of(network, seed.BELEIDSGROEP, today() + datetime.timedelta(days=3)))

    login(chair).post(url("minutes", held), {minutes_field(elsewhere): "gesmokkeld"}, follow=True)

    elsewhere.refresh_from_db()
    assert elsewhere.minutes == ""


def test_huge_minutes_are_refused_next_to_the_item_and_every_item_keeps_its_text(login, held, chair):
    item = held.agenda_items.get()
    other = AgendaItemFactory(meeting=held, title="Personeel")

    response = login(chair).post(
        url("minutes", held), {minutes_field(item): "x" * 20001, minutes_field(other): "Getypt bij personeel."}
    )

    assert response.status_code == 400
    assertContains(response, f'id="id_minutes_{item.pk}_error"', status_code=400)
    assertContains(response, f'aria-describedby="id_minutes_{item.pk}_error"', status_code=400)
    assertContains(response, "Getypt bij personeel.</textarea>", status_code=400)
    assertContains(response, "data-warn-unsaved data-unsaved", status_code=400)
    item.refresh_from_db(), other.refresh_from_db()
    assert (item.minutes, other.minutes) == ("", "")


# Action items ----------------------------------------------------------------------------------


def action_data(item, who, **extra):
    return keyed({"item": item.pk, "title": "Offerte opvragen", "owner": who.pk, "due_date": str(today() + datetime.timedelta(days=14)), **extra})


def test_the_coordinator_notes_an_action_item_on_an_item(login, held, coordinator, voting_member):
    item = held.agenda_items.get()

    response = login(coordinator).post(url("action_create", held), action_data(item, person(voting_member)), follow=True)

    assert messages_of(response) == ["Het actiepunt is genoteerd."]
    action = ActionItem.objects.get()
    assert (action.agenda_item, action.owner, action.created_by) == (item, person(voting_member), coordinator)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"due_date": "2026-02-30"}, "Voer een geldige datum in."),
        ({"title": ""}, "Dit veld is verplicht."),
        ({"title": "x" * 301}, "Zorg dat deze waarde niet meer dan 300 tekens bevat"),
        ({"owner": "999999"}, "Selecteer een geldige keuze."),
    ],
)
def test_bad_action_items_are_refused_with_the_error_next_to_the_field(login, held, coordinator, voting_member, change, error):
    item = held.agenda_items.get()

    response = login(coordinator).post(url("action_create", held), action_data(item, person(voting_member), **change))

    assert response.status_code == 400
    assertContains(response, error, status_code=400)
    assert not ActionItem.objects.exists()


def test_an_owner_of_another_network_is_not_a_choice(login, held, coordinator, other_network_member):
    item = held.agenda_items.get()

    response = login(coordinator).post(url("action_create", held), action_data(item, person(other_network_member)))

    assert response.status_code == 400
    assert not ActionItem.objects.exists()


def test_a_member_may_not_note_action_items(login, held, voting_member):
    item = held.agenda_items.get()

    assert login(voting_member).post(url("action_create", held), action_data(item, person(voting_member))).status_code == 403


@pytest.fixture
def action(held, voting_member):
    return ActionItem.objects.create(
        meeting=held, agenda_item=held.agenda_items.get(), title="Offerte opvragen", owner=person(voting_member), due_date=today()
    )


@pytest.mark.parametrize(("persona", "status"), [("voting_member", 302), ("chair", 302), ("member_without_vote", 403), ("forum_member", 403), ("other_network_member", 404)])
def test_the_owner_or_who_runs_the_body_marks_an_action_done(login, request, action, persona, status):
    response = login(request.getfixturevalue(persona)).post(url("action_done", action))

    assert response.status_code == status
    action.refresh_from_db()
    assert action.status == ("done" if status == 302 else "open")


def test_marking_done_refuses_get(login, action, voting_member):
    assert login(voting_member).get(url("action_done", action)).status_code == 405


def test_an_open_action_returns_on_the_next_meeting_until_done(login, network, held, action, coordinator, voting_member):
    following = meeting_of(network, seed.BELEIDSGROEP, today() + datetime.timedelta(days=30))
    client = login(coordinator)

    html = main_html(client.get(following.get_absolute_url()))
    assert "Offerte opvragen" in html[html.index('id="open-actions"') :]

    login(voting_member).post(url("action_done", action))
    html = main_html(login(coordinator).get(following.get_absolute_url()))
    assert "Offerte opvragen" not in html[html.index('id="open-actions"') :]


# Approval ----------------------------------------------------------------------------------------


def approval_on_next_agenda(network, client):
    """The Beleidsgroep's minutes of four weeks ago, submitted: (meeting, today's meeting, its approval item)."""
    first = meeting_of(network, seed.BELEIDSGROEP, today() - datetime.timedelta(days=28))
    following = meeting_of(network, seed.BELEIDSGROEP, today())
    client.post(url("minutes_submit", first))
    return first, following, following.agenda_items.get(minutes_of=first)


def test_the_minutes_are_submitted_then_approved_on_the_next_meetings_item(login, network, coordinator, voting_member):
    client = login(coordinator)
    first, following, item = approval_on_next_agenda(network, client)
    present(following, coordinator, voting_member)

    page = client.get(following.get_absolute_url())
    assertContains(page, "Verslag goedkeuren")
    assertContains(page, f'name="agenda_item" value="{item.pk}"')

    response = client.post(url("minutes_approve", first), {"agenda_item": item.pk}, follow=True)
    first.refresh_from_db()
    assert (first.minutes_status, first.minutes_approved_in) == ("approved", following)
    assert messages_of(response)[-1] == f"Het verslag van {long_date(first.date)} is goedgekeurd en voor het hele netwerk zichtbaar."
    assertContains(response, "Goedgekeurd in deze vergadering.")


def test_the_approved_meeting_links_to_the_approving_meetings_item_with_who_was_present(
    login, network, coordinator, voting_member
):
    client = login(coordinator)
    first, following, item = approval_on_next_agenda(network, client)
    present(following, coordinator, voting_member)
    client.post(url("minutes_approve", first), {"agenda_item": item.pk})

    for page in (first.get_absolute_url(), url("minutes", first)):
        html = main_html(client.get(page))
        assert f'<a href="{following.get_absolute_url()}#item-{item.pk}">goedgekeurd in de vergadering van' in html
        assert person(coordinator).name in html and person(voting_member).name in html


def test_a_network_member_reads_where_the_minutes_were_approved_without_a_link_inside(
    login, network, coordinator, forum_member
):
    client = login(coordinator)
    first, following, item = approval_on_next_agenda(network, client)
    present(following, coordinator)
    client.post(url("minutes_approve", first), {"agenda_item": item.pk})

    html = main_html(login(forum_member).get(url("minutes", first)))

    assert "goedgekeurd in de vergadering van" in html
    assert following.get_absolute_url() not in html


def test_the_approval_button_waits_for_the_meeting_to_begin(login, network, coordinator):
    first = meeting_of(network, seed.BELEIDSGROEP, today() - datetime.timedelta(days=28))
    following = meeting_of(network, seed.BELEIDSGROEP, today() + datetime.timedelta(days=7))
    client = login(coordinator)
    client.post(url("minutes_submit", first))
    item = following.agenda_items.get(minutes_of=first)

    assertNotContains(client.get(following.get_absolute_url()), "Verslag goedkeuren")
    response = client.post(url("minutes_approve", first), {"agenda_item": item.pk}, follow=True)

    assert messages_of(response)[0].startswith("Het verslag wordt goedgekeurd in de vergadering zelf, vanaf")
    first.refresh_from_db()
    assert first.minutes_status == "awaiting"


def test_approval_without_anyone_present_says_to_record_attendance(login, network, coordinator):
    client = login(coordinator)
    first, following, item = approval_on_next_agenda(network, client)

    response = client.post(url("minutes_approve", first), {"agenda_item": item.pk}, follow=True)

    assert messages_of(response)[-1] == (
        "Noteer eerst wie er aanwezig is: het verslag wordt goedgekeurd door de aanwezigen van de vergadering."
    )


def test_approval_on_an_item_for_other_minutes_is_refused(login, network, coordinator):
    client = login(coordinator)
    first, following, item = approval_on_next_agenda(network, client)
    present(following, coordinator)
    ordinary = AgendaItemFactory(meeting=following)

    response = client.post(url("minutes_approve", first), {"agenda_item": ordinary.pk}, follow=True)

    assert messages_of(response)[-1] == "Dit agendapunt legt een ander verslag ter goedkeuring voor."
    first.refresh_from_db()
    assert first.minutes_status == "awaiting"


def test_approval_on_another_networks_item_is_404(login, network, other_network, coordinator):
    first = meeting_of(network, seed.BELEIDSGROEP, today() - datetime.timedelta(days=28), minutes_status="awaiting")
    elsewhere = AgendaItemFactory(meeting=MeetingFactory(body__network=other_network, date=today()))

    assert login(coordinator).post(url("minutes_approve", first), {"agenda_item": elsewhere.pk}).status_code == 404


def test_approval_with_a_forged_id_says_what_to_do(login, network, coordinator):
    first = meeting_of(network, seed.BELEIDSGROEP, today() - datetime.timedelta(days=28), minutes_status="awaiting")

    response = login(coordinator).post(url("minutes_approve", first), {"agenda_item": "abc"}, follow=True)

    assert messages_of(response) == ["Kies het agendapunt waarop het verslag wordt goedgekeurd."]


def test_a_member_may_not_submit_or_approve(login, network, coordinator, voting_member):
    first, following, item = approval_on_next_agenda(network, login(coordinator))
    Meeting.objects.filter(pk=first.pk).update(minutes_status="draft")
    client = login(voting_member)

    assert client.post(url("minutes_submit", first)).status_code == 403
    assert client.post(url("minutes_approve", first), {"agenda_item": item.pk}).status_code == 403


# Cost ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 8])
def test_the_minutes_page_runs_the_same_queries_for_1_or_8_items(
    login, network, held, chair, size, django_assert_max_num_queries
):
    AgendaItem.objects.all().delete()
    for index in range(size):
        item = AgendaItemFactory(meeting=held, title=f"punt {index}", minutes=f"verslag {index}")
        owner = PersonFactory(network=network, user=UserFactory())
        MembershipFactory(seat=SeatFactory(body=held.body, count=None), person=owner)
        ActionItem.objects.create(meeting=held, agenda_item=item, title=f"actie {index}", owner=owner, due_date=today())
        decision_propose(meeting=held, domain="staff", text=f"besluit {index}", amount_eur=None, by=None, agenda_item=item)
    client = login(chair)
    client.get(url("minutes", held))

    # session, user, network and its grants (user, groups), meeting with body and
    # approving meeting, the body's grants (user, groups); agenda items, their
    # action items with owners, decisions, the next meeting, the network's people.
    with django_assert_max_num_queries(14):
        response = client.get(url("minutes", held))
    assert response.content.decode().count("actie ") >= size


@pytest.mark.parametrize("size", [1, 8])
def test_approved_minutes_cost_the_same_queries_for_1_or_8_present(
    login, network, held, chair, size, django_assert_max_num_queries
):
    following = meeting_of(network, seed.BELEIDSGROEP, today() + datetime.timedelta(days=1))
    item = AgendaItemFactory(meeting=following, minutes_of=held, source_key=f"minutes:{held.pk}")
    approval = MinutesApproval.objects.create(minutes_of=held, agenda_item=item)
    approval.present.set([PersonFactory(network=network) for _ in range(size)])
    Meeting.objects.filter(pk=held.pk).update(minutes_status="approved", minutes_approved_in=following)
    client = login(chair)
    client.get(url("minutes", held))

    # As the minutes page above without the network's people (nothing to write), with the
    # approval (its item and meeting) and who was present.
    with django_assert_max_num_queries(14):
        response = client.get(url("minutes", held))
    assert response.content.decode().count("aanwezig:") == 1
    # The meeting page: as in test_views_meeting_detail, with the same two for the approval.
    with django_assert_max_num_queries(25):
        page = client.get(held.get_absolute_url())
    assert page.content.decode().count("aanwezig:") == 1


def test_the_bodys_meeting_list_links_approved_minutes_for_every_network_member(login, network, held, forum_member):
    meetings = reverse("meetings:list", kwargs={"network": network.slug, "body": held.body.slug})
    client = login(forum_member)

    assertNotContains(client.get(meetings), url("minutes", held))
    Meeting.objects.filter(pk=held.pk).update(minutes_status="approved")
    assertContains(client.get(meetings), url("minutes", held))


@pytest.mark.parametrize("name", ["reply", "minutes_submit", "minutes_approve", "action_create", "attendance"])
def test_state_changing_urls_refuse_get(login, held, coordinator, name):
    assert login(coordinator).get(url(name, held)).status_code == 405


def test_another_networks_action_under_this_networks_address_is_404(login, network, other_network, coordinator):
    elsewhere = MeetingFactory(body__network=other_network)
    action = ActionItem.objects.create(
        meeting=elsewhere, title="x", owner=PersonFactory(network=other_network), due_date=today()
    )

    assert login(coordinator).post(url("action_done", action, network)).status_code == 404
    action.refresh_from_db()
    assert action.status == "open"


def test_the_attendance_form_posts_by_htmx_on_change_and_still_has_a_submit_button(login, held, coordinator):
    html = main_html(login(coordinator).get(held.get_absolute_url()))

    assert f'hx-post="{url("attendance", held)}" hx-trigger="change"' in html
    assert 'hx-target="#quorum"' in html and 'id="quorum"' in html and 'aria-live="polite"' in html
    assert "Aanwezigheden bewaren</button>" in html
