"""One meeting: agenda, attendance, quorum, decisions and the actions each person may take."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Seat
from bodies.tests.factories import MembershipFactory, PersonFactory, SeatFactory, UserFactory
from core.dates import long_date
from meetings.services.decisions import decision_close, decision_escalate, decision_propose, decision_vote
from meetings.tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from meetings.models import ActionItem

from .helpers import MEETING_DAY, body, kernteam_limit, main_html, meeting_of, person, present

pytestmark = pytest.mark.django_db


def propose(meeting, text="Nieuwe laptops", amount=None, domain="finance", **kwargs):
    return decision_propose(
        meeting=meeting, domain=domain, text=text, amount_eur=amount and Decimal(amount), by=None, **kwargs
    )


def vote_url(decision):
    return reverse("meetings:decision_vote", kwargs={"network": decision.meeting.body.network.slug, "pk": decision.pk})


def article(response, decision) -> str:
    """The HTML of one decision on the meeting page."""
    match = re.search(rf'<article class="decision" aria-labelledby="decision-{decision.pk}-heading">.*?</article>',
                      response.content.decode(), re.S)
    assert match, f"no article for decision {decision.pk}"
    return match.group(0)


@pytest.fixture
def meeting(network):
    return meeting_of(network)


@pytest.fixture
def kernteam_chair(network):
    """The family coaches' representative, chairing the Kernteam: runs it, coordinates nothing."""
    user = UserFactory(username="kernteamvoorzitter")
    MembershipFactory(
        seat=Seat.objects.get(body=body(network), role__name="Vertegenwoordiger gezinscoach"),
        person=PersonFactory(network=network, name="Lien Claes", user=user),
        office="chair",
    )
    return user


# Who sees the page ----------------------------------------------------------------------


def test_it_redirects_anonymous_users_to_login(client, meeting):
    url = meeting.get_absolute_url()
    assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


@pytest.mark.parametrize("persona", ["other_network_member", "outsider"])
def test_it_answers_404_to_people_outside_the_network(login, request, meeting, persona):
    assert login(request.getfixturevalue(persona)).get(meeting.get_absolute_url()).status_code == 404


def test_it_answers_403_to_a_network_member_outside_the_body(login, meeting, forum_member):
    assert login(forum_member).get(meeting.get_absolute_url()).status_code == 403


def test_it_answers_403_to_a_member_of_another_body_of_the_network(login, meeting, member_without_vote):
    assert login(member_without_vote).get(meeting.get_absolute_url()).status_code == 403


@pytest.mark.parametrize("persona", ["voting_member", "coordinator", "network_admin"])
def test_it_shows_the_meeting_to_members_coordinators_and_admins(login, request, meeting, persona):
    response = login(request.getfixturevalue(persona)).get(meeting.get_absolute_url())

    assertContains(response, "<h1>Vergadering van dinsdag 1 december 2026</h1>", html=True)


def test_it_answers_404_for_another_networks_meeting_under_this_networks_address(
    login, network, coordinator, other_network
):
    elsewhere = MeetingFactory(body__network=other_network)
    url = reverse("meetings:detail", kwargs={"network": network.slug, "pk": elsewhere.pk})

    assert login(coordinator).get(url).status_code == 404


def test_it_answers_404_for_an_id_that_does_not_exist(login, network, coordinator):
    url = reverse("meetings:detail", kwargs={"network": network.slug, "pk": 999999})

    assert login(coordinator).get(url).status_code == 404


# Agenda ---------------------------------------------------------------------------------


def test_it_lists_the_agenda_items_in_order(login, meeting, voting_member):
    AgendaItemFactory(meeting=meeting, title="Tweede punt", position=2)
    AgendaItemFactory(meeting=meeting, title="Eerste punt", position=1)

    page = main_html(login(voting_member).get(meeting.get_absolute_url()))

    assert page.index("Eerste punt") < page.index("Tweede punt")


def test_an_escalated_item_shows_where_it_came_from_and_links_to_the_original(
    login, network, coordinator, chair
):
    kernteam_limit(network)
    original = propose(meeting_of(network), amount="7500")
    target = meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))
    item = decision_escalate(decision=original, by=coordinator)

    response = login(chair).get(target.get_absolute_url())

    assertContains(response, "Voorgelegd door Kernteam (vergadering van 1 december 2026)")
    assertContains(response, f'href="{original.get_absolute_url()}"')
    propose_url = reverse("meetings:decision_propose", kwargs={"network": network.slug, "meeting": target.pk})
    assertContains(response, f'href="{propose_url}?agenda_item={item.pk}"')


def test_an_escalated_item_is_titled_with_the_decisions_own_words(login, network, coordinator, chair):
    kernteam_limit(network)
    original = propose(meeting_of(network), text="Nieuwe laptops voor het team", amount="7500")
    target = meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))
    decision_escalate(decision=original, by=coordinator)

    page = main_html(login(chair).get(target.get_absolute_url()))

    assert "<strong>Nieuwe laptops voor het team</strong>" in page


def test_an_english_reader_reads_where_an_escalated_item_came_from_in_english(login, network, coordinator, chair):
    kernteam_limit(network)
    original = propose(meeting_of(network), amount="7500")
    target = meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))
    decision_escalate(decision=original, by=coordinator)
    client = login(chair)
    client.cookies["django_language"] = "en"

    response = client.get(target.get_absolute_url())

    assertContains(response, "Referred by Kernteam (meeting of 1 December 2026)")
    assertNotContains(response, "Voorgelegd door")


def test_the_take_decision_link_goes_once_a_decision_is_taken_on_the_item(login, network, coordinator, chair):
    kernteam_limit(network)
    original = propose(meeting_of(network), amount="7500")
    target = meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))
    item = decision_escalate(decision=original, by=coordinator)
    propose(target, amount="7500", agenda_item=item)

    assertNotContains(login(chair).get(target.get_absolute_url()), f"?agenda_item={item.pk}")


def test_it_escapes_html_in_agenda_items_and_decisions(login, meeting, coordinator):
    AgendaItemFactory(meeting=meeting, title="<script>alert('punt')</script>")
    propose(meeting, text="<img src=x onerror=alert(1)>")

    response = login(coordinator).get(meeting.get_absolute_url())

    assertNotContains(response, "<script>alert(")
    assertNotContains(response, "<img src=x")
    assertContains(response, "&lt;img src=x onerror=alert(1)&gt;")


# Attendance and quorum ------------------------------------------------------------------


def test_it_gives_those_who_run_the_body_an_attendance_form_with_every_member(
    login, meeting, coordinator, voting_member
):
    response = login(coordinator).get(meeting.get_absolute_url())

    assertContains(response, f'name="person_{person(coordinator).pk}"')
    assertContains(response, f'name="person_{person(voting_member).pk}"')
    assertContains(response, "Aanwezigheid van Tom Janssens")


def test_it_shows_a_member_the_attendance_without_a_form(login, meeting, coordinator, voting_member):
    present(meeting, coordinator)

    response = login(voting_member).get(meeting.get_absolute_url())

    assertNotContains(response, 'name="person_')
    assertContains(response, "Aanwezig")


def test_it_shows_the_live_quorum(login, meeting, coordinator, voting_member):
    present(meeting, voting_member)

    response = login(coordinator).get(meeting.get_absolute_url())

    # The Kernteam: coordinator and kernpartner both vote; 50 % of 2 is 1.
    assertContains(response, "1 van de 2 stemgerechtigde leden aanwezig; 1 nodig voor het quorum.")
    assertContains(response, "Quorum bereikt")


def test_it_says_when_the_quorum_is_not_met(login, meeting, coordinator, voting_member):
    assertContains(login(coordinator).get(meeting.get_absolute_url()), "Quorum niet bereikt")


# Voting ---------------------------------------------------------------------------------


def test_a_present_voting_member_gets_the_vote_buttons(login, meeting, voting_member):
    present(meeting, voting_member)
    decision = propose(meeting)

    html = article(login(voting_member).get(meeting.get_absolute_url()), decision)

    assert f'action="{vote_url(decision)}"' in html
    for value, label in [("for", "Voor"), ("against", "Tegen"), ("abstain", "Onthouding")]:
        assert f'name="choice" value="{value}" class="btn btn-sm btn-outline-primary">{label}</button>' in html


def test_a_voting_member_not_recorded_present_gets_no_vote_buttons(login, meeting, voting_member):
    decision = propose(meeting)

    assert vote_url(decision) not in article(login(voting_member).get(meeting.get_absolute_url()), decision)


def test_a_present_member_without_vote_gets_no_vote_buttons(login, network, member_without_vote):
    meeting = meeting_of(network, seed.BELEIDSGROEP)
    present(meeting, member_without_vote)
    decision = propose(meeting)

    html = article(login(member_without_vote).get(meeting.get_absolute_url()), decision)

    assert vote_url(decision) not in html


def test_after_voting_the_member_sees_their_vote_and_no_buttons(login, meeting, voting_member):
    present(meeting, voting_member)
    decision = propose(meeting)
    decision_vote(decision=decision, person=person(voting_member), choice="against")

    html = article(login(voting_member).get(meeting.get_absolute_url()), decision)

    assert "Je stem: Tegen." in html
    assert "1 stem uitgebracht." in html
    assert vote_url(decision) not in html


def test_those_who_run_the_body_get_a_close_button(login, meeting, coordinator):
    decision = propose(meeting)
    close = reverse("meetings:decision_close", kwargs={"network": meeting.body.network.slug, "pk": decision.pk})

    assert f'action="{close}"' in article(login(coordinator).get(meeting.get_absolute_url()), decision)


def test_a_member_gets_no_close_button(login, meeting, voting_member):
    decision = propose(meeting)

    assert "Stemming afsluiten" not in article(login(voting_member).get(meeting.get_absolute_url()), decision)


def test_a_closed_decision_shows_its_outcome_and_counts(login, meeting, coordinator, voting_member):
    present(meeting, coordinator, voting_member)
    decision = propose(meeting)
    decision_vote(decision=decision, person=person(voting_member), choice="for")
    decision_vote(decision=decision, person=person(coordinator), choice="abstain")
    decision_close(decision=decision, by=coordinator)

    html = article(login(voting_member).get(meeting.get_absolute_url()), decision)

    assert "Aangenomen" in html
    assert "Voor: 1, tegen: 0, onthoudingen: 1." in html


# Out of mandate and escalation ----------------------------------------------------------


def test_an_out_of_mandate_decision_shows_the_refusal_naming_the_holder(login, network, meeting, voting_member):
    kernteam_limit(network)
    decision = propose(meeting, amount="7500")

    html = article(login(voting_member).get(meeting.get_absolute_url()), decision)

    assert "overschrijdt de limiet van € 5.000,00 van Kernteam" in html
    assert "Dit mandaat ligt bij Beleidsgroep." in html


def test_the_coordinator_gets_an_escalate_button_on_an_out_of_mandate_decision(
    login, network, meeting, coordinator
):
    kernteam_limit(network)
    decision = propose(meeting, amount="7500")
    escalate = reverse("meetings:decision_escalate", kwargs={"network": network.slug, "pk": decision.pk})

    html = article(login(coordinator).get(meeting.get_absolute_url()), decision)

    assert f'action="{escalate}"' in html
    assert "Voorleggen aan Beleidsgroep" in html


def test_a_member_gets_no_escalate_button(login, network, meeting, voting_member):
    kernteam_limit(network)
    decision = propose(meeting, amount="7500")

    assert "Voorleggen aan" not in article(login(voting_member).get(meeting.get_absolute_url()), decision)


def test_the_chair_of_the_body_who_is_no_coordinator_gets_no_escalate_button(
    login, network, meeting, kernteam_chair
):
    kernteam_limit(network)
    decision = propose(meeting, amount="7500")

    html = article(login(kernteam_chair).get(meeting.get_absolute_url()), decision)

    assert "Stemming afsluiten" not in html  # nothing to close: it is out of mandate
    assert "Voorleggen aan" not in html


def test_an_escalated_decision_links_to_the_meeting_it_was_put_before(login, network, meeting, coordinator):
    kernteam_limit(network)
    decision = propose(meeting, amount="7500")
    target = meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))
    decision_escalate(decision=decision, by=coordinator)

    html = article(login(coordinator).get(meeting.get_absolute_url()), decision)

    assert "Voorleggen aan" not in html
    assert f'href="{target.get_absolute_url()}"' in html
    assert "Voorgelegd aan Beleidsgroep" in html


def test_an_escalated_decision_says_what_the_holder_made_of_it(login, network, meeting, coordinator, voting_member):
    from django.utils import timezone

    kernteam_limit(network)
    decision = propose(meeting, amount="7500")
    target = meeting_of(network, seed.BELEIDSGROEP, timezone.localdate())
    item = decision_escalate(decision=decision, by=coordinator)
    present(target, voting_member)
    taken = propose(target, amount="7500", agenda_item=item)
    decision_vote(decision=taken, person=person(voting_member), choice="for")
    decision_close(decision=taken, by=coordinator)

    html = article(login(coordinator).get(meeting.get_absolute_url()), decision)

    day = long_date(target.date)
    assert f'<a href="{taken.get_absolute_url()}">Aangenomen door Beleidsgroep op {day}</a>' in html


# Proposing ------------------------------------------------------------------------------


def test_a_member_gets_the_propose_form(login, meeting, voting_member):
    propose_url = reverse("meetings:decision_propose", kwargs={"network": meeting.body.network.slug, "meeting": meeting.pk})

    response = login(voting_member).get(meeting.get_absolute_url())

    assertContains(response, f'action="{propose_url}"')
    assertContains(response, 'name="amount_eur"')


def test_an_advisory_body_gets_no_propose_form_but_a_line_saying_it_advises(login, network, forum_member):
    meeting = meeting_of(network, seed.FORUM)

    response = login(forum_member).get(meeting.get_absolute_url())

    assertNotContains(response, 'name="amount_eur"')
    assertContains(response, "Netwerk Forum is een adviesorgaan: het neemt geen besluiten")


def test_a_cancelled_meeting_offers_no_forms(login, network, coordinator):
    meeting = meeting_of(network, status="cancelled")

    response = login(coordinator).get(meeting.get_absolute_url())

    assertContains(response, "Deze vergadering is geannuleerd")
    assertNotContains(response, 'name="amount_eur"')
    assertNotContains(response, 'name="person_')


def test_a_cancelled_meeting_shows_no_quorum(login, network, coordinator):
    meeting = meeting_of(network, status="cancelled")

    response = login(coordinator).get(meeting.get_absolute_url())

    assertNotContains(response, "Quorum niet bereikt")
    assertNotContains(response, "nodig voor het quorum")


def test_a_cancelled_meeting_offers_its_agenda_to_read_not_to_draw_up(login, network, coordinator):
    meeting = meeting_of(network, status="cancelled")

    response = login(coordinator).get(meeting.get_absolute_url())

    assertNotContains(response, "Agenda opstellen")
    assertContains(response, "Agenda bekijken")


# Cost -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 8])
def test_it_runs_the_same_number_of_queries_for_1_or_8_members_items_and_decisions(
    login, network, coordinator, voting_member, size, django_assert_max_num_queries
):
    kernteam_limit(network)
    meeting = meeting_of(network)
    meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))
    earlier = meeting_of(network, day=MEETING_DAY - datetime.timedelta(days=14), minutes_status="awaiting")
    seat = SeatFactory(body=meeting.body, count=None)
    for index in range(size):
        member = PersonFactory(network=network, user=UserFactory())
        MembershipFactory(seat=seat, person=member)
        AttendanceFactory(meeting=meeting, person=member)
        item = AgendaItemFactory(meeting=meeting, minutes=f"verslag {index}")
        ActionItem.objects.create(meeting=meeting, agenda_item=item, title=f"actie {index}", owner=member, due_date=MEETING_DAY)
        ActionItem.objects.create(meeting=earlier, title=f"oud {index}", owner=member, due_date=MEETING_DAY)
        decision_vote(decision=propose(meeting, text=f"open {index}"), person=member, choice="for")
        decision_escalate(decision=propose(meeting, text=f"te duur {index}", amount="7500"), by=None)
    AttendanceFactory(meeting=meeting, person=person(coordinator))
    client = login(coordinator)
    client.get(meeting.get_absolute_url())  # content types cached, as in a running server

    # session, user, network, the user's and groups' grants on the network,
    # meeting with body, the user's and groups' grants on the body; the page:
    # the user's person, memberships, attendance, agenda items, decisions, their
    # votes, the decisions taken on the items they were escalated to, whether the
    # body decides; the quorum's voting members and count; (CONDUCT) action items of
    # the items, the body's open actions, the previous meeting, the network's people
    # and the organisations they sit for (the substitute choice). Memberships and
    # voting members are read as sittings: each adds the seats filled by another body.
    with django_assert_max_num_queries(25):
        response = client.get(meeting.get_absolute_url())
    page = response.content.decode()
    assert page.count('<article class="decision"') == 2 * size
    assert page.count('name="choice" value="for"') == size
    assert page.count("actie ") >= size and page.count("oud ") >= size
